// Meeting mode (issue 6): a member starts a meeting and runs it; everyone in the plan hears of it live and can join;
// only the facilitator (or the person) moves through the agenda, runs the timer and ends it; decisions and captured
// actions are stamped with who made them; the record lists who attended, the decisions, the actions as the plan has
// them and the agreements given during the meeting, as JSON, PDF and Word, in English and Welsh; its start, end and
// every download of its record are in the history; an ended meeting cannot be changed; a damaged meetings file is
// reported and never written over. Real server on port 0, temporary data directory, real y-websocket providers.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyListSchema } from '../../shared/copies.js';
import { historyPageSchema, historyVerificationSchema } from '../../shared/history.js';
import { meetingRecordSchema, meetingSchema, meetingsAnswerSchema, type Meeting } from '../../shared/meeting.js';
import { DATA_PARTS } from '../../shared/planData.js';
import { MEETINGS_FILE } from '../../server/storage/lowdb/lowdbMeetingStore.js';
import { readPdf } from '../helpers/pdfText.js';
import { addTestMember, createTestPlan, useTestServer, type TestClient, type TestMember } from '../helpers/server.js';
import { lowdbPlanDir } from '../helpers/stores.js';
import { waitFor } from '../helpers/wait.js';

type Method = 'GET' | 'POST' | 'PATCH';

