// The structured parts of a plan (shared/planData.ts) in the update check: an update may only set the fields a part
// has, to values those fields can hold, and put records in its lists — first values and changed ones alike (Yjs
// writes a field's key only with its first value). Every update here is made by a real Y.Doc, as a browser makes it.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PLAN_ROOT_NAMES } from '../../shared/planData.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { checkUpdate } from '../../server/sync/updateCheck.js';

const BUDGET = 'data:budget';

/** A plan and a browser's copy of it; `change` runs in the copy and its update is checked against the plan. */
function planAndBrowser(setup?: (doc: Y.Doc) => void) {
  const plan = new Y.Doc({ gc: false });
  if (setup) setup(plan);
  const browser = new Y.Doc({ gc: false });
  Y.applyUpdate(browser, Y.encodeStateAsUpdate(plan));
  const check = (change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(browser);
    browser.transact(() => change(browser));
    const update = Y.encodeStateAsUpdate(browser, before);
    const result = checkUpdate(plan, update, PLAN_ROOT_NAMES);
    if (result.ok) Y.applyUpdate(plan, update);
    return result;
  };
  return { plan, browser, check };
}

const line = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));
const lines = (doc: Y.Doc) => doc.getMap(BUDGET).get('lines') as Y.Array<Y.Map<unknown>>;

describe('structured parts: what browsers send is accepted', () => {
  it('budget figures, a first spending plan and its lines, changed fields, removed lines', () => {
    const { check, plan } = planAndBrowser();
    expect(check((d) => d.getMap(BUDGET).set('indicativePence', 1_500_000))).toMatchObject({ ok: true, touched: new Set([BUDGET]) });
    expect(check((d) => d.getMap(BUDGET).set('howWorkedOut', 'From the council’s resource allocation system.')).ok).toBe(true);
    expect(
      check((d) => {
        const list = new Y.Array<Y.Map<unknown>>();
        d.getMap(BUDGET).set('lines', list);
        list.push([line({ id: 'a1', what: 'Personal assistant', provider: 'Jo', amountPence: 4500, frequency: 'weekly' })]);
      }).ok,
    ).toBe(true);
    expect(check((d) => lines(d).push([line({ id: 'b2', what: 'Day centre', amountPence: 10000, frequency: 'monthly' })])).ok).toBe(true);
    // A field changed again (its key comes from the earlier value), and cleared.
    expect(check((d) => lines(d).get(0).set('amountPence', 5000)).ok).toBe(true);
    expect(check((d) => lines(d).get(1).set('frequency', null)).ok).toBe(true);
    expect(check((d) => d.getMap(BUDGET).set('indicativePence', 1_600_000)).ok).toBe(true);
    expect(check((d) => lines(d).delete(0, 1)).ok).toBe(true);
    expect(check((d) => d.getMap('data:management').set('how', 'directPayment'))).toMatchObject({ ok: true, touched: new Set(['data:management']) });
    expect((plan.getMap(BUDGET).toJSON() as { lines: unknown[] }).lines).toEqual([{ id: 'b2', what: 'Day centre', amountPence: 10000, frequency: null }]);
  });

  it('two lines added in one update, the second after the first', () => {
    const { check } = planAndBrowser((d) => d.getMap(BUDGET).set('lines', new Y.Array()));
    expect(check((d) => lines(d).push([line({ id: 'x', amountPence: 1 }), line({ id: 'y', amountPence: 2 })])).ok).toBe(true);
    expect(check((d) => lines(d).insert(1, [line({ id: 'z', what: 'Between' })])).ok).toBe(true);
  });
});

