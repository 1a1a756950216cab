// Comments and suggestions (issue 6): comments on a passage or a section, with replies and resolving, reach everyone
// in the plan; anchors follow the text as people type; a suggestion changes nothing until the person (or their plan
// manager) accepts it, and then its words are the suggester's and the acceptance the person's, in "who wrote what"
// and the history; only the person decides; outdated suggestions are refused and stay open; a damaged discussion
// file is reported and never written over. Real server on port 0, temporary data directory, real y-websocket providers.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commentSchema, discussionSchema, QUOTE_MAX, suggestionSchema, type Anchor } from '../../shared/discussion.js';
import { historyAuthorsSchema, historyPageSchema, historyVerificationSchema } from '../../shared/history.js';
import { can } from '../../shared/permissions.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { myPlansAnswerSchema } from '../../shared/schemas.js';
import { planComparisonSchema } from '../../shared/versions.js';
import { memberOf } from '../../server/circle/circleOperations.js';
import { passageWords, resolveAnchor } from '../../server/discussion/anchors.js';
import { DISCUSSION_FILE, LowdbDiscussionStore } from '../../server/storage/lowdb/lowdbDiscussionStore.js';
import { discussionChars } from '../../server/discussion/discussionOperations.js';
import { LIMITS } from '../../shared/limits.js';
import { addTestMember, createTestPlan, fragmentText, useTestServer, type TestClient, type TestMember } from '../helpers/server.js';
import { lowdbDocOnDisk, lowdbPlanDir } from '../helpers/stores.js';
import { waitFor } from '../helpers/wait.js';

type Method = 'GET' | 'POST' | 'PATCH';

