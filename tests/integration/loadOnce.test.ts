// A plan is loaded from disk once however many people open it at the same moment, and closed (and dropped from
// memory) when the last of them leaves; the next person to open it gets a fresh load.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTestMember, connectClient, createTestPlan, startTestServer, waitFor, waitForSync, type TestClient } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('a plan is loaded once', () => {
  let server: Server;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.dispose();
  });

  it('fifty people opening a plan at the same instant share one load, and the plan closes after they leave', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    // Five family members, each open ten times (as in ten tabs): who they are does not matter here, only how many.
    const family = [];
    for (let i = 0; i < 5; i++) family.push(await addTestMember(server, plan, { name: `Member ${i}`, role: 'family' }));
    const advocate = await addTestMember(server, plan, { name: 'Later', role: 'advocate' });
    const author = connectClient(server.url, plan.id, plan.owner);
    await waitForSync(author);
    author.type('aboutMe', 'Sam likes walking his dog.');
    author.type('reviews', 'Review every six months.');
    await waitFor(() => author.isSaved(), 'the content is saved');
    author.destroy();
    await waitFor(() => server.rooms.openCount === 0, 'the plan closes after its author leaves');

    const loadsBefore = server.rooms.loads;
    for (let i = 0; i < 50; i++) {
      const c = connectClient(server.url, plan.id, family[i % family.length]!);
      // As a browser does: say where you are, so everyone's presence is sent at once.
      c.provider.awareness.setLocalStateField('section', 'aboutMe');
      clients.push(c);
    }
    await Promise.all(clients.map(waitForSync));
    expect(server.rooms.loads - loadsBefore).toBe(1);
    expect(server.rooms.openCount).toBe(1);
    for (const c of clients) {
      expect(c.text('aboutMe')).toBe('Sam likes walking his dog.');
      expect(c.text('reviews')).toBe('Review every six months.');
    }
    // Everyone sees everyone: presence reaches all fifty, and nobody was turned away.
    await waitFor(() => clients.every((c) => c.provider.awareness.getStates().size === 50), 'everyone sees all fifty');
    expect(clients.flatMap((c) => c.closes)).toEqual([]);
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true);

    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => server.rooms.openCount === 0, 'the plan closes when the last person leaves');

    const later = connectClient(server.url, plan.id, advocate);
    clients.push(later);
    await waitForSync(later);
    expect(server.rooms.loads - loadsBefore).toBe(2);
    expect(later.text('aboutMe')).toBe('Sam likes walking his dog.');
  });
});