describe('structured parts: what does not fit is refused', () => {
  const withLines = () => planAndBrowser((d) => {
    const list = new Y.Array<Y.Map<unknown>>();
    d.getMap(BUDGET).set('lines', list);
    list.push([line({ id: 'a1', amountPence: 4500, frequency: 'weekly' })]);
  });

  it('a value a field cannot hold: not money, the wrong kind, too long, not one of the choices', () => {
    for (const value of [-5, 12.5, '4500', 1e12, true, { pence: 1 }, [1]]) {
      const { check } = planAndBrowser();
      expect(check((d) => d.getMap(BUDGET).set('finalPence', value)), JSON.stringify(value)).toMatchObject({ ok: false, reason: expect.stringMatching(/finalPence/) as string });
    }
    expect(planAndBrowser().check((d) => d.getMap(BUDGET).set('howWorkedOut', 'x'.repeat(4001))).ok).toBe(false);
    expect(planAndBrowser().check((d) => d.getMap('data:management').set('how', 'cash in hand')).ok).toBe(false);
    expect(planAndBrowser().check((d) => d.getMap('data:management').set('directPaymentFrequency', 'oneOff')).ok).toBe(false);
  });

  it('a bad value given to a field that already has one (the key comes from the earlier value)', () => {
    const { check } = withLines();
    expect(check((d) => lines(d).get(0).set('amountPence', -100))).toMatchObject({ ok: false, reason: expect.stringMatching(/amountPence/) as string });
    expect(check((d) => lines(d).get(0).set('frequency', 'fortnightly')).ok).toBe(false);
    expect(check((d) => lines(d).get(0).set('id', '../../etc')).ok).toBe(false);
  });

  it('fields and places a part does not have, and the wrong kind of thing in them', () => {
    expect(planAndBrowser().check((d) => d.getMap(BUDGET).set('secret', 'x')).ok).toBe(false);
    expect(planAndBrowser().check((d) => d.getMap(BUDGET).set('lines', 'not a list')).ok).toBe(false);
    expect(planAndBrowser().check((d) => d.getMap(BUDGET).set('indicativePence', new Y.Map())).ok).toBe(false);
    expect(planAndBrowser().check((d) => d.getMap(BUDGET).set('lines', new Y.Map())).ok).toBe(false);
    expect(planAndBrowser().check((d) => d.getMap(BUDGET).set('howWorkedOut', new Y.Text('rich'))).ok).toBe(false);
    const { check } = withLines();
    expect(check((d) => lines(d).push([5 as unknown as Y.Map<unknown>])).ok).toBe(false);
    expect(check((d) => lines(d).push([new Y.Array() as unknown as Y.Map<unknown>])).ok).toBe(false);
    expect(check((d) => lines(d).get(0).set('notes', 'x')).ok).toBe(false);
    expect(check((d) => lines(d).get(0).set('what', new Y.Map())).ok).toBe(false);
    // A part used as a list, or as rich text.
    expect(planAndBrowser().check((d) => d.getArray(BUDGET).push(['x'])).ok).toBe(false);
    expect(planAndBrowser().check((d) => d.getXmlFragment(BUDGET).insert(0, [new Y.XmlElement('paragraph')])).ok).toBe(false);
    // Nor can a section's rich text hold a part's kind of content.
    expect(planAndBrowser().check((d) => d.getXmlFragment(sectionFieldName('aboutMe')).insert(0, [new Y.Map() as unknown as Y.XmlElement])).ok).toBe(false);
    // And a part nobody has described is not a part.
    expect(planAndBrowser().check((d) => d.getMap('data:other').set('a', 1)).ok).toBe(false);
  });

  it('the front page: the person’s details, a language of the two, and who can act for them', () => {
    const { check } = planAndBrowser();
    expect(check((d) => d.getMap('data:frontPage').set('addressAs', 'Sam'))).toMatchObject({ ok: true, touched: new Set(['data:frontPage']) });
    expect(check((d) => d.getMap('data:frontPage').set('language', 'cy')).ok).toBe(true);
    expect(planAndBrowser().check((d) => d.getMap('data:frontPage').set('language', 'fr')).ok).toBe(false);
    expect(
      check((d) => {
        const list = new Y.Array<Y.Map<unknown>>();
        d.getMap('data:frontPage').set('actors', list);
        list.push([new Y.Map<unknown>(Object.entries({ id: 'c1', name: 'Cerys Evans', kind: 'attorneyMoney', contact: '07700 900123' }))]);
      }).ok,
    ).toBe(true);
    // (Each refused change is the last this browser sends: the plan never has it, so later ones would have a gap.)
    expect(planAndBrowser().check((d) => d.getMap('data:frontPage').set('communicationNeeds', 'x'.repeat(2001))).ok).toBe(false);
    expect(check((d) => (d.getMap('data:frontPage').get('actors') as Y.Array<Y.Map<unknown>>).get(0).set('kind', 'boss'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/kind/) as string,
    });
  });

  it('outcomes with a baseline score from 1 to 10, and actions with a day and a done state', () => {
    const { check } = planAndBrowser();
    const push = (root: string, fields: Record<string, unknown>) => (d: Y.Doc) => {
      let list = d.getMap(root).get('list') as Y.Array<Y.Map<unknown>> | undefined;
      if (!list) {
        list = new Y.Array<Y.Map<unknown>>();
        d.getMap(root).set('list', list);
      }
      list.push([new Y.Map<unknown>(Object.entries(fields))]);
    };
    expect(check(push('data:outcomes', { id: 'o1', text: 'See my brother every week', baseline: 4 }))).toMatchObject({ ok: true, touched: new Set(['data:outcomes']) });
    expect(check(push('data:actions', { id: 'a1', what: 'Book the bus pass', who: 'Megan', byWhen: '2027-01-31', outcomeId: 'o1', done: false })).ok).toBe(true);
    for (const [root, fields] of [
      ['data:outcomes', { id: 'o2', baseline: 0 }],
      ['data:outcomes', { id: 'o2', baseline: 11 }],
      ['data:outcomes', { id: 'o2', baseline: 4.5 }],
      ['data:actions', { id: 'a2', done: 'yes' }],
      ['data:actions', { id: 'a2', byWhen: '31/01/2027' }],
      ['data:actions', { id: 'a2', outcomeId: 'not an id!' }],
    ] as const) {
      expect(planAndBrowser().check(push(root, fields)).ok, JSON.stringify(fields)).toBe(false);
    }
  });
});
