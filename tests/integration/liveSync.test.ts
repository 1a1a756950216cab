// Several people write one plan at once over real y-websocket providers, and everything they write converges
// and is saved.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
