// Who changed what (issue 4): every accepted change is kept with the member who sent it (from the session), the plan
// can be rebuilt exactly at any point of its history, the record is append-only and tamper-evident, circle changes
// are in the same record, and writing history never holds up saving.

import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPlanAnswerSchema } from '../../shared/schemas.js';
import { historyAuthorsSchema, historyDocumentSchema, historyPageSchema, historyVerificationSchema, type HistoryItem } from '../../shared/history.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { JOURNAL_MAGIC } from '../../server/storage/lowdb/journal.js';
import { entryHash } from '../../server/history/chain.js';
import type { StoredHistoryEntry } from '../../server/storage/types.js';
import { agreementStatementSchema } from '../../shared/versions.js';
import { addTestMember, connectClient, createTestAccount, createTestPlan, fragmentText, startTestServer, waitForSync, type TestClient, type TestMember } from '../helpers/server.js';
import { connectRaw, syncUrl, updateMessage } from '../helpers/rawSocket.js';
import { waitFor } from '../helpers/wait.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('who changed what', () => {
  let server: Server;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.dispose();
  });

  const connect = async (planId: string, member: TestMember) => {
    const client = connectClient(server.url, planId, member);
    clients.push(client);
    await waitForSync(client);
    return client;
  };
  const get = async (member: TestMember, route: string) => {
    const res = await fetch(`${server.url}${route}`, { headers: { cookie: member.cookie } });
    expect(res.status, `${route}: ${res.status}`).toBe(200);
    return res;
  };
  const timeline = async (member: TestMember, planId: string, query = '') =>
    historyPageSchema.parse(await (await get(member, `/api/plans/${planId}/history${query}`)).json());
  const saved = (client: TestClient) => waitFor(() => client.isSaved(), 'saved');
  /** The text of a section's first paragraph, as a Y.XmlText, made on first use. */
  const paragraph = (client: TestClient, sectionId: string) => {
    client.type(sectionId, '');
    return (client.doc.getXmlFragment(sectionFieldName(sectionId)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  };
  /** Ends the burst the plan's recorder holds open, so what follows is a new entry. */
  const endBurst = (planId: string) => server.rooms.openRoom(planId)!.history.flush();

  it('two members edit the same section: every insertion and deletion is attributed to the member who sent it', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    const meg = await connect(plan.id, megan);

    sam.type('howNeedsMet', 'Sam needs help with shopping on Tuesdays.');
    await saved(sam);
    await waitFor(() => meg.text('howNeedsMet').includes('Tuesdays'), 'Megan to see Sam’s words');
    // Megan deletes "on Tuesdays" (Sam's words) and adds her own.
    const text = paragraph(meg, 'howNeedsMet');
    const at = text.toString().indexOf(' on Tuesdays');
    meg.doc.transact(() => {
      text.delete(at, ' on Tuesdays'.length);
      text.insert(at, ' every week, and I will drive');
    });
    await saved(meg);
    await waitFor(() => sam.text('howNeedsMet') === 'Sam needs help with shopping every week, and I will drive.', 'Sam to see it');

    const page = await timeline(plan.owner, plan.id);
    const edits = page.items.filter((i) => i.kind === 'edit');
    expect(edits.map((i) => [i.by?.displayName, i.by?.role, i.sections, i.addedWords, i.removedWords])).toEqual([
      ['Megan', 'family', ['howNeedsMet'], 6, 2],
      ['Sam', 'person', ['howNeedsMet'], 7, 0],
    ]);
    // The circle's record is in the same timeline: Megan joining (and Sam inviting her).
    expect(page.items.filter((i) => i.kind === 'circle').map((i) => i.circle!.change)).toEqual(['invitationAccepted', 'invitationCreated', 'memberAdded']);

    // Who wrote what: every character in the plan belongs to the member bound to the client id it was written under.
    const authors = historyAuthorsSchema.parse(await (await get(megan, `/api/plans/${plan.id}/history/authors`)).json());
    const byClient = new Map(authors.clients);
    expect(byClient.get(sam.doc.clientID)).toBe(plan.owner.accountId);
    expect(byClient.get(meg.doc.clientID)).toBe(megan.accountId);
    const written = new Map<string, string>();
    let item = (paragraph(sam, 'howNeedsMet') as unknown as { _start: Y.Item | null })._start;
    for (; item; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
      const author = byClient.get(item.id.client)!;
      written.set(author, (written.get(author) ?? '') + item.content.str);
    }
    expect(written).toEqual(
      new Map([
        [plan.owner.accountId, 'Sam needs help with shopping.'],
        [megan.accountId, ' every week, and I will drive'],
      ]),
    );
  });

  it('a member cannot write under a client id bound to another, even after the plan was closed and reopened', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    sam.type('howNeedsMet', 'Sam wrote this.');
    await saved(sam);
    const samClientId = sam.doc.clientID;
    sam.destroy();
    await waitFor(() => server.rooms.openRoom(plan.id) === undefined, 'the plan to close');

    // Reopened: the binding comes back from the history.
    const socket = connectRaw(syncUrl(server.url, plan.id), megan.cookie);
    await socket.joined();
    const samsEdit = (await timeline(megan, plan.id)).items.find((i) => i.kind === 'edit')!.lastSeq;
    const state = await (await fetch(`${server.url}/api/plans/${plan.id}/history/${samsEdit}/document`, { headers: { cookie: megan.cookie } })).json();
    const forged = new Y.Doc({ gc: false });
    Y.applyUpdate(forged, new Uint8Array(Buffer.from(historyDocumentSchema.parse(state).update, 'base64')));
    const before = Y.encodeStateVector(forged);
    forged.clientID = samClientId;
    const ytext = (forged.getXmlFragment(sectionFieldName('howNeedsMet')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    ytext.insert(0, 'Sam never wrote this: ');
    socket.ws.send(updateMessage(Y.encodeStateAsUpdate(forged, before)));
    expect((await socket.closed).code).toBe(CloseCode.malformedMessage);
    const check = await connect(plan.id, plan.owner);
    expect(check.text('howNeedsMet')).toBe('Sam wrote this.');
  });

  it('the plan rebuilt at each point of its history matches what the members saw then', async () => {
    const plan = await createTestPlan(server, 'wales', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    const meg = await connect(plan.id, megan);
    const seen: { seq: number; text: Record<string, string> }[] = [];
    const steps: [TestClient, string, (t: Y.XmlText) => void][] = [
      [sam, 'aboutMe', (t) => t.insert(0, 'I like trains.')],
      [meg, 'howNeedsMet', (t) => t.insert(0, 'Megan drives on Fridays.')],
      [sam, 'howNeedsMet', (t) => t.insert(t.length, ' And Saturdays.')],
      [meg, 'howNeedsMet', (t) => t.delete(0, 6)],
      [sam, 'aboutMe', (t) => t.format(0, 1, { bold: true })],
      [sam, 'stayingSafe', (t) => t.insert(0, 'Call my sister.')],
      [meg, 'stayingSafe', (t) => t.insert(t.length, ' Her number is in my phone.')],
    ];
    for (const [client, sectionId, change] of steps) {
      const text = paragraph(client, sectionId);
      change(text);
      await saved(client);
      for (const c of [sam, meg]) await waitFor(() => c.text(sectionId) === client.text(sectionId), 'both to agree');
      await endBurst(plan.id);
      const entries = await server.history.read(plan.id);
      seen.push({ seq: entries.at(-1)!.seq, text: Object.fromEntries(['aboutMe', 'howNeedsMet', 'stayingSafe'].map((s) => [s, client.text(s)])) });
    }
    expect(new Set(seen.map((s) => s.seq)).size).toBe(steps.length);
    for (const { seq, text } of seen) {
      const body = historyDocumentSchema.parse(await (await get(megan, `/api/plans/${plan.id}/history/${seq}/document`)).json());
      const rebuilt = new Y.Doc({ gc: false });
      Y.applyUpdate(rebuilt, new Uint8Array(Buffer.from(body.update, 'base64')));
      for (const [sectionId, expected] of Object.entries(text)) expect(fragmentText(rebuilt, sectionId), `${sectionId} at ${seq}`).toBe(expected);
    }
    // The first point is only Sam's first words.
    const first = historyDocumentSchema.parse(await (await get(megan, `/api/plans/${plan.id}/history/${seen[0]!.seq}/document`)).json());
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, new Uint8Array(Buffer.from(first.update, 'base64')));
    expect(fragmentText(doc, 'howNeedsMet')).toBe('');
    expect((await fetch(`${server.url}/api/plans/${plan.id}/history/99999/document`, { headers: { cookie: megan.cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}/api/plans/${plan.id}/history/zero/document`, { headers: { cookie: megan.cookie } })).status).toBe(400);
  });

  it('people typing at the same time, in the same paragraph: every entry builds only on entries before it', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    const meg = await connect(plan.id, megan);
    sam.type('howNeedsMet', 'Start.');
    await saved(sam);
    await waitFor(() => meg.text('howNeedsMet') === 'Start.', 'Megan to see it');
    // Interleaved keystrokes, each building on the other's latest words; nobody pauses.
    for (let i = 0; i < 30; i++) {
      const [writer, other] = i % 2 === 0 ? [sam, meg] : [meg, sam];
      paragraph(writer, 'howNeedsMet').insert(paragraph(writer, 'howNeedsMet').length, i % 2 === 0 ? 's' : 'm');
      await waitFor(() => other.text('howNeedsMet') === writer.text('howNeedsMet'), 'the other to see it');
    }
    paragraph(meg, 'howNeedsMet').delete(0, 3); // Megan deletes Sam's first words
    await saved(meg);
    await waitFor(() => sam.text('howNeedsMet') === meg.text('howNeedsMet'), 'agreement');
    await endBurst(plan.id);

    const entries = await server.history.read(plan.id);
    const doc = new Y.Doc({ gc: false });
    for (const entry of entries) {
      if (entry.updates.length === 0) continue;
      for (const update of entry.updates) Y.applyUpdate(doc, new Uint8Array(Buffer.from(update, 'base64')));
      expect(doc.store.pendingStructs, `entry ${entry.seq} waits for a later entry`).toBeNull();
      expect(doc.store.pendingDs, `entry ${entry.seq} deletes what a later entry writes`).toBeNull();
    }
    expect(fragmentText(doc, 'howNeedsMet')).toBe(sam.text('howNeedsMet'));
    const edits = entries.filter((e) => e.kind === 'edit');
    expect(new Set(edits.map((e) => e.accountId))).toEqual(new Set([plan.owner.accountId, megan.accountId]));
  });

  it('circle changes join the record as they happen, in order with the edits; date filters use the reader’s days', async () => {
    const alex = await createTestAccount(server, 'Alex');
    const created = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { cookie: alex.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ jurisdiction: 'wales', forSomeoneElse: { myRole: 'advocate' } }),
    });
    const plan = createPlanAnswerSchema.parse(await created.json());
    const member = { ...alex, role: 'advocate' as const, level: 'edit' as const };
    const client = await connect(plan.id, member);
    client.type('aboutMe', 'Written after the plan was started.');
    await saved(client);
    const page = await timeline(member, plan.id);
    expect(page.items.map((i) => i.kind === 'circle' ? i.circle!.change : i.kind).reverse()).toEqual(['memberAdded', 'invitationCreated', 'edit']);
    expect(page.items[1]!.circle).toMatchObject({ change: 'invitationCreated', role: 'person', level: 'edit' });
    expect(page.items[0]).toMatchObject({ onBehalf: true, by: { displayName: 'Alex', role: 'advocate' } });

    // An edit at 00:30 on 2 December in UTC+1 is on 2 December for that reader, 1 December in UTC.
    const at = page.items[0]!.at;
    const day = (offsetMinutes: number) => new Date(Date.parse(at) + offsetMinutes * 60_000).toISOString().slice(0, 10);
    for (const tz of [-300, 0, 60, 600]) {
      const hit = await timeline(member, plan.id, `?from=${day(tz)}&to=${day(tz)}&tz=${tz}`);
      expect(hit.items.some((i) => i.kind === 'edit'), `tz ${tz}`).toBe(true);
    }
    const dayBefore = (offsetMinutes: number) => new Date(Date.parse(at) + offsetMinutes * 60_000 - 86_400_000).toISOString().slice(0, 10);
    expect((await timeline(member, plan.id, `?to=${dayBefore(60)}&tz=60`)).items).toEqual([]);
  });

  it('a long burst is kept in merged chunks and rebuilds exactly', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    const typed = 'Three hundred keystrokes, one at a time. '.repeat(8).slice(0, 300);
    for (const ch of typed) sam.type('aboutMe', ch);
    await saved(sam);
    await endBurst(plan.id);
    const edits = (await server.history.read(plan.id)).filter((e) => e.kind === 'edit');
    expect(edits).toHaveLength(1);
    expect(edits[0]!.updates.length).toBeGreaterThan(1);
    expect(edits[0]!.addedChars).toBe(300);
    const body = historyDocumentSchema.parse(await (await get(plan.owner, `/api/plans/${plan.id}/history/${edits[0]!.seq}/document`)).json());
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, new Uint8Array(Buffer.from(body.update, 'base64')));
    expect(fragmentText(doc, 'aboutMe')).toBe(typed);
  });

  it('history survives the plan closing, compaction and a restart; a plan from before history gets a baseline', async () => {
    const dataDir = path.join(server.dataDir, '..', `${path.basename(server.dataDir)}-restart`);
    await mkdir(dataDir, { recursive: true });
    let own = await startTestServer(dataDir);
    try {
      const plan = await createTestPlan(own, 'england', 'Sam');
      const c = connectClient(own.url, plan.id, plan.owner);
      await waitForSync(c);
      for (let i = 0; i < 20; i++) c.type('aboutMe', `word${i} `);
      await waitFor(() => c.isSaved(), 'saved');
      c.destroy();
      await waitFor(() => own.rooms.openRoom(plan.id) === undefined, 'closed and compacted');
      await own.rooms.settled(plan.id); // its last entries written
      const before = await own.history.read(plan.id);
      await own.close();
      own = await startTestServer(dataDir);
      const after = await own.history.read(plan.id);
      expect(after).toEqual(before);
      expect(after.filter((e) => e.kind === 'edit').reduce((n, e) => n + e.addedWords, 0)).toBe(20);

      // A plan whose history file is gone (as a plan from before history was kept): its content becomes a baseline.
      await rm(path.join(dataDir, 'plans', plan.id, 'history.log'));
      await own.close();
      own = await startTestServer(dataDir);
      const again = connectClient(own.url, plan.id, plan.owner);
      await waitForSync(again);
      again.destroy();
      await waitFor(() => own.rooms.openRoom(plan.id) === undefined, 'closed');
      await own.rooms.settled(plan.id);
      const rebuilt = await own.history.read(plan.id);
      expect(rebuilt.filter((e) => e.updates.length > 0).map((e) => [e.kind, e.accountId, e.addedWords])).toEqual([['baseline', null, 20]]);
    } finally {
      await own.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('the record is tamper-evident: an edited entry is found by the API and by npm run verify-history', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    for (const words of ['First words.', ' Second words.', ' Third words.']) {
      sam.type('aboutMe', words);
      await saved(sam);
      await endBurst(plan.id);
    }
    const verify = async () => historyVerificationSchema.parse(await (await get(plan.owner, `/api/plans/${plan.id}/history/verify`)).json());
    expect(await verify()).toEqual({ ok: true, entries: expect.any(Number) as number, firstBroken: null, reason: null, anchor: null });
    const file = path.join(server.dataDir, 'plans', plan.id, 'history.log');
    const cli = () =>
      promisify(execFile)(process.execPath, ['dist/server/server/verifyHistory.js', plan.id], { env: { ...process.env, CYLCH_DATA_DIR: server.dataDir } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    expect(await cli()).toMatchObject({ code: 0 });

    // Someone with access to the disk makes Sam's second burst say fewer words were added, and even fixes the
    // record's checksum so the file still reads back.
    const bytes = await readFile(file);
    const records = splitRecords(bytes);
    const target = records.findIndex((r) => r.entry.kind === 'edit' && r.entry.addedWords === 2 && r.index > 0);
    const edited = { ...records[target]!.entry, addedWords: 1 };
    records[target] = { ...records[target]!, entry: edited };
    await writeFile(file, joinRecords(records));
    const seq = records[target]!.entry.seq as number;

    expect(await verify()).toMatchObject({ ok: false, firstBroken: seq });
    const result = await cli();
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN at entry ${seq}`);
  });

  it('a hash given out with an agreement shows a record rewritten and re-sealed after it, which the chain alone cannot', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'I agree to this.');
    await saved(sam);
    const res = await fetch(`${server.url}/api/plans/${plan.id}/agreement`, {
      method: 'POST',
      headers: { cookie: plan.owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'agree' }),
    });
    const { recordHash } = agreementStatementSchema.parse(await res.json());
    sam.destroy();
    await waitFor(() => server.rooms.openRoom(plan.id) === undefined, 'the plan to close');
    const verify = async (anchor: string) =>
      historyVerificationSchema.parse(await (await get(plan.owner, `/api/plans/${plan.id}/history/verify?anchor=${anchor}`)).json());
    expect(await verify(recordHash)).toMatchObject({ ok: true, anchor: { hash: recordHash, seq: expect.any(Number) as number } });

    // Someone with the disk makes Sam's words say something else and re-seals every entry from there on.
    const file = path.join(server.dataDir, 'plans', plan.id, 'history.log');
    const records = splitRecords(await readFile(file));
    const edit = records.findIndex((r) => r.entry.kind === 'edit');
    let prev = edit === 0 ? '0'.repeat(64) : (records[edit - 1]!.entry.hash as string);
    for (const record of records.slice(edit)) {
      const changed = { ...record.entry, prevHash: prev, ...(record.index === edit ? { addedWords: 9 } : {}) } as unknown as StoredHistoryEntry;
      record.entry = { ...changed, hash: entryHash(changed) };
      prev = record.entry.hash as string;
    }
    await writeFile(file, joinRecords(records));
    await server.history.release(plan.id);

    const plain = historyVerificationSchema.parse(await (await get(plan.owner, `/api/plans/${plan.id}/history/verify`)).json());
    expect(plain.ok).toBe(true); // the chain holds together…
    expect(await verify(recordHash)).toMatchObject({ ok: false, anchor: { hash: recordHash, seq: null } }); // …but not what Sam was given
    const cli = await promisify(execFile)(process.execPath, ['dist/server/server/verifyHistory.js', plan.id, recordHash], {
      env: { ...process.env, CYLCH_DATA_DIR: server.dataDir },
    }).then(
      () => ({ code: 0 }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(cli).toMatchObject({ code: 1, out: expect.stringContaining('rewritten') as string });
    expect((await fetch(`${server.url}/api/plans/${plan.id}/history/verify?anchor=nothex`, { headers: { cookie: plan.owner.cookie } })).status).toBe(400);
  });

  it('a version whose hash does not name what the record rebuilds there is found, even with the chain re-sealed', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'The words Sam saved.');
    await saved(sam);
    const res = await fetch(`${server.url}/api/plans/${plan.id}/versions`, {
      method: 'POST',
      headers: { cookie: plan.owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Saved' }),
    });
    expect(res.status).toBe(201);
    sam.destroy();
    await waitFor(() => server.rooms.openRoom(plan.id) === undefined, 'the plan to close');
    const verify = async () => historyVerificationSchema.parse(await (await get(plan.owner, `/api/plans/${plan.id}/history/verify`)).json());
    expect((await verify()).ok).toBe(true);

    // Someone with the disk points the version at other content and re-seals the chain from there.
    const file = path.join(server.dataDir, 'plans', plan.id, 'history.log');
    const records = splitRecords(await readFile(file));
    const at = records.findIndex((r) => r.entry.kind === 'version');
    let prev = at === 0 ? '0'.repeat(64) : (records[at - 1]!.entry.hash as string);
    for (const record of records.slice(at)) {
      const version = record.index === at ? { name: 'Saved', contentHash: 'f'.repeat(64) } : record.entry.version;
      const changed = { ...record.entry, prevHash: prev, ...(version ? { version } : {}) } as unknown as StoredHistoryEntry;
      record.entry = { ...changed, hash: entryHash(changed) };
      prev = record.entry.hash as string;
    }
    await writeFile(file, joinRecords(records));
    const seq = records[at]!.entry.seq as number;
    expect(await verify()).toMatchObject({ ok: false, firstBroken: seq, reason: expect.stringContaining('names content') as string });
    const cli = await promisify(execFile)(process.execPath, ['dist/server/server/verifyHistory.js', plan.id], {
      env: { ...process.env, CYLCH_DATA_DIR: server.dataDir },
    }).then(
      () => ({ code: 0 }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(cli).toMatchObject({ code: 1, out: expect.stringContaining(`BROKEN at entry ${seq}`) as string });
  });

  it('a damaged history file: the plan still opens and saves, and the history says it is damaged', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const sam = await connect(plan.id, plan.owner);
    for (const words of ['Before', ' the', ' damage.']) {
      sam.type('aboutMe', words);
      await saved(sam);
      await endBurst(plan.id);
    }
    sam.destroy();
    await waitFor(() => server.rooms.openRoom(plan.id) === undefined, 'the plan to close');
    const file = path.join(server.dataDir, 'plans', plan.id, 'history.log');
    const bytes = await readFile(file);
    bytes[JOURNAL_MAGIC.length + 12]! ^= 0xff; // inside the first of three records: its checksum fails, with more after it
    await writeFile(file, bytes);

    const again = await connect(plan.id, plan.owner);
    expect(again.text('aboutMe')).toBe('Before the damage.');
    again.type('aboutMe', ' Still saved.');
    await saved(again);
    const res = await fetch(`${server.url}/api/plans/${plan.id}/history`, { headers: { cookie: plan.owner.cookie } });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('historyDamaged');
    const verify = historyVerificationSchema.parse(await (await get(plan.owner, `/api/plans/${plan.id}/history/verify`)).json());
    expect(verify.ok).toBe(false);
    // The damaged file is left exactly as found, for whoever restores it.
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  it('exports every entry as JSON and CSV, to members only', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const jo = await addTestMember(server, plan, { name: '=1+2 Jo', role: 'provider', level: 'view' });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Words to export.');
    await saved(sam);
    await fetch(`${server.url}/api/plans/${plan.id}/circle/members/${jo.accountId}`, {
      method: 'DELETE',
      headers: { cookie: plan.owner.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    const stored = await server.history.read(plan.id);

    const json = (await (await get(plan.owner, `/api/plans/${plan.id}/history/export.json`)).json()) as { entries: { seq: number; hash: string }[] };
    // The download itself is recorded, after it was put together: it is in the next one.
    const all = await server.history.read(plan.id);
    expect(all.at(-1)).toMatchObject({ kind: 'export', accountId: plan.owner.accountId, role: 'person', export: { format: 'json' } });
    expect(all.length).toBeGreaterThan(stored.length);
    expect(json.entries.map((e) => [e.seq, e.hash])).toEqual(all.slice(0, -1).map((e) => [e.seq, e.hash]));
    const csv = await (await get(plan.owner, `/api/plans/${plan.id}/history/export.csv`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(all.length + 1);
    expect(lines[0]).toBe('seq,at,until,kind,by,role,onBehalf,sections,addedWords,removedWords,circleChange,subject,level,detail,contentHash,hash');
    expect(lines.at(-1)).toMatch(/^\d+,[^,]+,[^,]+,export,Sam,person,false,,0,0,,,,json,,[0-9a-f]{64}$/);
    const timeline = historyPageSchema.parse(await (await get(plan.owner, `/api/plans/${plan.id}/history`)).json());
    expect(timeline.items.filter((i) => i.kind === 'export').map((i) => [i.by?.displayName, i.export?.format])).toEqual([
      ['Sam', 'csv'],
      ['Sam', 'json'],
    ]);
    expect(csv).toContain('memberRemoved');
    expect(csv).toContain(",'=1+2 Jo,"); // never a spreadsheet formula
    expect((await fetch(`${server.url}/api/plans/${plan.id}/history/export.csv`, { headers: { cookie: jo.cookie } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/plans/${plan.id}/history`)).status).toBe(401);
  });

  it('the timeline groups a burst into one entry, filters by person, section and date, and pages', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = await connect(plan.id, plan.owner);
    const meg = await connect(plan.id, megan);
    for (const ch of 'Forty two keystrokes of typing in one go!') {
      sam.type('aboutMe', ch);
    }
    await saved(sam);
    for (let i = 0; i < 3; i++) {
      meg.type('stayingSafe', `Step ${i}. `);
      await saved(meg);
      await endBurst(plan.id);
    }
    const page = await timeline(plan.owner, plan.id);
    const edits = page.items.filter((i: HistoryItem) => i.kind === 'edit');
    expect(edits.filter((i) => i.by?.displayName === 'Sam')).toHaveLength(1);
    expect(edits.find((i) => i.by?.displayName === 'Sam')).toMatchObject({ sections: ['aboutMe'], addedWords: 8 });
    // Megan's three separate bursts, close together in the same section, read as one line too.
    expect(edits.filter((i) => i.by?.displayName === 'Megan')).toHaveLength(1);
    expect(page.people.map((p) => p.displayName).sort()).toEqual(['Megan', 'Sam']);

    expect((await timeline(plan.owner, plan.id, `?by=${megan.accountId}`)).items.every((i) => i.by?.accountId === megan.accountId || i.circle?.subject?.accountId === megan.accountId)).toBe(true);
    expect((await timeline(plan.owner, plan.id, '?section=stayingSafe')).items.map((i) => i.by?.displayName)).toEqual(['Megan']);
    expect((await timeline(plan.owner, plan.id, '?to=2000-01-01')).items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await timeline(plan.owner, plan.id, `?from=${today}&to=${today}`)).items.length).toBe(page.items.length);
    const first = await timeline(plan.owner, plan.id, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await timeline(plan.owner, plan.id, `?limit=2&before=${first.next}`);
    expect(second.items[0]!.lastSeq).toBeLessThan(first.items[1]!.lastSeq);
    expect((await fetch(`${server.url}/api/plans/${plan.id}/history?limit=100000`, { headers: { cookie: megan.cookie } })).status).toBe(400);
    expect((await fetch(`${server.url}/api/plans/${plan.id}/history?section=../../x`, { headers: { cookie: megan.cookie } })).status).toBe(400);
  });

  it('writing history never holds up saving: with history failing, edits are saved, and the history catches up', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const file = path.join(server.dataDir, 'plans', plan.id, 'history.log');
    // A directory where the history file should be: every history write fails until it is gone.
    await mkdir(file, { recursive: true });
    const sam = await connect(plan.id, plan.owner);
    sam.type('aboutMe', 'Saved even though history cannot be written.');
    await saved(sam);
    const again = await connect(plan.id, plan.owner);
    expect(again.text('aboutMe')).toBe('Saved even though history cannot be written.');
    await rm(file, { recursive: true });
    await waitFor(() => server.rooms.openRoom(plan.id)!.history.written > 0, 'the history to be written on a retry', 15_000);
    const entries = await server.history.read(plan.id);
    expect(entries.some((e) => e.kind === 'edit' && e.addedWords === 7 && e.accountId === plan.owner.accountId)).toBe(true);
  });
});

/** The records of a history file, each parsed. */
function splitRecords(bytes: Buffer): { index: number; entry: Record<string, unknown> }[] {
  const records: { index: number; entry: Record<string, unknown> }[] = [];
  let at = JOURNAL_MAGIC.length;
  while (at < bytes.length) {
    const length = bytes.readUInt32LE(at);
    records.push({ index: records.length, entry: JSON.parse(bytes.subarray(at + 8, at + 8 + length).toString('utf8')) as Record<string, unknown> });
    at += 8 + length;
  }
  return records;
}

function joinRecords(records: { entry: Record<string, unknown> }[]): Buffer {
  const parts = records.map(({ entry }) => {
    const payload = Buffer.from(JSON.stringify(entry), 'utf8');
    const header = Buffer.alloc(8);
    header.writeUInt32LE(payload.length, 0);
    header.writeUInt32LE(crc32(payload), 4);
    return Buffer.concat([header, payload]);
  });
  return Buffer.concat([JOURNAL_MAGIC, ...parts]);
}
