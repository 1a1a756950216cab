// What keeping history costs (issue 4). One plan, four members (the person and three others, every section opened to
// them, each typing in their own), 100,000 single-character edits between them, typed round-robin at 250 keystrokes
// a second each. Run twice on a fresh server: with history recording off, then on.
// Prints edit → saved latency for both side by side, and, with history on: the time to open the history's first page,
// to rebuild and show the oldest version (and the newest), to save a version, to compare the oldest point with now,
// to check the chain, and the stored size against the plan's current text.
// Then the worst case for the record: the same four members typing round-robin into ONE paragraph, each keystroke
// right after another member's, so no burst can last beyond a keystroke (every change builds on someone else's).
//
//   node dist/server/bench/history.js [--edits N] [--rate R] [--worst-edits N]

import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { historyDocumentSchema, historyPageSchema, historyVerificationSchema } from '../shared/history.js';
import { planComparisonSchema } from '../shared/versions.js';
import { SECTION_IDS } from '../shared/sections.js';
import { Member } from './member.js';
import { Recorder } from './recorder.js';
import { percentiles } from './report.js';
import { seedPlans } from './seed.js';
import { ServerProcess } from './serverProcess.js';

const MEMBERS = 4;
/** Where everyone types in the worst case: a section the whole circle may edit. */
const SHARED_SECTION = 'howNeedsMet';
const STEP_TIMEOUT_MS = 60_000;
const log = (line: string) => process.stderr.write(`[bench:history] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Run {
  mode: 'off' | 'on' | 'worst';
  typingS: number;
  saved: number[];
  api?: {
    firstPageMs: number;
    oldestMs: number;
    newestMs: number;
    verifyMs: number;
    saveVersionMs: number;
    compareMs: number;
    entries: number;
    pageItems: number;
  };
  sizes?: { historyBytes: number; documentBytes: number; textChars: number; textBytes: number };
}

async function run(mode: 'off' | 'on' | 'worst', edits: number, ratePerMember: number): Promise<Run> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cylch-bench-history-'));
  let server: ServerProcess | null = null;
  const members: Member[] = [];
  try {
    const [plan] = await seedPlans(dataDir, 1, MEMBERS);
    server = await ServerProcess.start({
      dataDir,
      execArgv: [],
      env: { CYLCH_HISTORY_RECORDING: mode === 'off' ? 'off' : 'on' },
      onUnexpectedExit: (why) => log(why),
    });
    const wsBase = server.url.replace(/^http/, 'ws');
    const recorder = new Recorder();
    for (let i = 0; i < MEMBERS; i++) {
      const member = new Member(plan!.id, i + 1, mode === 'worst' ? SHARED_SECTION : SECTION_IDS[i]!, plan!.cookies[i]!, recorder);
      recorder.add(member);
      members.push(member);
    }
    for (const [i, m] of members.entries()) {
      await m.connect(wsBase);
      await m.until(() => m.synced, 'sync', STEP_TIMEOUT_MS);
      if (mode === 'worst' && i > 0) {
        m.shareParagraph();
        continue;
      }
      m.createParagraph();
      const end = m.clock;
      await m.until(() => m.savedUpTo >= end, 'its paragraph saved', STEP_TIMEOUT_MS);
    }

    // Round-robin typing: one member after another, each at `ratePerMember` keystrokes a second.
    log(`history ${mode}: typing ${edits.toLocaleString('en-GB')} single-character edits`);
    const perMember = Math.ceil(edits / MEMBERS);
    const intervalMs = 1000 / (ratePerMember * MEMBERS);
    const start = performance.now();
    for (let k = 0; k < perMember * MEMBERS; k++) {
      const due = start + k * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      else if (k % 64 === 0) await sleep(0); // let answers in
      members[k % MEMBERS]!.type(true);
    }
    const typingS = (performance.now() - start) / 1000;
    for (const m of members) {
      const end = m.clock;
      await m.until(() => m.savedUpTo >= end, 'every keystroke saved', STEP_TIMEOUT_MS);
    }
    log(`history ${mode}: typed and saved in ${typingS.toFixed(1)} s`);
    for (const m of members) await m.leave(5000);
    members.length = 0;
    const result: Run = { mode, typingS, saved: recorder.savedLatencies };
    if (mode === 'off') return result;

    // The plan is closed (its history written out and files released): everything now comes from disk.
    await sleep(1500);
    const cookie = plan!.cookies[1]!;
    const timed = async <T>(route: string, parse: (body: unknown) => T): Promise<{ ms: number; body: T }> => {
      const t0 = performance.now();
      const res = await fetch(`${server!.url}${route}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${route}: ${res.status} ${await res.text()}`);
      const body = parse(await res.json());
      return { ms: performance.now() - t0, body };
    };
    const base = `/api/plans/${plan!.id}/history`;
    const page = await timed(base, (b) => historyPageSchema.parse(b));
    const verify = await timed(`${base}/verify`, (b) => historyVerificationSchema.parse(b));
    const oldest = await timed(`${base}/1/document`, (b) => historyDocumentSchema.parse(b));
    const compare = await timed(`/api/plans/${plan!.id}/compare?from=1`, (b) => planComparisonSchema.parse(b));
    const t1 = performance.now();
    const saving = await fetch(`${server.url}/api/plans/${plan!.id}/versions`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Benchmark version' }),
    });
    if (saving.status !== 201) throw new Error(`saving a version: ${saving.status} ${await saving.text()}`);
    const saveVersionMs = performance.now() - t1;
    const newest = await timed(`${base}/${verify.body.entries}/document`, (b) => historyDocumentSchema.parse(b));
    // "Show" the oldest version: decode it into a document, as the browser does.
    const t0 = performance.now();
    const shown = new Y.Doc({ gc: false });
    Y.applyUpdate(shown, new Uint8Array(Buffer.from(oldest.body.update, 'base64')));
    const showMs = performance.now() - t0;

    const now = new Y.Doc({ gc: false });
    Y.applyUpdate(now, new Uint8Array(Buffer.from(newest.body.update, 'base64')));
    let text = '';
    for (const id of SECTION_IDS) text += now.getXmlFragment(`section:${id}`).toString().replace(/<[^>]*>/g, '');
    const planDir = path.join(dataDir, 'plans', plan!.id);
    const sizeOf = async (name: string) => (await stat(path.join(planDir, name)).catch(() => null))?.size ?? 0;
    const documentBytes = (await sizeOf('state.json')) + (await sizeOf('updates.log'));
    result.api = {
      firstPageMs: page.ms,
      oldestMs: oldest.ms + showMs,
      newestMs: newest.ms,
      verifyMs: verify.ms,
      saveVersionMs,
      compareMs: compare.ms,
      entries: verify.body.entries,
      pageItems: page.body.items.length,
    };
    result.sizes = { historyBytes: await sizeOf('history.log'), documentBytes, textChars: [...text].length, textBytes: Buffer.byteLength(text) };
    if (!verify.body.ok) throw new Error(`the history chain does not hold: ${verify.body.reason}`);
    return result;
  } finally {
    for (const m of members) await m.leave(2000);
    if (server) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      edits: { type: 'string', default: '100000' },
      rate: { type: 'string', default: '250' },
      'worst-edits': { type: 'string', default: '20000' },
    },
    strict: true,
  });
  const edits = Number(values.edits);
  const rate = Number(values.rate);
  if (!Number.isInteger(edits) || edits < MEMBERS || edits > 2_000_000) throw new Error('--edits must be an integer from 4 to 2,000,000');
  if (!(rate > 0 && rate <= 2000)) throw new Error('--rate must be from 0 to 2000 keystrokes per second per member');

  const worstEdits = Number(values['worst-edits']);
  if (!Number.isInteger(worstEdits) || worstEdits < MEMBERS || worstEdits > 2_000_000) throw new Error('--worst-edits must be an integer from 4 to 2,000,000');

  const off = await run('off', edits, rate);
  const on = await run('on', edits, rate);
  const worst = await run('worst', worstEdits, rate);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  const [off50, off99] = percentiles(off.saved, [50, 99]);
  const [on50, on99] = percentiles(on.saved, [50, 99]);
  const a = on.api!;
  const s = on.sizes!;
  const w = worst.api!;
  const ws = worst.sizes!;
  const [w50, w99] = percentiles(worst.saved, [50, 99]);
  const lines = [
    `Cylch history benchmark: 1 plan, ${MEMBERS} members, ${edits.toLocaleString('en-GB')} single-character edits typed round-robin at ${rate * MEMBERS} keystrokes/s in all`,
    '',
    `edit → saved            history off: p50 ${ms(off50!)}  p99 ${ms(off99!)}   history on: p50 ${ms(on50!)}  p99 ${ms(on99!)}   (${on.saved.length} keystrokes)`,
    `history entries         ${a.entries.toLocaleString('en-GB')} (each member's burst is one entry; a burst closes after a 2 s pause or 30 s)`,
    `open history, page 1    ${ms(a.firstPageMs)} (${a.pageItems} lines of the timeline)`,
    `oldest version          ${ms(a.oldestMs)} to rebuild and show; newest (all entries applied) ${ms(a.newestMs)}`,
    `compare oldest with now ${ms(a.compareMs)}; save a version ${ms(a.saveVersionMs)}`,
    `check the chain         ${ms(a.verifyMs)}`,
    `stored size             history ${mb(s.historyBytes)}; document (state + journal, deleted content kept) ${mb(s.documentBytes)}; the plan's text ${s.textChars.toLocaleString('en-GB')} characters (${mb(s.textBytes)}) — history is ${(s.historyBytes / Math.max(1, s.textBytes)).toFixed(0)}× the text`,
    '',
    `Worst case: the same ${MEMBERS} members typing ${worstEdits.toLocaleString('en-GB')} characters round-robin into ONE paragraph (each keystroke after another member's)`,
    `edit → saved            p50 ${ms(w50!)}  p99 ${ms(w99!)}`,
    `history entries         ${w.entries.toLocaleString('en-GB')}; open page 1 ${ms(w.firstPageMs)}; oldest version ${ms(w.oldestMs)}; compare oldest with now ${ms(w.compareMs)}; check the chain ${ms(w.verifyMs)}`,
    `stored size             history ${mb(ws.historyBytes)}; document ${mb(ws.documentBytes)}; text ${ws.textChars.toLocaleString('en-GB')} characters`,
  ];
  console.log(lines.join('\n'));
  console.log('');
  console.log(JSON.stringify({ edits, rate, savedOff: { p50: off50, p99: off99 }, savedOn: { p50: on50, p99: on99 }, ...a, ...s, worst: { edits: worstEdits, saved: { p50: w50, p99: w99 }, ...w, ...ws } }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
