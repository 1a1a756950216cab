// The personal budget as shared CRDT data (issue 5): two people editing different spending plan lines, and the same
// line, both keep their changes and every copy converges, also on disk; an update that would store a figure the
// budget cannot hold is refused and changes nothing; the budget belongs to its section for rights and the history.
// Real server on port 0, temporary data directory, real y-websocket providers.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { budgetTotals } from '../../shared/budget.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { historyPageSchema } from '../../shared/history.js';
import { readBudget } from '../../shared/planData.js';
import { agreementViewSchema } from '../../shared/versions.js';
import { addTestMember, createTestPlan, type TestClient, useTestServer, waitForSync } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const BUDGET = 'data:budget';

describe('the personal budget, co-edited live', () => {
  const env = useTestServer();
  const { connect } = env;
  const { saved } = env;
  const budgetOf = (client: TestClient) => readBudget(client.doc.getMap(BUDGET).toJSON() as Record<string, unknown>);
  const lines = (client: TestClient) => client.doc.getMap(BUDGET).get('lines') as Y.Array<Y.Map<unknown>>;

  it('two people editing different lines, and the same line, both keep their changes; every copy and the disk agree', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const alex = await addTestMember(env.server, plan, { name: 'Alex', role: 'socialWorker' });
    const sam = await connect(plan.id, plan.owner);
    const soc = await connect(plan.id, alex);

    // Alex gives the figures and starts the spending plan with two lines.
    soc.doc.transact(() => {
      const budget = soc.doc.getMap(BUDGET);
      budget.set('indicativePence', 1_500_000);
      const list = new Y.Array<Y.Map<unknown>>();
      budget.set('lines', list);
      list.push([
        new Y.Map<unknown>(Object.entries({ id: 'pa', what: 'Personal assistant', amountPence: 4500, frequency: 'weekly' })),
        new Y.Map<unknown>(Object.entries({ id: 'club', what: 'Swimming club', amountPence: 2000, frequency: 'monthly' })),
      ]);
    });
    await saved(soc);
    await waitFor(() => budgetOf(sam).lines.length === 2, 'Sam to see the lines');

    // At the same moment: Sam changes line 1's cost and Alex line 2's; both change line 1's provider (one wins, the
    // same one everywhere); Sam adds a line while Alex removes none.
    sam.provider.disconnect();
    soc.provider.disconnect();
    lines(sam).get(0).set('amountPence', 5000);
    lines(soc).get(1).set('amountPence', 2500);
    lines(sam).get(0).set('provider', 'Jo (chosen by Sam)');
    lines(soc).get(0).set('provider', 'Agency');
    lines(sam).push([new Y.Map<unknown>(Object.entries({ id: 'bus', what: 'Bus pass', amountPence: 30000, frequency: 'oneOff' }))]);
    sam.provider.connect();
    soc.provider.connect();
    await waitForSync(sam);
    await waitForSync(soc);
    await saved(sam);
    await saved(soc);
    await waitFor(() => budgetOf(soc).lines.length === 3 && budgetOf(sam).lines[1]?.amountPence === 2500, 'both to converge');
    const seen = budgetOf(sam);
    expect(budgetOf(soc)).toEqual(seen);
    expect(seen.lines.map((l) => [l.id, l.amountPence])).toEqual([
      ['pa', 5000],
      ['club', 2500],
      ['bus', 30000],
    ]);
    expect(['Jo (chosen by Sam)', 'Agency']).toContain(seen.lines[0]!.provider);
    expect(budgetTotals(seen.lines, { indicativeYearlyPence: seen.indicativePence, finalYearlyPence: seen.finalPence })).toMatchObject({
      yearlyPence: 5000 * 52 + 2500 * 12 + 30000,
      status: 'within',
    });

    // From disk, after the plan closes and opens again: the same budget.
    sam.destroy();
    soc.destroy();
    await waitFor(() => env.server.rooms.openRoom(plan.id) === undefined, 'the plan to close');
    await env.server.rooms.settled(plan.id);
    const again = await connect(plan.id, plan.owner);
    expect(budgetOf(again)).toEqual(seen);

    // The history says who changed the budget, in its section.
    const page = historyPageSchema.parse(await (await fetch(`${env.server.url}/api/plans/${plan.id}/history`, { headers: { cookie: plan.owner.cookie } })).json());
    const edits = page.items.filter((i) => i.kind === 'edit').map((i) => [i.by?.displayName, i.sections]);
    expect(edits).toContainEqual(['Alex', ['personalBudget']]);
    expect(edits).toContainEqual(['Sam', ['personalBudget']]);
  });

  it('an update that would store a figure the budget cannot hold is refused, and changes nothing', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    sam.doc.getMap(BUDGET).set('indicativePence', 1_000_000);
    await saved(sam);
    const state = Y.encodeStateVector(sam.doc);

    for (const [key, value] of [
      ['indicativePence', -500],
      ['indicativePence', 12.5],
      ['finalPence', '15000'],
      ['secretField', 'x'],
    ] as const) {
      const rogue = await connect(plan.id, plan.owner);
      rogue.doc.getMap(BUDGET).set(key, value);
      await waitFor(() => rogue.closes.length > 0, `the server to refuse ${key} = ${JSON.stringify(value)}`);
      expect(rogue.closes[0]!.code).toBe(CloseCode.malformedMessage);
      rogue.destroy();
    }
    // Nothing of it reached the plan: a fresh copy has the one good figure, and the agreement hash is the same.
    const fresh = await connect(plan.id, plan.owner);
    expect(fresh.doc.getMap(BUDGET).toJSON()).toEqual({ indicativePence: 1_000_000 });
    expect(Y.encodeStateVector(fresh.doc)).toEqual(state);
  });

  it('the budget belongs to its section: someone who may not change it cannot, and a change makes agreements out of date', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const jo = await addTestMember(env.server, plan, { name: 'Jo', role: 'provider', level: 'view' });
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const viewer = await connect(plan.id, jo);
    viewer.doc.getMap(BUDGET).set('indicativePence', 100);
    await waitFor(() => viewer.closes.length > 0, 'the server to refuse a read-only member’s figure');
    expect(viewer.closes[0]!.code).toBe(CloseCode.changeRefused);

    const agree = await fetch(`${env.server.url}/api/plans/${plan.id}/agreement`, {
      method: 'POST',
      headers: { cookie: plan.owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'agree' }),
    });
    expect(agree.status).toBe(201);
    const meg = await connect(plan.id, megan);
    meg.doc.getMap(BUDGET).set('finalPence', 1_200_000);
    await saved(meg);
    const view = agreementViewSchema.parse(await (await fetch(`${env.server.url}/api/plans/${plan.id}/agreement`, { headers: { cookie: plan.owner.cookie } })).json());
    expect(view.statements.map((s) => [s.by.displayName, s.current])).toEqual([['Sam', false]]);
  });
});
