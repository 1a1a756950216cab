// Versions, comparison, restore and agreement (issue 4): a version names the plan by a hash of what it says; comparing
// two points attributes every addition and removal to the member whose connection made it; a restore is a new change
// by the restorer that leaves every earlier entry as it was; an agreement is given for a content hash and goes out
// of date when the plan changes. Real server on port 0, temporary data directory, real y-websocket providers.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyAuthorsSchema, historyPageSchema, historyVerificationSchema } from '../../shared/history.js';
import { LIMITS } from '../../shared/limits.js';
import { readBudget, readOutcomes } from '../../shared/planData.js';
import { MessageType, sectionFieldName } from '../../shared/protocol.js';
import {
  agreementStatementSchema,
  agreementViewSchema,
  planComparisonSchema,
  restoreResultSchema,
  versionListSchema,
  versionSchema,
  type PlanComparison,
  type SectionDiff,
} from '../../shared/versions.js';
import { addTestMember, createTestPlan, useTestServer, type TestClient, type TestMember } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const BUDGET = 'data:budget';

describe('versions, comparison, restore and agreement', () => {
  const env = useTestServer();
  const { connect } = env;
  const request = async (member: TestMember, method: 'GET' | 'POST', route: string, body?: unknown) => {
    const res = await fetch(`${env.server.url}${route}`, {
      method,
      headers: { cookie: member.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const ok = async (member: TestMember, method: 'GET' | 'POST', route: string, body?: unknown) => {
    const answer = await request(member, method, route, body);
    expect(answer.status, `${method} ${route}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const { saved } = env;
  const paragraph = (client: TestClient, sectionId: string) => {
    client.type(sectionId, '');
    return (client.doc.getXmlFragment(sectionFieldName(sectionId)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  };
  const saveVersion = async (member: TestMember, planId: string, name: string) =>
    versionSchema.parse(await ok(member, 'POST', `/api/plans/${planId}/versions`, { name }));
  const compare = async (member: TestMember, planId: string, from: number, to?: number) =>
    planComparisonSchema.parse(await ok(member, 'GET', `/api/plans/${planId}/compare?from=${from}${to ? `&to=${to}` : ''}`));
  const section = (comparison: PlanComparison, id: string) => comparison.sections.find((s) => s.sectionId === id)!;
  /** A section's changes as [type, who, text], in order. */
  const changes = (diff: SectionDiff) =>
    diff.blocks.flatMap((b) => b.runs.filter((r) => r.change).map((r) => [r.change!.type, r.change!.accountId, r.text]));
  /** A section's text at one end of a comparison: what was there then ('from'), or what is there now ('to'). */
  const textAt = (diff: SectionDiff, end: 'from' | 'to') =>
    diff.blocks
      .filter((b) => b.change?.type !== (end === 'from' ? 'added' : 'removed'))
      .map((b) => b.runs.filter((r) => r.change?.type !== (end === 'from' ? 'added' : 'removed')).map((r) => r.text).join(''))
      .join('\n');

  it('compares a saved version with now, attributing every addition and removal to the member who made it', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    const meg = await connect(plan.id, megan);

    sam.type('howNeedsMet', 'Sam goes swimming on Tuesdays.');
    sam.type('aboutMe', 'I like trains.');
    await saved(sam);
    const draft = await saveVersion(plan.owner, plan.id, 'Draft for review meeting, 3 March');
    expect(draft).toMatchObject({ name: 'Draft for review meeting, 3 March', by: { displayName: 'Sam', role: 'person' }, current: true });

    await waitFor(() => meg.text('howNeedsMet').includes('Tuesdays'), 'Megan to see Sam’s words');
    const text = paragraph(meg, 'howNeedsMet');
    const at = text.toString().indexOf(' on Tuesdays');
    meg.doc.transact(() => {
      text.delete(at, ' on Tuesdays'.length);
      text.insert(at, ' with Megan every Friday');
    });
    await saved(meg);

    const comparison = await compare(plan.owner, plan.id, draft.seq);
    expect(comparison.from).toEqual({ seq: draft.seq, at: expect.any(String), versionName: 'Draft for review meeting, 3 March' });
    expect(comparison.toNow).toBe(true);
    const needs = section(comparison, 'howNeedsMet');
    expect(needs.changed).toBe(true);
    expect(changes(needs)).toEqual([
      ['removed', megan.accountId, ' on Tuesdays'],
      ['added', megan.accountId, ' with Megan every Friday'],
    ]);
    expect(needs.byAuthor).toEqual([{ accountId: megan.accountId, addedWords: 4, removedWords: 2 }]);
    expect(textAt(needs, 'from')).toBe('Sam goes swimming on Tuesdays.');
    expect(textAt(needs, 'to')).toBe('Sam goes swimming with Megan every Friday.');
    // Unchanged sections say so, and keep their words.
    expect(section(comparison, 'aboutMe')).toMatchObject({ changed: false, byAuthor: [] });
    expect(textAt(section(comparison, 'aboutMe'), 'to')).toBe('I like trains.');
    expect(comparison.people).toEqual([{ accountId: megan.accountId, displayName: 'Megan', role: 'family' }]);

    // The version is no longer the plan as it is; a new one is, and the two compare the same way (either order).
    const later = await saveVersion(megan, plan.id, 'After Megan’s changes');
    const list = versionListSchema.parse(await ok(megan, 'GET', `/api/plans/${plan.id}/versions`));
    expect(list.versions.map((v) => [v.name, v.current])).toEqual([
      ['After Megan’s changes', true],
      ['Draft for review meeting, 3 March', false],
    ]);
    expect(later.contentHash).not.toBe(draft.contentHash);
    const between = await compare(megan, plan.id, later.seq, draft.seq);
    expect(between.from.seq).toBe(draft.seq);
    expect(between.toNow).toBe(true);
    expect(changes(section(between, 'howNeedsMet'))).toEqual(changes(needs));

    // Both versions are in the timeline, with who saved them.
    const page = historyPageSchema.parse(await ok(sam.doc ? plan.owner : megan, 'GET', `/api/plans/${plan.id}/history`));
    expect(page.items.filter((i) => i.kind === 'version').map((i) => [i.by?.displayName, i.version?.name])).toEqual([
      ['Megan', 'After Megan’s changes'],
      ['Sam', 'Draft for review meeting, 3 March'],
    ]);
  });

  it('names a version by what the plan says: the same words give the same hash, however they were typed', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'I like trains.');
    await saved(sam);
    const first = await saveVersion(plan.owner, plan.id, 'First');
    // Typed away and typed back: different Yjs content, the same words.
    const text = paragraph(sam, 'aboutMe');
    text.delete(7, 6);
    text.insert(7, 'buses');
    await saved(sam);
    expect((await saveVersion(plan.owner, plan.id, 'Buses')).contentHash).not.toBe(first.contentHash);
    text.delete(7, 5);
    text.insert(7, 'trains');
    await saved(sam);
    const again = await saveVersion(plan.owner, plan.id, 'Trains again');
    expect(again.contentHash).toBe(first.contentHash);
    expect(again.seq).toBeGreaterThan(first.seq);
  });

  it('refuses bad version requests with a clear answer', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const viewer = await addTestMember(env.server, plan, { name: 'Jo', role: 'provider', level: 'view' });
    const outsider = await createTestPlan(env.server, 'england', 'Dai');
    const post = (member: TestMember, body: unknown) => request(member, 'POST', `/api/plans/${plan.id}/versions`, body);

    expect((await post(plan.owner, { name: '   ' })).status).toBe(400);
    expect((await post(plan.owner, { name: 'x'.repeat(121) })).status).toBe(400);
    expect((await post(plan.owner, { name: 'ok', extra: 1 })).status).toBe(400);
    expect(await post(viewer, { name: 'Mine' })).toMatchObject({ status: 403, body: { error: { id: 'notAllowed' } } });
    expect(await post(outsider.owner, { name: 'Mine' })).toMatchObject({ status: 403, body: { error: { id: 'notInCircle' } } });
    expect((await request(plan.owner, 'GET', `/api/plans/${plan.id}/compare?from=999`)).body).toMatchObject({ error: { id: 'historyEntryNotFound' } });
    expect((await request(plan.owner, 'GET', `/api/plans/${plan.id}/compare?from=0`)).status).toBe(400);
    expect((await request(plan.owner, 'GET', `/api/plans/${plan.id}/compare?from=abc`)).status).toBe(400);
    expect((await request(plan.owner, 'GET', `/api/plans/AAAAAAAAAAAAAAAAAAAAAA/versions`)).status).toBe(404);
    const unsigned = await fetch(`${env.server.url}/api/plans/${plan.id}/versions`);
    expect(unsigned.status).toBe(401);
    // A viewer may still read the versions and compare them.
    expect(versionListSchema.parse(await ok(viewer, 'GET', `/api/plans/${plan.id}/versions`)).versions).toEqual([]);
  });

  it('limits how often one member may rebuild the plan from its history (comparisons, past versions, restores)', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Some words.');
    await saved(sam);
    const routes = [`/api/plans/${plan.id}/compare?from=1`, `/api/plans/${plan.id}/history/1/document`];
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.maxHistoryRebuildsPerMinute + 1; i++) statuses.push((await request(plan.owner, 'GET', routes[i % 2]!)).status);
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(await request(plan.owner, 'GET', routes[0]!)).toMatchObject({ status: 429, body: { error: { id: 'tooManyRebuilds' } } });
    expect(await request(plan.owner, 'POST', `/api/plans/${plan.id}/restore`, { seq: 1 })).toMatchObject({ status: 429 });
    // Per account: Megan is not held up, and the plan itself carries on.
    expect((await request(megan, 'GET', routes[0]!)).status).toBe(200);
    sam.type('aboutMe', ' More.', 'Some words.'.length);
    await saved(sam);
  });

  it('restores a section as a new change by the restorer; every earlier entry stays exactly as it was', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    const meg = await connect(plan.id, megan);
    sam.type('howNeedsMet', 'A personal assistant three mornings a week.');
    sam.type('aboutMe', 'I like trains.');
    await saved(sam);
    const version = await saveVersion(plan.owner, plan.id, 'Agreed at the meeting');
    await waitFor(() => meg.text('howNeedsMet').includes('mornings'), 'Megan to see it');
    const text = paragraph(meg, 'howNeedsMet');
    text.delete(0, text.length);
    text.insert(0, 'Day centre on Mondays.');
    await saved(meg);
    sam.type('aboutMe', ' And buses.', 'I like trains.'.length);
    await saved(sam);
    await waitFor(() => sam.text('howNeedsMet') === 'Day centre on Mondays.', 'Sam to see Megan’s change');

    const before = await env.server.histories.all(plan.id); // everything so far written out
    // Megan may not restore the whole plan: it would change Sam's own words. Nothing changes.
    expect(await request(megan, 'POST', `/api/plans/${plan.id}/restore`, { seq: version.seq })).toMatchObject({
      status: 403,
      body: { error: { id: 'sectionNotYours' } },
    });
    expect(await env.server.history.read(plan.id)).toEqual(before);

    // She may restore the section she can edit; Sam sees it come back live, and About me keeps its new words.
    const result = restoreResultSchema.parse(await ok(megan, 'POST', `/api/plans/${plan.id}/restore`, { seq: version.seq, sectionId: 'howNeedsMet' }));
    expect(result.restored).toEqual(['howNeedsMet']);
    await waitFor(() => sam.text('howNeedsMet') === 'A personal assistant three mornings a week.', 'Sam to see the restore');
    expect(sam.text('aboutMe')).toBe('I like trains. And buses.');

    const after = await env.server.history.read(plan.id);
    expect(after.slice(0, before.length)).toEqual(before);
    const restore = after.find((e) => e.seq === result.seq)!;
    expect(restore).toMatchObject({ kind: 'restore', accountId: megan.accountId, role: 'family', sections: ['howNeedsMet'], restore: { fromSeq: version.seq } });
    const page = historyPageSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history`));
    expect(page.items[0]).toMatchObject({ kind: 'restore', by: { displayName: 'Megan' }, sections: ['howNeedsMet'], restore: { fromSeq: version.seq, versionName: 'Agreed at the meeting' } });
    expect(historyPageSchema.parse(page).items.length).toBeGreaterThan(3);
    expect(historyVerificationSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history/verify`))).toMatchObject({ ok: true });

    // The restored words are a change by Megan: who-wrote-what and the comparison both say so.
    const authors = historyAuthorsSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history/authors`));
    const restoredBy = new Map(authors.clients);
    let item = (paragraph(sam, 'howNeedsMet') as unknown as { _start: Y.Item | null })._start;
    const writers = new Set<string | undefined>();
    for (; item; item = item.right) if (!item.deleted && item.content instanceof Y.ContentString) writers.add(restoredBy.get(item.id.client));
    expect(writers).toEqual(new Set([megan.accountId]));
    // Compared with the version, the section reads as it did: no changes to show, though Megan wrote it again.
    const sinceVersion = await compare(plan.owner, plan.id, version.seq);
    expect(section(sinceVersion, 'howNeedsMet')).toMatchObject({ changed: false, byAuthor: [] });
    expect(changes(section(sinceVersion, 'howNeedsMet'))).toEqual([]);
    expect(textAt(section(sinceVersion, 'howNeedsMet'), 'to')).toBe('A personal assistant three mornings a week.');
    expect(section(sinceVersion, 'aboutMe').changed).toBe(true);

    // Restoring again changes nothing and records nothing.
    const again = restoreResultSchema.parse(await ok(megan, 'POST', `/api/plans/${plan.id}/restore`, { seq: version.seq, sectionId: 'howNeedsMet' }));
    expect(again).toEqual({ restored: [], seq: null });
    expect((await request(megan, 'POST', `/api/plans/${plan.id}/restore`, { seq: 10_000 })).status).toBe(404);
    expect((await request(megan, 'POST', `/api/plans/${plan.id}/restore`, { seq: 1, sectionId: 'nope' })).status).toBe(400);

    // Sam, whose plan it is, restores the whole plan: About me goes back too.
    const whole = restoreResultSchema.parse(await ok(plan.owner, 'POST', `/api/plans/${plan.id}/restore`, { seq: version.seq }));
    expect(whole.restored).toEqual(['aboutMe']);
    await waitFor(() => meg.text('aboutMe') === 'I like trains.', 'Megan to see About me restored');
  });

  it('a restore also works on a plan nobody has open, and is saved', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Version one.');
    await saved(sam);
    const v1 = await saveVersion(plan.owner, plan.id, 'One');
    const text = paragraph(sam, 'aboutMe');
    text.delete(0, text.length);
    text.insert(0, 'Version two.');
    await saved(sam);
    sam.destroy();
    await waitFor(() => env.server.rooms.openRoom(plan.id) === undefined, 'the plan to close');

    expect(restoreResultSchema.parse(await ok(plan.owner, 'POST', `/api/plans/${plan.id}/restore`, { seq: v1.seq })).restored).toEqual(['aboutMe']);
    await waitFor(() => env.server.rooms.openRoom(plan.id) === undefined, 'the plan to close again');
    const reopened = await connect(plan.id, plan.owner);
    expect(reopened.text('aboutMe')).toBe('Version one.');
  });

  it('compares the structured parts field by field, naming who changed each, and restores a section changed only in its budget', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const alex = await addTestMember(env.server, plan, { name: 'Alex', role: 'socialWorker' });
    const sam = await connect(plan.id, plan.owner);
    const soc = await connect(plan.id, alex);
    const budgetOf = (client: TestClient) => readBudget(client.doc.getMap(BUDGET).toJSON() as Record<string, unknown>);
    const lines = (client: TestClient) => client.doc.getMap(BUDGET).get('lines') as Y.Array<Y.Map<unknown>>;
    const line = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));

    sam.type('personalBudget', 'The council gave the figure in March.');
    sam.doc.transact(() => {
      const budget = sam.doc.getMap(BUDGET);
      budget.set('indicativePence', 1_200_000);
      const list = new Y.Array<Y.Map<unknown>>();
      budget.set('lines', list);
      list.push([
        line({ id: 'pa', what: 'Personal assistant', provider: 'Jo', amountPence: 4500, frequency: 'weekly' }),
        line({ id: 'club', what: 'Swimming club', amountPence: 2000, frequency: 'monthly' }),
      ]);
    });
    await saved(sam);
    const version = await saveVersion(plan.owner, plan.id, 'Budget as first given');
    const asSaved = budgetOf(sam);

    // Alex changes the figure and a line's cost, gives a final figure, adds a line and takes one away; Sam, whose
    // words the outcomes are, adds one.
    await waitFor(() => budgetOf(soc).lines.length === 2, 'Alex to see the budget');
    soc.doc.transact(() => {
      soc.doc.getMap(BUDGET).set('indicativePence', 1_500_000);
      soc.doc.getMap(BUDGET).set('finalPence', 1_450_000);
      lines(soc).get(0).set('amountPence', 5000);
      lines(soc).delete(1, 1);
      lines(soc).push([line({ id: 'bus', what: 'Bus pass', amountPence: 30000, frequency: 'oneOff' })]);
    });
    await saved(soc);
    sam.doc.transact(() => {
      const list = new Y.Array<Y.Map<unknown>>();
      sam.doc.getMap('data:outcomes').set('list', list);
      list.push([line({ id: 'o1', text: 'To swim every week', baseline: 4 })]);
    });
    await saved(sam);

    const comparison = await compare(plan.owner, plan.id, version.seq);
    const budget = section(comparison, 'personalBudget');
    // Changed though its words are not: only its budget differs.
    expect(budget).toMatchObject({ changed: true, byAuthor: [] });
    expect(changes(budget)).toEqual([]);
    const by = { accountId: alex.accountId, at: expect.any(String) };
    expect(budget.parts).toEqual([
      { part: 'budget', list: null, itemId: null, field: 'indicativePence', kind: 'changed', before: 1_200_000, after: 1_500_000, line: null, ...by },
      { part: 'budget', list: null, itemId: null, field: 'finalPence', kind: 'added', before: null, after: 1_450_000, line: null, ...by },
      {
        part: 'budget',
        list: 'lines',
        itemId: 'pa',
        field: 'amountPence',
        kind: 'changed',
        before: 4500,
        after: 5000,
        line: { id: 'pa', what: 'Personal assistant', provider: 'Jo', amountPence: 5000, frequency: 'weekly' },
        ...by,
      },
      {
        part: 'budget',
        list: 'lines',
        itemId: 'bus',
        field: null,
        kind: 'added',
        before: null,
        after: { id: 'bus', what: 'Bus pass', provider: null, amountPence: 30000, frequency: 'oneOff' },
        line: { id: 'bus', what: 'Bus pass', provider: null, amountPence: 30000, frequency: 'oneOff' },
        ...by,
      },
      {
        part: 'budget',
        list: 'lines',
        itemId: 'club',
        field: null,
        kind: 'removed',
        before: { id: 'club', what: 'Swimming club', provider: null, amountPence: 2000, frequency: 'monthly' },
        after: null,
        line: { id: 'club', what: 'Swimming club', provider: null, amountPence: 2000, frequency: 'monthly' },
        ...by,
      },
    ]);
    expect(section(comparison, 'whatMatters')).toMatchObject({
      changed: true,
      parts: [{ part: 'outcomes', list: 'list', itemId: 'o1', field: null, kind: 'added', after: { id: 'o1', text: 'To swim every week', baseline: 4 }, accountId: plan.owner.accountId }],
    });
    expect(section(comparison, 'budgetManagement')).toMatchObject({ changed: false, parts: [] });
    expect(comparison.people.map((p) => p.displayName).sort()).toEqual(['Alex', 'Sam']);

    // Alex may not restore the whole plan: the outcomes are Sam's. Nothing changes.
    expect(await request(alex, 'POST', `/api/plans/${plan.id}/restore`, { seq: version.seq })).toMatchObject({ status: 403, body: { error: { id: 'sectionNotYours' } } });
    // He restores the budget's section: its figures and lines come back, live, for Sam too; its words are untouched.
    const result = restoreResultSchema.parse(await ok(alex, 'POST', `/api/plans/${plan.id}/restore`, { seq: version.seq, sectionId: 'personalBudget' }));
    expect(result.restored).toEqual(['personalBudget']);
    await waitFor(() => budgetOf(sam).indicativePence === 1_200_000 && budgetOf(sam).lines.length === 2, 'Sam to see the budget restored');
    expect(budgetOf(sam)).toEqual(asSaved);
    expect(sam.doc.getMap(BUDGET).has('finalPence')).toBe(false);
    expect(sam.text('personalBudget')).toBe('The council gave the figure in March.');
    expect(readOutcomes(sam.doc.getMap('data:outcomes').toJSON() as Record<string, unknown>)).toHaveLength(1);
    const entries = await env.server.history.read(plan.id);
    expect(entries.find((e) => e.seq === result.seq)).toMatchObject({ kind: 'restore', accountId: alex.accountId, sections: ['personalBudget'], restore: { fromSeq: version.seq } });

    // Compared with the version, the budget reads as it did; the outcome is still new.
    const since = await compare(plan.owner, plan.id, version.seq);
    expect(section(since, 'personalBudget')).toMatchObject({ changed: false, parts: [] });
    expect(section(since, 'whatMatters').changed).toBe(true);
    // And it is saved: from disk, the same budget.
    sam.destroy();
    soc.destroy();
    await waitFor(() => env.server.rooms.openRoom(plan.id) === undefined, 'the plan to close');
    expect(budgetOf(await connect(plan.id, plan.owner))).toEqual(asSaved);
  });

  it('agreement is given for what the plan says, person first, and goes out of date when the plan changes', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const alex = await addTestMember(env.server, plan, { name: 'Alex', role: 'socialWorker' });
    const sam = await connect(plan.id, plan.owner);
    const meg = await connect(plan.id, megan);
    let recordChanges = 0;
    meg.provider.messageHandlers[MessageType.recordChanged] = () => {
      recordChanges += 1;
    };
    sam.type('howNeedsMet', 'A personal assistant three mornings a week.');
    await saved(sam);
    const view = async () => agreementViewSchema.parse(await ok(alex, 'GET', `/api/plans/${plan.id}/agreement`));
    expect((await view()).notYet.map((p) => p.displayName).sort()).toEqual(['Alex', 'Megan', 'Sam']);

    const agree = async (member: TestMember, body: unknown) =>
      agreementStatementSchema.parse(await ok(member, 'POST', `/api/plans/${plan.id}/agreement`, body));
    // Megan says first; the person's statement is still shown first.
    await agree(megan, { kind: 'disagree', reason: 'Three mornings is not enough.' });
    const samSays = await agree(plan.owner, { kind: 'agree' });
    expect(samSays).toMatchObject({ kind: 'agree', by: { displayName: 'Sam', role: 'person' }, current: true, reason: null });
    await agree(alex, { kind: 'signOff', note: 'Funding agreed by panel.' });
    await waitFor(() => recordChanges >= 3, 'the others to be told of each statement');
    let now = await view();
    expect(now.statements.map((s) => [s.by.displayName, s.kind, s.reason, s.current])).toEqual([
      ['Sam', 'agree', null, true],
      ['Megan', 'disagree', 'Three mornings is not enough.', true],
    ]);
    expect(now.signOff).toMatchObject({ kind: 'signOff', by: { displayName: 'Alex', role: 'socialWorker' }, reason: 'Funding agreed by panel.', current: true });
    expect(now.notYet.map((p) => p.displayName)).toEqual(['Alex']);
    expect(samSays.contentHash).toBe(now.currentHash);

    // A later edit by another member: every statement was given for an earlier version.
    await waitFor(() => meg.text('howNeedsMet').includes('mornings'), 'Megan to see the text');
    meg.type('howNeedsMet', ' And one afternoon.', meg.text('howNeedsMet').length);
    await saved(meg);
    now = await view();
    expect(now.statements.map((s) => s.current)).toEqual([false, false]);
    expect(now.signOff?.current).toBe(false);
    expect(now.currentHash).not.toBe(samSays.contentHash);
    // What changed since Sam agreed, and who changed it.
    expect(changes(section(await compare(plan.owner, plan.id, samSays.seq), 'howNeedsMet'))).toEqual([['added', megan.accountId, ' And one afternoon.']]);

    // Given again, it is current again; Megan's agreement replaces her disagreement.
    await agree(plan.owner, { kind: 'agree' });
    await agree(megan, { kind: 'agree' });
    now = await view();
    expect(now.statements.map((s) => [s.by.displayName, s.kind, s.current])).toEqual([
      ['Sam', 'agree', true],
      ['Megan', 'agree', true],
    ]);
    // Saving a version with the same content names it in the statements.
    await saveVersion(alex, plan.id, 'Final');
    expect((await view()).statements.map((s) => s.versionName)).toEqual(['Final', 'Final']);

    // The history keeps every statement, in order.
    const page = historyPageSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history`));
    expect(page.items.filter((i) => i.kind === 'agreement').map((i) => [i.by?.displayName, i.agreement?.kind])).toEqual([
      ['Megan', 'agree'],
      ['Sam', 'agree'],
      ['Alex', 'signOff'],
      ['Sam', 'agree'],
      ['Megan', 'disagree'],
    ]);
    const exported = (await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history/export.json`)) as { entries: { kind: string }[] };
    expect(exported.entries.filter((e) => e.kind === 'agreement')).toHaveLength(5);
  });

  it('only a social worker records the council’s sign-off, and a disagreement needs a reason', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const viewer = await addTestMember(env.server, plan, { name: 'Jo', role: 'provider', level: 'view' });
    const post = (member: TestMember, body: unknown) => request(member, 'POST', `/api/plans/${plan.id}/agreement`, body);
    expect(await post(megan, { kind: 'signOff' })).toMatchObject({ status: 403, body: { error: { id: 'notAllowed' } } });
    expect(await post(plan.owner, { kind: 'signOff' })).toMatchObject({ status: 403 });
    expect((await post(megan, { kind: 'disagree' })).status).toBe(400);
    expect((await post(megan, { kind: 'disagree', reason: '  ' })).status).toBe(400);
    expect((await post(megan, { kind: 'maybe' })).status).toBe(400);
    expect((await post(megan, { kind: 'agree', by: plan.owner.accountId })).status).toBe(400);
    // Anyone in the circle may say whether they agree, even with read-only rights; the server names who said it.
    expect(agreementStatementSchema.parse((await post(viewer, { kind: 'agree' })).body).by.displayName).toBe('Jo');
  });

  it('when the history cannot be written: a version or agreement is refused with a clear answer, a restore still happens and is recorded later', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'First words.');
    await saved(sam);
    const first = await saveVersion(plan.owner, plan.id, 'First');
    const text = paragraph(sam, 'aboutMe');
    text.delete(0, text.length);
    text.insert(0, 'Second words.');
    await saved(sam);
    await env.server.histories.all(plan.id);

    // The disk refuses every append to the history (reading it still works) until `failing` is turned off.
    let failing = true;
    const append = env.server.history.append.bind(env.server.history);
    env.server.history.append = (planId, batch) => (failing && planId === plan.id ? Promise.reject(new Error('ENOSPC: no space left on device')) : append(planId, batch));
    expect(await request(plan.owner, 'POST', `/api/plans/${plan.id}/versions`, { name: 'Lost?' })).toMatchObject({
      status: 503,
      body: { error: { id: 'recordNotWritten' } },
    });
    expect(await request(plan.owner, 'POST', `/api/plans/${plan.id}/agreement`, { kind: 'agree' })).toMatchObject({ status: 503 });
    // The restore is a change to the plan: it is made, saved and seen, and its entry waits for the history.
    const restored = restoreResultSchema.parse(await ok(plan.owner, 'POST', `/api/plans/${plan.id}/restore`, { seq: first.seq }));
    expect(restored).toEqual({ restored: ['aboutMe'], seq: null });
    await waitFor(() => sam.text('aboutMe') === 'First words.', 'the restore to arrive');
    sam.type('aboutMe', ' Still saving.', 'First words.'.length);
    await saved(sam);

    failing = false;
    // The retry (every 0.5 s at first, doubling) writes it without anyone asking.
    let recorded = false;
    for (const deadline = Date.now() + 15_000; !recorded && Date.now() < deadline; ) {
      recorded = (await env.server.history.read(plan.id)).some((e) => e.kind === 'restore');
      if (!recorded) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recorded, 'the restore recorded on a retry').toBe(true);
    const entries = await env.server.histories.all(plan.id);
    // The refused version and agreement were not kept (the person was told); the restore was, before the later edit.
    expect(entries.filter((e) => e.kind === 'version').map((e) => e.version?.name)).toEqual(['First']);
    expect(entries.some((e) => e.kind === 'agreement')).toBe(false);
    const restoreAt = entries.findIndex((e) => e.kind === 'restore');
    expect(entries.slice(restoreAt + 1).some((e) => e.kind === 'edit' && e.addedWords === 2)).toBe(true);
    expect(await saveVersion(plan.owner, plan.id, 'Now it works')).toMatchObject({ name: 'Now it works', current: true });
  });
});
