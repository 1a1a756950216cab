// The structured parts compared field by field (server/history/partChanges.ts) and restored
// (server/history/restoreSection.ts): empty values all read as "not given", lines are matched by id, who changed a
// value is whoever wrote the item that holds it; a restore brings back every field and line, and the server's check
// takes it as it takes a member's typing.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffPart, partsThen, sectionPartChanges } from '../../server/history/partChanges.js';
import { partContent } from '../../server/history/planContent.js';
import { restoreSection } from '../../server/history/restoreSection.js';
import { checkUpdate } from '../../server/sync/updateCheck.js';
import { PLAN_ROOT_NAMES } from '../../shared/planData.js';
import type { DiffChange } from '../../shared/versions.js';

const pa = { id: 'pa', what: 'Personal assistant', provider: 'Jo', amountPence: 4500, frequency: 'weekly' };
const club = { id: 'club', what: 'Swimming club', amountPence: 2000, frequency: 'monthly' };

describe('comparing a structured part', () => {
  it('reports each field given, changed or cleared, in the order the part describes them', () => {
    expect(diffPart('budget', { finalPence: 100, indicativePence: 1_200_000, howWorkedOut: 'A' }, { indicativePence: 1_500_000, personContributionPence: 0, howWorkedOut: '' })).toEqual([
      { part: 'budget', list: null, itemId: null, field: 'indicativePence', kind: 'changed', before: 1_200_000, after: 1_500_000, line: null },
      { part: 'budget', list: null, itemId: null, field: 'finalPence', kind: 'removed', before: 100, after: null, line: null },
      { part: 'budget', list: null, itemId: null, field: 'personContributionPence', kind: 'added', before: null, after: 0, line: null },
      { part: 'budget', list: null, itemId: null, field: 'howWorkedOut', kind: 'removed', before: 'A', after: null, line: null },
    ]);
  });

  it('reads empty values alike: null, an empty word and a field never given are the same; no is "not done"', () => {
    expect(diffPart('reviews', { agreedOn: null, nextReview: '' }, { firstReview: null })).toEqual([]);
    expect(diffPart('actions', { list: [{ id: 'a', what: 'Call', done: false }] }, { list: [{ id: 'a', what: 'Call', who: '' }] })).toEqual([]);
    expect(diffPart('actions', { list: [{ id: 'a', what: 'Call' }] }, { list: [{ id: 'a', what: 'Call', done: true }] })).toMatchObject([
      { list: 'list', itemId: 'a', field: 'done', kind: 'changed', before: false, after: true },
    ]);
  });

  it('matches lines by id: changed fields, lines added (in order) and removed; a line moved or only begun is no change', () => {
    const changes = diffPart('budget', { lines: [pa, club, { id: 'empty' }] }, { lines: [{ id: 'bus', what: 'Bus pass' }, { ...pa, amountPence: 5000, provider: null }, { id: 'new' }] });
    expect(changes.map((c) => [c.itemId, c.field, c.kind, c.before, c.after])).toEqual([
      ['bus', null, 'added', null, { id: 'bus', what: 'Bus pass', provider: null, amountPence: null, frequency: null }],
      ['pa', 'provider', 'removed', 'Jo', null],
      ['pa', 'amountPence', 'changed', 4500, 5000],
      ['club', null, 'removed', { ...club, provider: null }, null],
    ]);
    expect(changes[1]!.line).toEqual({ ...pa, amountPence: 5000, provider: null });
    expect(diffPart('budget', { lines: [pa, club] }, { lines: [club, pa] })).toEqual([]);
  });

  it('compares the people who can act for the person on the front page, and its own fields', () => {
    const before = { name: 'Sam', actors: [{ id: 'x', name: 'Jo', kind: 'deputy' }] };
    const after = { name: 'Sam Evans', language: 'cy', actors: [{ id: 'x', name: 'Jo', kind: 'advocate', contact: '01234' }] };
    expect(diffPart('frontPage', before, after).map((c) => [c.list, c.field, c.kind, c.before, c.after])).toEqual([
      [null, 'name', 'changed', 'Sam', 'Sam Evans'],
      [null, 'language', 'added', null, 'cy'],
      ['actors', 'kind', 'changed', 'deputy', 'advocate'],
      ['actors', 'contact', 'added', null, '01234'],
    ]);
  });
});