describe('comments and suggestions', () => {
  const env = useTestServer();
  const { connect, saved } = env;
  const request = async (member: TestMember, method: Method, route: string, body?: unknown) => {
    const res = await fetch(`${env.server.url}${route}`, {
      method,
      headers: { cookie: member.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const ok = async (member: TestMember, method: Method, route: string, body?: unknown) => {
    const answer = await request(member, method, route, body);
    expect(answer.status, `${method} ${route}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const discussion = async (member: TestMember, planId: string) => discussionSchema.parse(await ok(member, 'GET', `/api/plans/${planId}/discussion`));
  /** The first paragraph's text of a section in a client's copy of the plan. */
  const paragraph = (client: TestClient, sectionId: string) =>
    (client.doc.getXmlFragment(sectionFieldName(sectionId)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const position = (text: Y.XmlText, index: number) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64');
  /** An anchor on `words` in the first paragraph of a section, as the browser makes one. */
  const anchorOn = (client: TestClient, sectionId: string, words: string, offset = 0): Anchor => {
    const text = paragraph(client, sectionId);
    const start = text.toString().indexOf(words) + offset;
    expect(start).toBeGreaterThanOrEqual(offset);
    return { start: position(text, start), end: position(text, start + words.length), quote: words };
  };
  /** A point at the end of `before`, for an addition. */
  const pointAfter = (client: TestClient, sectionId: string, before: string): Anchor => {
    const text = paragraph(client, sectionId);
    const at = text.toString().indexOf(before) + before.length;
    return { start: position(text, at), end: position(text, at), quote: '' };
  };
  /** Who wrote each run of a section's visible text, by Yjs client id and the server's record of who writes under it. */
  const writersOf = async (member: TestMember, planId: string, client: TestClient, sectionId: string) => {
    const authors = historyAuthorsSchema.parse(await ok(member, 'GET', `/api/plans/${planId}/history/authors`));
    const byClient = new Map(authors.clients);
    const runs: [string, string | undefined][] = [];
    let item = (paragraph(client, sectionId) as unknown as { _start: Y.Item | null })._start;
    for (; item; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
      const who = byClient.get(item.id.client);
      const last = runs.at(-1);
      if (last && last[1] === who) last[0] += item.content.str;
      else runs.push([item.content.str, who]);
    }
    return runs;
  };

  it('comments and replies reach everyone in the plan; anchors follow the words as others type', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const jo = await addTestMember(env.server, plan, { name: 'Jo', role: 'provider', level: 'comment' });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'I like trains and buses.');
    await saved(sam);
    const meg = await connect(plan.id, megan);
    await waitFor(() => meg.text('aboutMe') === 'I like trains and buses.', 'Megan to see Sam’s words');

    // Megan comments on "trains"; Sam's page hears of it and finds it, stamped with who wrote it.
    const heardBefore = sam.discussionChanges;
    const posted = commentSchema.parse(
      await ok(megan, 'POST', `/api/plans/${plan.id}/comments`, { sectionId: 'aboutMe', anchor: anchorOn(meg, 'aboutMe', 'trains'), text: 'Which trains? Steam ones?' }),
    );
    expect(posted).toMatchObject({ sectionId: 'aboutMe', by: { accountId: megan.accountId, displayName: 'Megan', role: 'family' }, replies: [], resolved: null });
    await waitFor(() => sam.discussionChanges > heardBefore, 'Sam’s page to hear of the comment');
    const seen = await discussion(plan.owner, plan.id);
    expect(seen.comments).toEqual([posted]);
    expect(seen.waiting).toEqual({ comments: 1, suggestions: 0 });

    // Sam replies; Megan hears of it. Jo (comment rights) comments on the whole section (no anchor).
    const megHeard = meg.discussionChanges;
    const replied = commentSchema.parse(await ok(plan.owner, 'POST', `/api/plans/${plan.id}/comments/${posted.id}/replies`, { text: 'Steam, yes.' }));
    expect(replied.replies).toEqual([{ id: expect.any(String), by: { accountId: plan.owner.accountId, displayName: 'Sam', role: 'person' }, at: expect.any(String), text: 'Steam, yes.' }]);
    await waitFor(() => meg.discussionChanges > megHeard, 'Megan’s page to hear of the reply');
    expect((await discussion(megan, plan.id)).comments[0]!.replies.map((r) => r.text)).toEqual(['Steam, yes.']);
    const general = commentSchema.parse(await ok(jo, 'POST', `/api/plans/${plan.id}/comments`, { sectionId: 'howNeedsMet', text: '  We can help with travel.  ' }));
    expect(general).toMatchObject({ anchor: null, text: 'We can help with travel.', by: { displayName: 'Jo', role: 'provider' } });

    // Sam types before the passage; the comment's anchor still finds "trains", in every copy of the plan.
    paragraph(sam, 'aboutMe').insert(0, 'On Sundays ');
    await saved(sam);
    await waitFor(() => meg.text('aboutMe').startsWith('On Sundays'), 'Megan to see Sam’s typing');
    for (const doc of [meg.doc, sam.doc, env.server.rooms.openRoom(plan.id)!.doc]) {
      expect(passageWords(resolveAnchor(doc, 'aboutMe', posted.anchor!)!)).toBe('trains');
    }

    // Resolving: not Jo (neither author nor acting for Sam); Megan, who wrote it, may; Sam may open it again.
    const route = `/api/plans/${plan.id}/comments/${posted.id}`;
    expect(await request(jo, 'PATCH', route, { resolved: true })).toMatchObject({ status: 403, body: { error: { id: 'notAllowed' } } });
    const resolved = commentSchema.parse(await ok(megan, 'PATCH', route, { resolved: true }));
    expect(resolved.resolved).toMatchObject({ by: { accountId: megan.accountId } });
    expect((await discussion(jo, plan.id)).waiting).toEqual({ comments: 1, suggestions: 0 });
    expect(commentSchema.parse(await ok(plan.owner, 'PATCH', route, { resolved: false })).resolved).toBeNull();
    expect(commentSchema.parse(await ok(plan.owner, 'PATCH', `/api/plans/${plan.id}/comments/${general.id}`, { resolved: true })).resolved).toMatchObject({
      by: { displayName: 'Sam' },
    });
  });

  it('refuses what is not a member’s own comment in words: forged authors, viewers, strangers, bad anchors, unknown ids', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const viewer = await addTestMember(env.server, plan, { name: 'Viv', role: 'provider', level: 'view' });
    const stranger = (await createTestPlan(env.server, 'england', 'Dai')).owner;
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'I like trains.');
    sam.type('whatMatters', 'Seeing my friends.');
    await saved(sam);
    const comments = `/api/plans/${plan.id}/comments`;
    const anchor = anchorOn(sam, 'aboutMe', 'trains');

    // The server says who wrote it: a body that names an author (or anything else) is refused.
    for (const extra of [{ by: { accountId: plan.owner.accountId, displayName: 'Sam', role: 'person' } }, { author: 'Sam' }, { at: new Date().toISOString() }]) {
      expect(await request(megan, 'POST', comments, { sectionId: 'aboutMe', text: 'Hello', ...extra })).toMatchObject({
        status: 400,
        body: { error: { id: 'invalidRequest' } },
      });
    }
    const suggestions = `/api/plans/${plan.id}/suggestions`;
    expect((await request(megan, 'POST', suggestions, { sectionId: 'aboutMe', anchor, text: 'buses', by: { accountId: plan.owner.accountId } })).status).toBe(400);
    expect((await request(megan, 'POST', comments, { sectionId: 'aboutMe', text: '   ' })).body).toMatchObject({
      error: { id: 'invalidRequest', issues: [{ path: 'text' }] },
    });
    expect((await request(megan, 'POST', comments, { sectionId: 'nowhere', text: 'Hi' })).status).toBe(400);
    expect((await request(megan, 'POST', comments, { sectionId: 'aboutMe', text: 'x'.repeat(2001) })).status).toBe(400);

    // A viewer reads the discussion but cannot add to it; someone outside the circle cannot even read it.
    expect(await request(viewer, 'POST', comments, { sectionId: 'aboutMe', text: 'Hi' })).toMatchObject({ status: 403, body: { error: { id: 'notAllowed' } } });
    expect(await request(viewer, 'POST', suggestions, { sectionId: 'aboutMe', anchor, text: 'buses' })).toMatchObject({ status: 403 });
    expect((await discussion(viewer, plan.id)).comments).toEqual([]);
    expect(await request(stranger, 'GET', `/api/plans/${plan.id}/discussion`)).toMatchObject({ status: 403, body: { error: { id: 'notInCircle' } } });
    expect(await request(stranger, 'POST', comments, { sectionId: 'aboutMe', text: 'Hi' })).toMatchObject({ status: 403, body: { error: { id: 'notInCircle' } } });
    expect((await fetch(`${env.server.url}/api/plans/${plan.id}/discussion`)).status).toBe(401);

    // Anchors that do not decode, are in another section, or whose words have changed.
    const garbage = { start: 'AAAA', end: 'AAAA', quote: '' };
    expect(await request(megan, 'POST', comments, { sectionId: 'aboutMe', anchor: garbage, text: 'Hi' })).toMatchObject({
      status: 400,
      body: { error: { id: 'anchorNotFound' } },
    });
    expect(await request(megan, 'POST', comments, { sectionId: 'whatMatters', anchor, text: 'Hi' })).toMatchObject({
      status: 400,
      body: { error: { id: 'anchorNotFound' } },
    });
    const backwards = { start: anchor.end, end: anchor.start, quote: 'trains' };
    expect((await request(megan, 'POST', comments, { sectionId: 'aboutMe', anchor: backwards, text: 'Hi' })).body).toMatchObject({ error: { id: 'anchorNotFound' } });
    expect(await request(megan, 'POST', comments, { sectionId: 'aboutMe', anchor: { ...anchor, quote: 'planes' }, text: 'Hi' })).toMatchObject({
      status: 409,
      body: { error: { id: 'passageChanged' } },
    });
    // An addition needs words; a replacement must change something.
    expect((await request(megan, 'POST', suggestions, { sectionId: 'aboutMe', anchor: pointAfter(sam, 'aboutMe', 'trains'), text: '' })).body).toMatchObject({
      error: { id: 'invalidRequest', issues: [{ path: 'text' }] },
    });
    expect((await request(megan, 'POST', suggestions, { sectionId: 'aboutMe', anchor, text: 'trains' })).status).toBe(400);

    // Unknown plans, comments and suggestions.
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
    expect(await request(megan, 'GET', `/api/plans/${unknown}/discussion`)).toMatchObject({ status: 404, body: { error: { id: 'planNotFound' } } });
    expect(await request(megan, 'POST', `${comments}/${unknown}/replies`, { text: 'Hi' })).toMatchObject({ status: 404, body: { error: { id: 'commentNotFound' } } });
    expect(await request(megan, 'PATCH', `${comments}/${unknown}`, { resolved: true })).toMatchObject({ status: 404, body: { error: { id: 'commentNotFound' } } });
    expect(await request(plan.owner, 'POST', `${suggestions}/${unknown}/decision`, { decision: 'accept' })).toMatchObject({
      status: 404,
      body: { error: { id: 'suggestionNotFound' } },
    });
    expect((await discussion(plan.owner, plan.id)).comments).toEqual([]);
  });

  it('a suggestion changes nothing until the person accepts it; then the words are the suggester’s, everywhere', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const rhys = await addTestMember(env.server, plan, { name: 'Rhys', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'I like trains.');
    await saved(sam);
    const meg = await connect(plan.id, megan);
    await waitFor(() => meg.text('aboutMe') === 'I like trains.', 'Megan to see Sam’s words');
    // About me is Sam's own words: Megan may not edit it, only suggest.
    expect(can(memberOf(await env.server.circles.getCircle(plan.id), megan.accountId), 'editSection', { openSections: new Set() }, 'aboutMe')).toBe(false);

    const made = suggestionSchema.parse(
      await ok(megan, 'POST', `/api/plans/${plan.id}/suggestions`, { sectionId: 'aboutMe', anchor: anchorOn(meg, 'aboutMe', 'trains'), text: 'steam trains' }),
    );
    expect(made).toMatchObject({ status: 'open', decided: null, text: 'steam trains', by: { accountId: megan.accountId, role: 'family' } });
    await waitFor(() => sam.discussionChanges > 0, 'Sam’s page to hear of the suggestion');
    expect((await discussion(plan.owner, plan.id)).waiting).toEqual({ comments: 0, suggestions: 1 });
    const mine = myPlansAnswerSchema.parse(await ok(plan.owner, 'GET', '/api/plans')).plans.find((p) => p.plan.id === plan.id)!;
    expect(mine.waiting).toEqual({ comments: 0, suggestions: 1 });
    // The live plan is as it was, for everyone and on disk.
    expect(sam.text('aboutMe')).toBe('I like trains.');
    expect(meg.text('aboutMe')).toBe('I like trains.');
    expect(fragmentText(lowdbDocOnDisk(env.server.dataDir, plan.id), 'aboutMe')).toBe('I like trains.');

    // Rhys has edit rights but does not act for Sam: he may not decide, and nothing changes.
    const decision = `/api/plans/${plan.id}/suggestions/${made.id}/decision`;
    const entriesBefore = (await env.server.histories.all(plan.id)).length;
    expect(await request(rhys, 'POST', decision, { decision: 'accept' })).toMatchObject({ status: 403, body: { error: { id: 'notAllowed' } } });
    expect(await request(megan, 'POST', decision, { decision: 'decline', reason: 'Changed my mind' })).toMatchObject({ status: 403 });
    expect((await discussion(plan.owner, plan.id)).suggestions[0]).toMatchObject({ status: 'open', decided: null });
    expect((await env.server.histories.all(plan.id)).length).toBe(entriesBefore);
    expect(sam.text('aboutMe')).toBe('I like trains.');
    // A decision that names who made it is refused.
    expect((await request(plan.owner, 'POST', decision, { decision: 'accept', by: { accountId: rhys.accountId } })).status).toBe(400);

    // Sam accepts: everyone sees the new words, written by Megan; the history names both.
    const accepted = suggestionSchema.parse(await ok(plan.owner, 'POST', decision, { decision: 'accept' }));
    expect(accepted).toMatchObject({ status: 'accepted', decided: { by: { accountId: plan.owner.accountId, displayName: 'Sam' }, reason: null } });
    await waitFor(() => meg.text('aboutMe') === 'I like steam trains.', 'Megan to see the accepted words');
    await waitFor(() => sam.text('aboutMe') === 'I like steam trains.', 'Sam to see the accepted words');
    expect(await writersOf(plan.owner, plan.id, sam, 'aboutMe')).toEqual([
      ['I like ', plan.owner.accountId],
      ['steam trains', megan.accountId],
      ['.', plan.owner.accountId],
    ]);
    const page = historyPageSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history`));
    expect(page.items[0]).toMatchObject({
      kind: 'suggestion',
      by: { accountId: megan.accountId, displayName: 'Megan', role: 'family' },
      sections: ['aboutMe'],
      addedWords: 2,
      removedWords: 1,
      suggestion: { acceptedBy: { accountId: plan.owner.accountId, displayName: 'Sam', role: 'person' }, onBehalf: false },
    });
    // Filtering the history by Sam finds the acceptance too.
    const bySam = historyPageSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history?by=${plan.owner.accountId}`));
    expect(bySam.items[0]!.kind).toBe('suggestion');
    const entry = (await env.server.history.read(plan.id)).at(-1)!;
    expect(entry).toMatchObject({ kind: 'suggestion', accountId: megan.accountId, suggestion: { id: made.id, acceptedBy: plan.owner.accountId } });
    expect(historyVerificationSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history/verify`))).toMatchObject({ ok: true });
    // Comparing the plan before the acceptance with now credits the words to Megan too.
    const compared = planComparisonSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/compare?from=${entry.seq - 1}`));
    const added = compared.sections.find((x) => x.sectionId === 'aboutMe')!.blocks.flatMap((b) => b.runs).filter((r) => r.change?.type === 'added');
    expect(added.map((r) => [r.text, r.change?.accountId])).toEqual([['steam trains', megan.accountId]]);
    expect(await request(plan.owner, 'POST', decision, { decision: 'decline' })).toMatchObject({ status: 409, body: { error: { id: 'suggestionDecided' } } });
    expect((await discussion(megan, plan.id)).waiting).toEqual({ comments: 0, suggestions: 0 });

    // After everyone leaves, the plan on disk — and reopened — has the words, still Megan's.
    sam.destroy();
    meg.destroy();
    await waitFor(() => env.server.rooms.openRoom(plan.id) === undefined, 'the plan to close');
    expect(fragmentText(lowdbDocOnDisk(env.server.dataDir, plan.id), 'aboutMe')).toBe('I like steam trains.');
    const again = await connect(plan.id, rhys);
    expect(again.text('aboutMe')).toBe('I like steam trains.');
    expect((await writersOf(rhys, plan.id, again, 'aboutMe'))[1]).toEqual(['steam trains', megan.accountId]);
  });

  it('an outdated suggestion is refused and stays open; declining keeps the reason; a plan manager decides for the person', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const ade = await addTestMember(env.server, plan, { name: 'Ade', role: 'advocate' });
    await ok(plan.owner, 'PATCH', `/api/plans/${plan.id}/circle/members/${ade.accountId}`, { planManager: true });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'I like trains.');
    await saved(sam);
    const suggest = async (body: object) => suggestionSchema.parse(await ok(megan, 'POST', `/api/plans/${plan.id}/suggestions`, { sectionId: 'aboutMe', ...body }));
    const replace = await suggest({ anchor: anchorOn(sam, 'aboutMe', 'trains'), text: 'buses' });
    const add = await suggest({ anchor: pointAfter(sam, 'aboutMe', 'trains'), text: ' and boats' });

    // Sam changes "trains" himself: the replacement no longer fits, and stays open.
    const text = paragraph(sam, 'aboutMe');
    sam.doc.transact(() => {
      text.delete(7, 6);
      text.insert(7, 'planes');
    });
    await saved(sam);
    const decide = (member: TestMember, id: string, body: object) => request(member, 'POST', `/api/plans/${plan.id}/suggestions/${id}/decision`, body);
    expect(await decide(plan.owner, replace.id, { decision: 'accept' })).toMatchObject({ status: 409, body: { error: { id: 'suggestionOutdated' } } });
    expect((await discussion(plan.owner, plan.id)).suggestions.find((s) => s.id === replace.id)).toMatchObject({ status: 'open' });
    expect(sam.text('aboutMe')).toBe('I like planes.');

    // Declined with a reason: kept, and nothing in the plan changes.
    const declined = suggestionSchema.parse((await decide(plan.owner, replace.id, { decision: 'decline', reason: '  I changed it myself.  ' })).body);
    expect(declined).toMatchObject({ status: 'declined', decided: { by: { displayName: 'Sam' }, reason: 'I changed it myself.', onBehalf: false } });
    expect((await decide(plan.owner, replace.id, { decision: 'accept' })).body).toMatchObject({ error: { id: 'suggestionDecided' } });
    expect(sam.text('aboutMe')).toBe('I like planes.');

    // The addition was at a point that is still there: Ade, Sam's plan manager, accepts it on his behalf.
    const added = suggestionSchema.parse((await decide(ade, add.id, { decision: 'accept' })).body);
    expect(added).toMatchObject({ status: 'accepted', decided: { by: { accountId: ade.accountId, role: 'advocate' }, onBehalf: true } });
    await waitFor(() => sam.text('aboutMe') === 'I like planes and boats.', 'Sam to see the addition');
    const page = historyPageSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history`));
    expect(page.items[0]).toMatchObject({ kind: 'suggestion', by: { accountId: megan.accountId }, onBehalf: false, suggestion: { acceptedBy: { accountId: ade.accountId }, onBehalf: true } });
    const all = await discussion(megan, plan.id);
    expect(all.suggestions.map((s) => [s.text, s.status])).toEqual([
      ['buses', 'declined'],
      [' and boats', 'accepted'],
    ]);
    expect(all.waiting).toEqual({ comments: 0, suggestions: 0 });
  });

  it('a long passage is checked in full, not only its quote; words can be suggested for a paragraph nobody has written in', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    const long = `${'I like trains. '.repeat(80)}The end.`;
    sam.type('aboutMe', long);
    const empty = new Y.XmlElement('paragraph');
    sam.doc.getXmlFragment(sectionFieldName('whatMatters')).insert(0, [empty]); // as an editor leaves an untouched section
    await saved(sam);
    const suggest = (body: object) => request(megan, 'POST', `/api/plans/${plan.id}/suggestions`, body);
    const decide = (id: string) => request(plan.owner, 'POST', `/api/plans/${plan.id}/suggestions/${id}/decision`, { decision: 'accept' });

    // The browser cuts a quote at QUOTE_MAX characters; the server checks every word of the passage when accepting.
    const text = paragraph(sam, 'aboutMe');
    const whole = { start: position(text, 0), end: position(text, long.length) };
    expect((await suggest({ sectionId: 'aboutMe', anchor: { ...whole, quote: long }, text: 'Short.' })).status).toBe(400);
    const rewrite = suggestionSchema.parse((await suggest({ sectionId: 'aboutMe', anchor: { ...whole, quote: long.slice(0, QUOTE_MAX) }, text: 'Short.' })).body);
    text.insert(long.length - 4, 'very ');
    await saved(sam);
    expect(await decide(rewrite.id)).toMatchObject({ status: 409, body: { error: { id: 'suggestionOutdated' } } });
    expect(sam.text('aboutMe')).toBe(`${long.slice(0, -4)}very end.`);

    // An empty paragraph has no text yet: a point at its start takes words, and they are Megan's.
    const point = Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(empty, 0))).toString('base64');
    const add = suggestionSchema.parse((await suggest({ sectionId: 'whatMatters', anchor: { start: point, end: point, quote: '' }, text: 'Seeing my friends.' })).body);
    expect(sam.text('whatMatters')).toBe('');
    expect((await decide(add.id)).status).toBe(200);
    await waitFor(() => sam.text('whatMatters') === 'Seeing my friends.', 'Sam to see the added words');
    expect(await writersOf(plan.owner, plan.id, sam, 'whatMatters')).toEqual([['Seeing my friends.', megan.accountId]]);
  });

  it('a suggestion whose words went in but whose mark was not written is only marked on the next accept, never put in twice', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'I like trains.');
    await saved(sam);
    const suggest = async (text: string) =>
      suggestionSchema.parse(await ok(megan, 'POST', `/api/plans/${plan.id}/suggestions`, { sectionId: 'aboutMe', anchor: pointAfter(sam, 'aboutMe', 'trains'), text }));
    const decide = (id: string, decision: unknown) => request(plan.owner, 'POST', `/api/plans/${plan.id}/suggestions/${id}/decision`, decision);
    // The disk refuses the write that marks the suggestion accepted, once.
    const failMarkOnce = async (run: () => Promise<unknown>) => {
      const original = LowdbDiscussionStore.prototype.update;
      let fail = true;
      LowdbDiscussionStore.prototype.update = function (this: LowdbDiscussionStore, ...args: Parameters<typeof original>) {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('disk full'));
        }
        return original.apply(this, args);
      } as typeof original;
      try {
        return await run();
      } finally {
        LowdbDiscussionStore.prototype.update = original;
      }
    };

    // Words for one paragraph: a line break is refused (the browser turns it into a space).
    expect(
      await request(megan, 'POST', `/api/plans/${plan.id}/suggestions`, { sectionId: 'aboutMe', anchor: pointAfter(sam, 'aboutMe', 'trains'), text: ' and\nboats' }),
    ).toMatchObject({ status: 400, body: { error: { id: 'invalidRequest' } } });
    const boats = await suggest(' and boats');
    expect(((await failMarkOnce(() => decide(boats.id, { decision: 'accept' }))) as { status: number }).status).toBe(500);
    await waitFor(() => sam.text('aboutMe') === 'I like trains and boats.', 'the words in the plan');
    const again = await decide(boats.id, { decision: 'accept' });
    expect(again.status).toBe(200);
    expect(suggestionSchema.parse(again.body).status).toBe('accepted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sam.text('aboutMe')).toBe('I like trains and boats.');
    expect((await env.server.history.read(plan.id)).filter((e) => e.kind === 'suggestion')).toHaveLength(1);

    // Declining one whose words already went in marks it as it is: accepted.
    const planes = await suggest(' and planes');
    await failMarkOnce(() => decide(planes.id, { decision: 'accept' }));
    await waitFor(() => sam.text('aboutMe') === 'I like trains and planes and boats.', 'the second words in the plan');
    expect(await decide(planes.id, { decision: 'decline' })).toMatchObject({ status: 409, body: { error: { id: 'suggestionDecided' } } });
    expect((await discussion(plan.owner, plan.id)).suggestions.find((x) => x.id === planes.id)!.status).toBe('accepted');
  });

  it('keeps one member from using up the room for everyone: a share per member, a limit on the words kept', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const rhys = await addTestMember(env.server, plan, { name: 'Rhys', role: 'provider', level: 'comment' });
    const chars = discussionChars;
    expect(chars({ comments: [], suggestions: [] })).toBe(0);
    // Fill Rhys's share straight into the store (the API would take minutes at its rate limit), then ask once more.
    await env.server.discussions.update(plan.id, (d) => {
      for (let i = 0; i < LIMITS.maxCommentsAndRepliesPerAuthor; i += 1) {
        d.comments.push({ id: `comment${String(i).padStart(6, '0')}`, sectionId: 'aboutMe', anchor: null, by: { accountId: rhys.accountId, role: 'provider' }, at: new Date().toISOString(), text: 'x', replies: [], resolved: { by: { accountId: rhys.accountId, role: 'provider' }, at: new Date().toISOString() } });
      }
    });
    expect(await request(rhys, 'POST', `/api/plans/${plan.id}/comments`, { sectionId: 'aboutMe', text: 'One more' })).toMatchObject({ status: 409, body: { error: { id: 'tooManyFromYou' } } });
    // Sam can still comment.
    expect((await request(plan.owner, 'POST', `/api/plans/${plan.id}/comments`, { sectionId: 'aboutMe', text: 'Mine' })).status).toBe(201);
  });

  it(`limits changes to comments, suggestions and meetings to ${LIMITS.maxConversationChangesPerMinute} a minute per account; reading is not limited`, async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const megan = await addTestMember(env.server, plan, { name: 'Megan', role: 'family' });
    const post = (member: TestMember, i: number) => request(member, 'POST', `/api/plans/${plan.id}/comments`, { sectionId: 'whatMatters', text: `Note ${i}` });
    for (let i = 0; i < LIMITS.maxConversationChangesPerMinute; i += 1) expect((await post(megan, i)).status).toBe(201);
    expect(await post(megan, 99)).toMatchObject({ status: 429, body: { error: { id: 'tooManyChanges' } } });
    expect(await request(megan, 'POST', `/api/plans/${plan.id}/meetings`, { kind: 'review' })).toMatchObject({ status: 429 });
    expect((await discussion(megan, plan.id)).comments).toHaveLength(LIMITS.maxConversationChangesPerMinute);
    // Someone else carries on.
    expect((await post(plan.owner, 1)).status).toBe(201);
  });

  it('a damaged discussion file is reported clearly, never written over, and the server carries on', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    const other = await createTestPlan(env.server, 'england', 'Dai');
    await ok(plan.owner, 'POST', `/api/plans/${plan.id}/comments`, { sectionId: 'aboutMe', text: 'Before the damage' });
    const file = path.join(lowdbPlanDir(env.server.dataDir, plan.id), DISCUSSION_FILE);
    const damaged = (await readFile(file, 'utf8')).replace('"comments":[', '"comments":[{"id":"x"},');
    await writeFile(file, damaged);

    expect(await request(plan.owner, 'GET', `/api/plans/${plan.id}/discussion`)).toMatchObject({ status: 503, body: { error: { id: 'discussionDamaged' } } });
    expect(await request(plan.owner, 'POST', `/api/plans/${plan.id}/comments`, { sectionId: 'aboutMe', text: 'After' })).toMatchObject({
      status: 503,
      body: { error: { id: 'discussionDamaged' } },
    });
    expect(await readFile(file, 'utf8')).toBe(damaged);
    // "My plans" still answers (this plan's waiting unknown), as do other plans, and the plan itself still opens and saves.
    const mine = myPlansAnswerSchema.parse(await ok(plan.owner, 'GET', '/api/plans'));
    expect(mine.plans.find((p) => p.plan.id === plan.id)!.waiting).toBeNull();
    await ok(other.owner, 'POST', `/api/plans/${other.id}/comments`, { sectionId: 'aboutMe', text: 'Fine here' });
    expect((await discussion(other.owner, other.id)).comments).toHaveLength(1);
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Still writing.');
    await saved(sam);

    // A change that throws writes nothing; one that succeeds reads back.
    await expect(env.server.discussions.update(other.id, () => { throw new Error('no'); })).rejects.toThrow('no');
    expect((await env.server.discussions.read(other.id)).comments).toHaveLength(1);
  });
});
