// Several people write one plan at once over real y-websocket providers, and everything they write converges
// and is saved.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { addTestMember, connectClient, createTestPlan, startTestServer, waitFor, waitForSync, type TestClient, type TestMember } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('live sync', () => {
  let server: Server;
  const clients: TestClient[] = [];
  const client = (planId: string, member: TestMember) => {
    const c = connectClient(server.url, planId, member);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.dispose();
  });

  it('two people editing different sections see each other and both are saved', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const sam = client(plan.id, plan.owner);
    const megan = client(plan.id, await addTestMember(server, plan, { name: 'Megan', role: 'family' }));
    await Promise.all([waitForSync(sam), waitForSync(megan)]);

    // Each in a section they may edit: Sam in his own words, Megan in one the whole circle writes.
    sam.type('aboutMe', 'I like walking my dog.');
    megan.type('howNeedsMet', 'Sam goes to the day centre on Tuesdays.');
    await waitFor(() => megan.text('aboutMe') === 'I like walking my dog.', 'Megan sees Sam');
    await waitFor(() => sam.text('howNeedsMet') === 'Sam goes to the day centre on Tuesdays.', 'Sam sees Megan');
    await waitFor(() => sam.isSaved() && megan.isSaved(), 'both saved');
  });

  it('ten people typing in the same section converge on the same content', async () => {
    const plan = await createTestPlan(server);
    const members = [];
    for (let i = 0; i < 10; i++) members.push(await addTestMember(server, plan, { name: `Member ${i}`, role: 'family' }));
    const ten = members.map((m) => client(plan.id, m));
    await Promise.all(ten.map(waitForSync));
    // A section every member with edit rights may write.
    for (let round = 0; round < 5; round++) {
      ten.forEach((c, i) => c.type('stayingSafe', `${i}.${round} `, 0));
    }
    await waitFor(() => ten.every((c) => c.text('stayingSafe') === ten[0]!.text('stayingSafe')), 'convergence');
    expect(ten[0]!.text('stayingSafe').split(' ').filter(Boolean)).toHaveLength(50);
    await waitFor(() => ten.every((c) => c.isSaved()), 'all saved');
  });

  it('a person who edits offline merges when they reconnect', async () => {
    const plan = await createTestPlan(server);
    const online = client(plan.id, await addTestMember(server, plan, { name: 'Alex', role: 'socialWorker' }));
    const offline = client(plan.id, await addTestMember(server, plan, { name: 'Jo', role: 'advocate' }));
    await Promise.all([waitForSync(online), waitForSync(offline)]);

    offline.provider.disconnect();
    offline.type('informationAdvice', 'Jo will help Sam with letters.');
    online.type('assessedNeeds', 'Needs support with meals.');
    expect(offline.isSaved()).toBe(false);
    offline.provider.connect();
    await waitFor(() => online.text('informationAdvice') === 'Jo will help Sam with letters.', 'offline edit arrives');
    await waitFor(() => offline.text('assessedNeeds') === 'Needs support with meals.', 'online edit arrives');
    await waitFor(() => offline.isSaved(), 'offline edit saved');
  });

  it('deleting and formatting count as unsaved until the server says they are on disk', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const reader = await addTestMember(server, plan, { name: 'Reader', role: 'advocate', level: 'view' });
    const sam = client(plan.id, plan.owner);
    await waitForSync(sam);
    sam.type('aboutMe', 'A sentence I will take back.');
    await waitFor(() => sam.isSaved(), 'typing saved');

    const text = () => (sam.doc.getXmlFragment(sectionFieldName('aboutMe')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    sam.doc.transact(() => text().delete(0, 2)); // adds nothing to the state vector, but must still be saved
    expect(sam.isSaved()).toBe(false);
    await waitFor(() => sam.isSaved(), 'deletion saved');
    sam.doc.transact(() => text().format(0, 3, { bold: {} }));
    expect(sam.isSaved()).toBe(false);
    await waitFor(() => sam.isSaved(), 'formatting saved');

    // What is on disk has the deletion: a server started on the same data shows it.
    await server.close();
    const again = await startTestServer(server.dataDir);
    const readerClient = connectClient(again.url, plan.id, reader);
    await waitForSync(readerClient);
    expect(readerClient.text('aboutMe')).toBe('<bold>sen</bold>tence I will take back.');
    readerClient.destroy();
    await again.close();
  });
});