describe('who changed a structured part, and restoring it', () => {
  /** Two people's documents; each change noted with who made it, by the clocks it wrote and the items it deleted. */
  function twoPeople() {
    const doc = new Y.Doc({ gc: false });
    const wrote: [client: number, from: number, to: number, who: string][] = [];
    const deleted: [client: number, from: number, to: number, who: string][] = [];
    const change = (who: string, work: (budget: Y.Map<unknown>) => void) => {
      const clientBefore = doc.clientID;
      doc.clientID = who === 'alex' ? 1001 : 1002;
      const start = Y.getState(doc.store, doc.clientID);
      const onTransaction = (tr: Y.Transaction) => {
        for (const [client, ranges] of tr.deleteSet.clients) for (const r of ranges) deleted.push([client, r.clock, r.clock + r.len, who]);
      };
      doc.on('afterTransaction', onTransaction);
      doc.transact(() => work(doc.getMap('data:budget')));
      doc.off('afterTransaction', onTransaction);
      wrote.push([doc.clientID, start, Y.getState(doc.store, doc.clientID), who]);
      doc.clientID = clientBefore;
    };
    const attribute = (type: 'added' | 'removed', id: Y.ID): DiffChange => {
      const found = (type === 'added' ? wrote : deleted).find(([client, from, to]) => client === id.client && id.clock >= from && id.clock < to);
      return { type, accountId: found?.[3] ?? null, at: null };
    };
    return { doc, change, attribute };
  }
  const lineOf = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));

  it('names whoever wrote the value there now, or took the value or line away', () => {
    const { doc, change, attribute } = twoPeople();
    change('sam', (budget) => {
      budget.set('indicativePence', 1_200_000);
      budget.set('howWorkedOut', 'By the council');
      const lines = new Y.Array<Y.Map<unknown>>();
      budget.set('lines', lines);
      lines.push([lineOf(pa), lineOf(club)]);
    });
    const then = partsThen(doc, 'personalBudget');
    change('alex', (budget) => {
      budget.set('indicativePence', 1_500_000);
      (budget.get('lines') as Y.Array<Y.Map<unknown>>).delete(1, 1);
    });
    change('sam', (budget) => {
      budget.delete('howWorkedOut');
      (budget.get('lines') as Y.Array<Y.Map<unknown>>).get(0).set('provider', 'Agency');
    });
    expect(sectionPartChanges(doc, 'personalBudget', then, attribute).map((c) => [c.field ?? c.itemId, c.kind, c.accountId])).toEqual([
      ['indicativePence', 'changed', 'alex'],
      ['howWorkedOut', 'removed', 'sam'],
      ['provider', 'changed', 'sam'],
      ['club', 'removed', 'alex'],
    ]);
  });

  it('restores every field and line of a section’s parts, as a change the server’s check takes', () => {
    const then = new Y.Doc({ gc: false });
    then.transact(() => {
      const budget = then.getMap('data:budget');
      budget.set('indicativePence', 1_200_000);
      const lines = new Y.Array<Y.Map<unknown>>();
      budget.set('lines', lines);
      lines.push([lineOf(pa), lineOf(club)]);
    });
    const plan = new Y.Doc({ gc: false });
    Y.applyUpdate(plan, Y.encodeStateAsUpdate(then));
    plan.transact(() => {
      const budget = plan.getMap('data:budget');
      budget.set('indicativePence', 1_500_000);
      budget.set('finalPence', 1_400_000);
      (budget.get('lines') as Y.Array<Y.Map<unknown>>).get(0).set('amountPence', 5000);
      plan.getMap('data:management').set('how', 'directPayment');
    });
    const working = new Y.Doc({ gc: false });
    Y.applyUpdate(working, Y.encodeStateAsUpdate(plan));
    const before = Y.encodeStateVector(working);
    working.transact(() => restoreSection(working, then, 'personalBudget'));
    const check = checkUpdate(plan, Y.encodeStateAsUpdate(working, before), PLAN_ROOT_NAMES);
    expect(check).toMatchObject({ ok: true, touched: new Set(['data:budget']) });
    Y.applyUpdate(plan, Y.encodeStateAsUpdate(working, before));
    expect(plan.getMap('data:budget').toJSON()).toEqual(then.getMap('data:budget').toJSON());
    expect(partContent(plan, 'data:budget')).toBe(partContent(then, 'data:budget'));
    // Another section's part is left as it is.
    expect(plan.getMap('data:management').get('how')).toBe('directPayment');
  });
});