/** The words of a Word file's body, paragraph by paragraph (as tests/integration/copies.test.ts reads them). */
async function wordText(file: ArrayBuffer): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
  return decode(paragraphs.filter(Boolean).join('\n'));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('meetings', () => {
  const env = useTestServer();
  const { connect, saved } = env;
  /** A request as the browser makes it: a change always carries a JSON body (`{}` when it says nothing more). */
  const request = async (member: TestMember | null, method: Method, route: string, given?: unknown) => {
    const body = given === undefined && method !== 'GET' ? {} : given;
    const res = await fetch(`${env.server.url}${route}`, {
      method,
      headers: { ...(member ? { cookie: member.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const ok = async (member: TestMember, method: Method, route: string, body?: unknown) => {
    const answer = await request(member, method, route, body);
    expect(answer.status, `${method} ${route}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const meetings = async (member: TestMember, planId: string) => meetingsAnswerSchema.parse(await ok(member, 'GET', `/api/plans/${planId}/meetings`));
  const refused = (status: number, id: string) => ({ status, body: { error: { id } } });
  /** An action line written into the plan's actions by a member's own client (so the action is theirs). */
  const addAction = (client: TestClient, line: Record<string, unknown>) => {
    client.doc.transact(() => {
      const part = client.doc.getMap(DATA_PARTS.actions.root);
      let list = part.get('list') as Y.Array<Y.Map<unknown>> | undefined;
      if (!list) {
        list = new Y.Array<Y.Map<unknown>>();
        part.set('list', list);
      }
      list.push([new Y.Map<unknown>(Object.entries(line))]);
    });
  };
  const agree = (member: TestMember, planId: string, body: unknown = { kind: 'agree' }) => ok(member, 'POST', `/api/plans/${planId}/agreement`, body);

  it('runs a review from start to end: heard live, joined, moved on by the facilitator or the person, decisions, actions and agreements recorded', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
    const megan = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
    const alex = await addTestMember(env.server, plan, { name: 'Alex Jones', role: 'socialWorker' });
    const jo = await addTestMember(env.server, plan, { name: 'Jo Hughes', role: 'provider', level: 'comment' });
    const rhys = await addTestMember(env.server, plan, { name: 'Rhys Evans', role: 'family' });
    const base = `/api/plans/${plan.id}/meetings`;
    const sam = await connect(plan.id, plan.owner);

    // Sam agreed before the meeting: not part of its record.
    await agree(plan.owner, plan.id);
    await pause(5);
    expect(await meetings(plan.owner, plan.id)).toEqual({ current: null, past: [] });

    // Megan starts a review: she runs it and is its first attendee; Sam's open plan hears of it and finds it.
    const heard = sam.meetingChanges;
    const started = meetingSchema.parse((await request(megan, 'POST', base, { kind: 'review' })).body);
    const meganPerson = { accountId: megan.accountId, displayName: 'Megan Evans', role: 'family' };
    expect(started).toMatchObject({
      kind: 'review',
      startedBy: meganPerson,
      facilitator: meganPerson,
      endedAt: null,
      current: 0,
      timer: { runningSince: null, elapsedMs: 0 },
      attendees: [{ person: meganPerson, joinedAt: started.startedAt }],
      decisions: [],
      actionIds: [],
      agreementRoundAt: null,
    });
    expect(Math.abs(Date.parse(started.startedAt) - Date.now())).toBeLessThan(5000);
    await waitFor(() => sam.meetingChanges > heard, 'Sam’s plan to hear that a meeting started');
    expect((await meetings(plan.owner, plan.id)).current).toEqual(started);
    expect(await request(alex, 'POST', base, { kind: 'planning' })).toMatchObject(refused(409, 'meetingInProgress'));

    // Sam, Alex and Jo join (once each, however often they ask).
    const route = `${base}/${started.id}`;
    const join = async (member: TestMember) => meetingSchema.parse(await ok(member, 'POST', `${route}/join`));
    await join(plan.owner);
    await join(plan.owner);
    await join(alex);
    let meeting = await join(jo);
    expect(meeting.attendees.map((a) => a.person.displayName)).toEqual(['Megan Evans', 'Sam Evans', 'Alex Jones', 'Jo Hughes']);

    // Only the facilitator, or the person, moves through the agenda and runs the timer (by the server's clock).
    for (const member of [jo, alex]) {
      expect(await request(member, 'PATCH', route, { current: 1 })).toMatchObject(refused(403, 'notFacilitator'));
      expect(await request(member, 'PATCH', route, { timer: 'start' })).toMatchObject(refused(403, 'notFacilitator'));
    }
    const samHeard = sam.meetingChanges;
    meeting = meetingSchema.parse(await ok(megan, 'PATCH', route, { current: 1, timer: 'start' }));
    expect(meeting.current).toBe(1);
    expect(meeting.timer.runningSince).not.toBeNull();
    await waitFor(() => sam.meetingChanges > samHeard, 'Sam to hear the meeting move on');
    await pause(30);
    meeting = meetingSchema.parse(await ok(plan.owner, 'PATCH', route, { current: 4 }));
    expect(meeting).toMatchObject({ current: 4, facilitator: meganPerson });
    meeting = meetingSchema.parse(await ok(megan, 'PATCH', route, { timer: 'stop' }));
    expect(meeting.timer.runningSince).toBeNull();
    expect(meeting.timer.elapsedMs).toBeGreaterThanOrEqual(25);
    expect(meetingSchema.parse(await ok(megan, 'PATCH', route, { timer: 'reset' })).timer).toEqual({ runningSince: null, elapsedMs: 0 });

    // Decisions, stamped with their author by the server; not from someone who has not joined.
    const decide = (member: TestMember, sectionId: string, text: string) => request(member, 'POST', `${route}/decisions`, { sectionId, text });
    const first = meetingSchema.parse((await decide(megan, 'whatMatters', 'Sam will try the swimming club in May.')).body);
    expect(first.decisions).toEqual([
      { id: expect.any(String), sectionId: 'whatMatters', text: 'Sam will try the swimming club in May.', by: meganPerson, at: expect.any(String) },
    ]);
    expect((await decide(jo, 'howNeedsMet', '  Jo’s team covers Tuesday mornings.  ')).status).toBe(201);
    expect(await decide(rhys, 'howNeedsMet', 'I was not there')).toMatchObject(refused(403, 'notAttending'));

    // Sam adds an action to the plan from his own page; Megan captures it in the meeting (once).
    addAction(sam, { id: 'bus-pass', what: 'Apply for a bus pass', who: 'Megan', byWhen: '2026-05-01', done: false });
    await saved(sam);
    meeting = meetingSchema.parse(await ok(megan, 'POST', `${route}/actions`, { actionId: 'bus-pass' }));
    expect(meeting.actionIds).toEqual(['bus-pass']);
    expect(meetingSchema.parse(await ok(megan, 'POST', `${route}/actions`, { actionId: 'bus-pass' })).actionIds).toEqual(['bus-pass']);
    expect(await request(megan, 'POST', `${route}/actions`, { actionId: 'not-in-the-plan' })).toMatchObject(refused(404, 'actionNotFound'));
    expect(await request(rhys, 'POST', `${route}/actions`, { actionId: 'bus-pass' })).toMatchObject(refused(403, 'notAttending'));

    // The agreement round, then agreements given during the meeting.
    expect(await request(jo, 'POST', `${route}/agreement-round`)).toMatchObject(refused(403, 'notFacilitator'));
    meeting = meetingSchema.parse(await ok(megan, 'POST', `${route}/agreement-round`));
    expect(meeting.agreementRoundAt).not.toBeNull();
    await agree(alex, plan.id, { kind: 'disagree', reason: 'The budget is not settled yet.' });
    await agree(plan.owner, plan.id);

    const record = meetingRecordSchema.parse(await ok(jo, 'GET', `${route}/record.json`));
    expect(record.meeting.id).toBe(started.id);
    expect(record.actions).toEqual([{ id: 'bus-pass', what: 'Apply for a bus pass', who: 'Megan', byWhen: '2026-05-01', done: false }]);
    expect(record.agreements.map((s) => [s.by.displayName, s.kind, s.reason])).toEqual([
      ['Alex Jones', 'disagree', 'The budget is not settled yet.'],
      ['Sam Evans', 'agree', null],
    ]);

    // Ending: not by a follower; by the facilitator, once; nothing changes an ended meeting.
    expect(await request(alex, 'POST', `${route}/end`)).toMatchObject(refused(403, 'notFacilitator'));
    const ended = meetingSchema.parse(await ok(megan, 'POST', `${route}/end`));
    expect(ended.endedAt).not.toBeNull();
    expect(ended.timer.runningSince).toBeNull();
    expect(await request(megan, 'POST', `${route}/end`)).toMatchObject(refused(409, 'meetingEnded'));
    expect(await request(megan, 'PATCH', route, { current: 2 })).toMatchObject(refused(409, 'meetingEnded'));
    expect(await decide(megan, 'aboutMe', 'Too late')).toMatchObject(refused(409, 'meetingEnded'));
    expect(await request(rhys, 'POST', `${route}/join`)).toMatchObject(refused(409, 'meetingEnded'));
    expect(await request(megan, 'POST', `${route}/actions`, { actionId: 'bus-pass' })).toMatchObject(refused(409, 'meetingEnded'));
    expect(await request(megan, 'POST', `${route}/agreement-round`)).toMatchObject(refused(409, 'meetingEnded'));

    // An agreement after the end is not in the meeting's record; an action taken out of the plan since is left out.
    await pause(5);
    await agree(jo, plan.id);
    sam.doc.transact(() => (sam.doc.getMap(DATA_PARTS.actions.root).get('list') as Y.Array<unknown>).delete(0, 1));
    await saved(sam);
    const later = meetingRecordSchema.parse(await ok(plan.owner, 'GET', `${route}/record.json`));
    expect(later.agreements.map((s) => s.by.displayName)).toEqual(['Alex Jones', 'Sam Evans']);
    expect(later.actions).toEqual([]);
    expect(later.meeting.actionIds).toEqual(['bus-pass']);

    // The history says who started and ended it, with its counts; the record of the plan still verifies.
    const history = historyPageSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history`));
    const lines = history.items.filter((i) => i.kind === 'meeting').map((i) => [i.by?.displayName, i.meeting]);
    expect(lines).toEqual([
      ['Megan Evans', { id: started.id, kind: 'review', event: 'ended', attended: 4, decisions: 2, actions: 1 }],
      ['Megan Evans', { id: started.id, kind: 'review', event: 'started', attended: 1, decisions: 0, actions: 0 }],
    ]);
    expect(historyVerificationSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history/verify`)).ok).toBe(true);
    const csv = await (await fetch(`${env.server.url}/api/plans/${plan.id}/history/export.csv`, { headers: { cookie: plan.owner.cookie } })).text();
    expect(csv).toContain(`review meeting ended (meeting ${started.id}); 4 attended, 2 decisions, 1 actions`);

    // A second meeting can start now; the first is in the past. The person can end someone else's meeting.
    const second = meetingSchema.parse((await request(alex, 'POST', base, { kind: 'planning' })).body);
    const answer = await meetings(jo, plan.id);
    expect(answer.current?.id).toBe(second.id);
    expect(answer.past.map((m) => m.id)).toEqual([started.id]);
    expect(meetingSchema.parse(await ok(plan.owner, 'POST', `${base}/${second.id}/end`)).endedAt).not.toBeNull();
    expect((await meetings(jo, plan.id)).past.map((m) => m.id)).toEqual([second.id, started.id]);
  });

  it('gives the record as PDF and Word, in English and Welsh, with attendees, decisions, actions and agreements; each download is in the history', async () => {
    const plan = await createTestPlan(env.server, 'wales', 'Sam Evans');
    const megan = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
    const alex = await addTestMember(env.server, plan, { name: 'Alex Jones', role: 'socialWorker' });
    const sam = await connect(plan.id, plan.owner);
    const started = meetingSchema.parse(await ok(megan, 'POST', `/api/plans/${plan.id}/meetings`, { kind: 'planning' }));
    const route = `/api/plans/${plan.id}/meetings/${started.id}`;
    await ok(alex, 'POST', `${route}/join`);
    await ok(plan.owner, 'POST', `${route}/join`);
    await ok(megan, 'POST', `${route}/decisions`, { sectionId: 'personalBudget', text: 'Ask for a direct payment & an ISF quote.' });
    await ok(plan.owner, 'POST', `${route}/decisions`, { sectionId: 'aboutMe', text: 'Dw i eisiau mynd i’r pwll nofio.' });
    addAction(sam, { id: 'swim', what: 'Book swimming lessons', who: 'Sam', byWhen: '2026-06-30', done: true });
    await saved(sam);
    await ok(plan.owner, 'POST', `${route}/actions`, { actionId: 'swim' });
    await agree(alex, plan.id, { kind: 'disagree', reason: 'Needs the panel first.' });
    await agree(plan.owner, plan.id);
    await ok(megan, 'POST', `${route}/end`);

    const download = (format: 'pdf' | 'docx', lang: string) =>
      fetch(`${env.server.url}${route}/record.${format}?lang=${lang}`, { headers: { cookie: alex.cookie } });
    for (const lang of ['en', 'cy'] as const) {
      for (const format of ['pdf', 'docx'] as const) {
        const res = await download(format, lang);
        expect(res.status, `${format} ${lang}`).toBe(200);
        expect(res.headers.get('content-type')).toContain(format === 'pdf' ? 'application/pdf' : 'wordprocessingml');
        expect(res.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename=".*\\.${format}"`));
        const file = await res.arrayBuffer();
        const where = `${format} ${lang}`;
        const pdf = format === 'pdf' ? await readPdf(file) : null;
        const text = pdf ? pdf.flat : await wordText(file);
        if (pdf) {
          expect(pdf.tagged, where).toBe(true);
          expect(pdf.language, where).toBe(lang === 'cy' ? 'cy-GB' : 'en-GB');
          expect(pdf.title, where).toBe(lang === 'cy' ? 'Cofnod cyfarfod — Test plan for Sam Evans' : 'Meeting record — Test plan for Sam Evans');
        }
        // People's words as written, in either language.
        for (const words of ['Ask for a direct payment & an ISF quote.', 'Dw i eisiau mynd i’r pwll nofio.', 'Book swimming lessons', 'Needs the panel first.']) {
          expect(text, `${where}: ${words}`).toContain(words);
        }
        if (lang === 'en') {
          expect(text, where).toContain('Meeting record — Test plan for Sam Evans');
          expect(text, where).toContain('Planning meeting');
          expect(text, where).toContain('Facilitator: Megan Evans (Family or friend)');
          for (const who of ['Megan Evans (Family or friend)', 'Alex Jones (Social worker)', 'Sam Evans (The person the plan is about)']) expect(text, where).toContain(who);
          expect(text, where).toContain('Who attended');
          expect(text, where).toContain('6. My personal budget');
          expect(text, where).toContain('Alex Jones (Social worker): does not agree: Needs the panel first.');
          expect(text, where).toContain('Sam Evans (The person the plan is about): agrees with the plan');
          expect(text, where).toContain('30 June 2026');
        } else {
          expect(text, where).toContain('Cofnod cyfarfod — Test plan for Sam Evans');
          expect(text, where).toContain('Cyfarfod cynllunio');
          expect(text, where).toContain('Hwylusydd: Megan Evans (Teulu neu ffrind)');
          expect(text, where).toContain('Pwy oedd yn bresennol');
          expect(text, where).toContain('Gweithiwr cymdeithasol');
          expect(text, where).toContain("yn cytuno â'r cynllun");
          expect(text, where).toContain('Ydy');
        }
        // The decisions sit under their agenda items, in the agenda's order.
        expect(text.indexOf('Dw i eisiau'), where).toBeLessThan(text.indexOf('Ask for a direct payment'));
      }
    }
    // Each download is recorded, naming the meeting; none is listed as a copy of the plan.
    const history = historyPageSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/history`));
    const downloads = history.items.filter((i) => i.kind === 'export');
    expect(downloads.map((i) => [i.by?.displayName, i.export?.format, i.export?.lang, i.export?.meetingId])).toEqual([
      ['Alex Jones', 'docx', 'cy', started.id],
      ['Alex Jones', 'pdf', 'cy', started.id],
      ['Alex Jones', 'docx', 'en', started.id],
      ['Alex Jones', 'pdf', 'en', started.id],
    ]);
    expect(copyListSchema.parse(await ok(plan.owner, 'GET', `/api/plans/${plan.id}/copies`)).copies).toEqual([]);
    // A record of a meeting still going on says so.
    const next = meetingSchema.parse(await ok(alex, 'POST', `/api/plans/${plan.id}/meetings`, { kind: 'review' }));
    const going = await wordText(await (await fetch(`${env.server.url}/api/plans/${plan.id}/meetings/${next.id}/record.docx`, { headers: { cookie: alex.cookie } })).arrayBuffer());
    expect(going).toContain('Still going on when this record was made.');
    expect(going).toContain('No decisions were written down.');
  });

  it('refuses bad requests, people outside the circle, viewers where they may not act, and unknown meetings', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
    const megan = await addTestMember(env.server, plan, { name: 'Megan Evans', role: 'family' });
    const viv = await addTestMember(env.server, plan, { name: 'Viv Price', role: 'provider', level: 'view' });
    const stranger = (await createTestPlan(env.server, 'england', 'Dai')).owner;
    const base = `/api/plans/${plan.id}/meetings`;

    // The server says who and when: a body that names anyone or anything else is refused.
    for (const body of [{ kind: 'party' }, {}, { kind: 'review', facilitator: megan.accountId }, { kind: 'review', startedAt: new Date().toISOString() }]) {
      expect(await request(megan, 'POST', base, body), JSON.stringify(body)).toMatchObject(refused(400, 'invalidRequest'));
    }
    // A viewer may not start one; someone outside the circle may not even look.
    expect(await request(viv, 'POST', base, { kind: 'review' })).toMatchObject(refused(403, 'notAllowed'));
    expect(await request(stranger, 'GET', base)).toMatchObject(refused(403, 'notInCircle'));
    expect(await request(stranger, 'POST', base, { kind: 'review' })).toMatchObject(refused(403, 'notInCircle'));
    expect((await request(null, 'GET', base)).status).toBe(401);
    expect(await request(megan, 'GET', '/api/plans/AAAAAAAAAAAAAAAAAAAAAA/meetings')).toMatchObject(refused(404, 'planNotFound'));

    const meeting: Meeting = meetingSchema.parse(await ok(megan, 'POST', base, { kind: 'review' }));
    const route = `${base}/${meeting.id}`;
    for (const body of [{}, { current: 12 }, { current: -1 }, { current: 1.5 }, { timer: 'pause' }, { current: 1, facilitator: viv.accountId }]) {
      expect(await request(megan, 'PATCH', route, body), JSON.stringify(body)).toMatchObject(refused(400, 'invalidRequest'));
    }
    for (const body of [
      { sectionId: 'aboutMe', text: '   ' },
      { sectionId: 'nowhere', text: 'Hi' },
      { sectionId: 'aboutMe', text: 'x'.repeat(1001) },
      { sectionId: 'aboutMe', text: 'bell\u0007' },
      { sectionId: 'aboutMe', text: 'Hi', by: { accountId: plan.owner.accountId } },
    ]) {
      expect(await request(megan, 'POST', `${route}/decisions`, body), JSON.stringify(body)).toMatchObject(refused(400, 'invalidRequest'));
    }
    for (const body of [{}, { actionId: '' }, { actionId: 'x'.repeat(65) }, { actionId: 'a', extra: 1 }]) {
      expect(await request(megan, 'POST', `${route}/actions`, body), JSON.stringify(body)).toMatchObject(refused(400, 'invalidRequest'));
    }
    expect(await request(megan, 'POST', `${route}/join`, { accountId: viv.accountId })).toMatchObject(refused(400, 'invalidRequest'));
    expect(await request(megan, 'POST', `${route}/end`, { endedAt: new Date().toISOString() })).toMatchObject(refused(400, 'invalidRequest'));
    const badLang = await fetch(`${env.server.url}${route}/record.pdf?lang=fr`, { headers: { cookie: megan.cookie } });
    expect(badLang.status).toBe(400);

    // A viewer joins and reads, but cannot write a decision or capture an action.
    await ok(viv, 'POST', `${route}/join`);
    expect(await request(viv, 'POST', `${route}/decisions`, { sectionId: 'aboutMe', text: 'Hi' })).toMatchObject(refused(403, 'notAllowed'));
    expect(await request(viv, 'POST', `${route}/actions`, { actionId: 'a' })).toMatchObject(refused(403, 'notAllowed'));
    expect(await request(viv, 'PATCH', route, { current: 1 })).toMatchObject(refused(403, 'notFacilitator'));
    expect(meetingRecordSchema.parse(await ok(viv, 'GET', `${route}/record.json`)).meeting.attendees).toHaveLength(2);
    // Someone outside the circle reaches none of it.
    for (const [method, path, body] of [
      ['POST', `${route}/join`, undefined],
      ['PATCH', route, { current: 1 }],
      ['POST', `${route}/end`, undefined],
      ['GET', `${route}/record.json`, undefined],
    ] as const) {
      expect(await request(stranger, method, path, body)).toMatchObject(refused(403, 'notInCircle'));
    }
    expect((await fetch(`${env.server.url}${route}/record.pdf`, { headers: { cookie: stranger.cookie } })).status).toBe(403);

    // Unknown meetings, on every route.
    const unknown = `${base}/AAAAAAAAAAAAAAAAAAAAAA`;
    for (const [method, path, body] of [
      ['POST', `${unknown}/join`, undefined],
      ['PATCH', unknown, { current: 1 }],
      ['POST', `${unknown}/decisions`, { sectionId: 'aboutMe', text: 'Hi' }],
      ['POST', `${unknown}/actions`, { actionId: 'a' }],
      ['POST', `${unknown}/agreement-round`, undefined],
      ['POST', `${unknown}/end`, undefined],
      ['GET', `${unknown}/record.json`, undefined],
      ['POST', `${base}/not..an..id/join`, undefined],
    ] as const) {
      expect(await request(megan, method, path, body), `${method} ${path}`).toMatchObject(refused(404, 'meetingNotFound'));
    }
    expect((await fetch(`${env.server.url}${unknown}/record.docx`, { headers: { cookie: megan.cookie } })).status).toBe(404);
    // Nothing refused changed the meeting.
    expect((await meetings(megan, plan.id)).current).toMatchObject({ id: meeting.id, current: 0, decisions: [], actionIds: [] });
  });

  it('a damaged meetings file is reported clearly, never written over, and the server carries on', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam Evans');
    const other = await createTestPlan(env.server, 'england', 'Dai');
    const started = meetingSchema.parse(await ok(plan.owner, 'POST', `/api/plans/${plan.id}/meetings`, { kind: 'review' }));
    const file = path.join(lowdbPlanDir(env.server.dataDir, plan.id), MEETINGS_FILE);
    const damaged = (await readFile(file, 'utf8')).replace('"meetings":[', '"meetings":[{"id":"x"},');
    await writeFile(file, damaged);

    expect(await request(plan.owner, 'GET', `/api/plans/${plan.id}/meetings`)).toMatchObject(refused(503, 'meetingsDamaged'));
    expect(await request(plan.owner, 'POST', `/api/plans/${plan.id}/meetings`, { kind: 'review' })).toMatchObject(refused(503, 'meetingsDamaged'));
    expect(await request(plan.owner, 'POST', `/api/plans/${plan.id}/meetings/${started.id}/end`)).toMatchObject(refused(503, 'meetingsDamaged'));
    expect(await request(plan.owner, 'GET', `/api/plans/${plan.id}/meetings/${started.id}/record.json`)).toMatchObject(refused(503, 'meetingsDamaged'));
    expect(await readFile(file, 'utf8')).toBe(damaged);
    // Other plans' meetings, and the plan itself, carry on.
    await ok(other.owner, 'POST', `/api/plans/${other.id}/meetings`, { kind: 'planning' });
    expect((await meetings(other.owner, other.id)).current).not.toBeNull();
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Still writing.');
    await saved(sam);
    await agree(plan.owner, plan.id);

    // A change that throws writes nothing.
    await expect(env.server.meetings.update(other.id, () => { throw new Error('no'); })).rejects.toThrow('no');
    expect((await env.server.meetings.read(other.id)).meetings).toHaveLength(1);
  });
});
