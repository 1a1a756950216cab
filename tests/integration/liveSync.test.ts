// Several people write one plan at once over real y-websocket providers, and everything they write converges
// and is saved.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFieldName } from '../../shared/protocol.js';
import { connectClient, createTestPlan, startTestServer, waitFor, waitForSync, type TestClient } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('live sync', () => {
  let server: Server;
  const clients: TestClient[] = [];
  const client = (planId: string, name = 'Megan', role = 'family') => {
    const c = connectClient(server.url, planId, { name, role });
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
    const plan = await createTestPlan(server.url);
    const sam = client(plan.id, 'Sam', 'person');
    const megan = client(plan.id, 'Megan', 'family');
    await Promise.all([waitForSync(sam), waitForSync(megan)]);

    sam.type('aboutMe', 'I like walking my dog.');
    megan.type('myLifeNow', 'Sam goes to the day centre on Tuesdays.');
    await waitFor(() => megan.text('aboutMe') === 'I like walking my dog.', 'Megan sees Sam');
    await waitFor(() => sam.text('myLifeNow') === 'Sam goes to the day centre on Tuesdays.', 'Sam sees Megan');
    await waitFor(() => sam.isSaved() && megan.isSaved(), 'both saved');
  });

  it('ten people typing in the same section converge on the same content', async () => {
    const plan = await createTestPlan(server.url);
    const ten = Array.from({ length: 10 }, (_, i) => client(plan.id, `Member ${i}`, 'family'));
    await Promise.all(ten.map(waitForSync));
    for (let round = 0; round < 5; round++) {
      ten.forEach((c, i) => c.type('whatMatters', `${i}.${round} `, 0));
    }
    await waitFor(() => ten.every((c) => c.text('whatMatters') === ten[0]!.text('whatMatters')), 'convergence');
    expect(ten[0]!.text('whatMatters').split(' ').filter(Boolean)).toHaveLength(50);
    await waitFor(() => ten.every((c) => c.isSaved()), 'all saved');
  });

  it('a person who edits offline merges when they reconnect', async () => {
    const plan = await createTestPlan(server.url);
    const online = client(plan.id, 'Alex', 'socialWorker');
    const offline = client(plan.id, 'Jo', 'advocate');
    await Promise.all([waitForSync(online), waitForSync(offline)]);

    offline.provider.disconnect();
    offline.type('stayingInControl', 'Jo will help Sam with letters.');
    online.type('assessedNeeds', 'Needs support with meals.');
    expect(offline.isSaved()).toBe(false);
    offline.provider.connect();
    await waitFor(() => online.text('stayingInControl') === 'Jo will help Sam with letters.', 'offline edit arrives');
    await waitFor(() => offline.text('assessedNeeds') === 'Needs support with meals.', 'online edit arrives');
    await waitFor(() => offline.isSaved(), 'offline edit saved');
  });

  it('deleting and formatting count as unsaved until the server says they are on disk', async () => {
    const plan = await createTestPlan(server.url);
    const sam = client(plan.id, 'Sam', 'person');
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
    const reader = connectClient(again.url, plan.id, { name: 'Reader', role: 'advocate' });
    await waitForSync(reader);
    expect(reader.text('aboutMe')).toBe('<bold>sen</bold>tence I will take back.');
    reader.destroy();
    await again.close();
  });
});
