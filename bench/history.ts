// What keeping history costs (issue 4). One plan, four members (the person and three others, every section opened to
// them, each typing in their own), 100,000 single-character edits between them, typed round-robin at 250 keystrokes
// a second each. Run twice on a fresh server: with history recording off, then on.
// Prints edit → saved latency for both side by side, and, with history on: the time to open the history's first page,
// to rebuild and show the oldest version (and the newest), to check the chain, and the stored size against the
// plan's current text.
//
//   node dist/server/bench/history.js [--edits N] [--rate R]

import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { historyDocumentSchema, historyPageSchema, historyVerificationSchema } from '../shared/history.js';
import { SECTION_IDS } from '../shared/sections.js';
import { Member } from './member.js';
import { Recorder } from './recorder.js';
import { percentiles } from './report.js';
import { seedPlans } from './seed.js';
import { ServerProcess } from './serverProcess.js';

const MEMBERS = 4;
const STEP_TIMEOUT_MS = 60_000;
const log = (line: string) => process.stderr.write(`[bench:history] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Run {
  mode: 'off' | 'on';
  typingS: number;
  saved: number[];
  api?: { firstPageMs: number; oldestMs: number; newestMs: number; verifyMs: number; entries: number; pageItems: number };
  sizes?: { historyBytes: number; documentBytes: number; textChars: number; textBytes: number };
}

async function run(mode: 'off' | 'on', edits: number, ratePerMember: number): Promise<Run> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cylch-bench-history-'));
  let server: ServerProcess | null = null;
  const members: Member[] = [];
  try {
    const [plan] = await seedPlans(dataDir, 1, MEMBERS);
    server = await ServerProcess.start({
      dataDir,
      execArgv: [],
      env: { CYLCH_HISTORY_RECORDING: mode },
      onUnexpectedExit: (why) => log(why),
    });
    const wsBase = server.url.replace(/^http/, 'ws');
    const recorder = new Recorder();
    for (let i = 0; i < MEMBERS; i++) {
      const member = new Member(plan!.id, i + 1, SECTION_IDS[i]!, plan!.cookies[i]!, recorder);
      recorder.add(member);
      members.push(member);
    }
    for (const m of members) {
      await m.connect(wsBase);
      await m.until(() => m.synced, 'sync', STEP_TIMEOUT_MS);
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
    options: { edits: { type: 'string', default: '100000' }, rate: { type: 'string', default: '250' } },
    strict: true,
  });
  const edits = Number(values.edits);
  const rate = Number(values.rate);
  if (!Number.isInteger(edits) || edits < MEMBERS || edits > 2_000_000) throw new Error('--edits must be an integer from 4 to 2,000,000');
  if (!(rate > 0 && rate <= 2000)) throw new Error('--rate must be from 0 to 2000 keystrokes per second per member');

  const off = await run('off', edits, rate);
  const on = await run('on', edits, rate);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  const [off50, off99] = percentiles(off.saved, [50, 99]);
  const [on50, on99] = percentiles(on.saved, [50, 99]);
  const a = on.api!;
  const s = on.sizes!;
  const lines = [
    `Cylch history benchmark: 1 plan, ${MEMBERS} members, ${edits.toLocaleString('en-GB')} single-character edits typed round-robin at ${rate * MEMBERS} keystrokes/s in all`,
    '',
    `edit → saved            history off: p50 ${ms(off50!)}  p99 ${ms(off99!)}   history on: p50 ${ms(on50!)}  p99 ${ms(on99!)}   (${on.saved.length} keystrokes)`,
    `history entries         ${a.entries.toLocaleString('en-GB')} (each member's burst is one entry; a burst closes after a 2 s pause or 30 s)`,
    `open history, page 1    ${ms(a.firstPageMs)} (${a.pageItems} lines of the timeline)`,
    `oldest version          ${ms(a.oldestMs)} to rebuild and show; newest (all entries applied) ${ms(a.newestMs)}`,
    `check the chain         ${ms(a.verifyMs)}`,
    `stored size             history ${mb(s.historyBytes)}; document (state + journal, deleted content kept) ${mb(s.documentBytes)}; the plan's text ${s.textChars.toLocaleString('en-GB')} characters (${mb(s.textBytes)}) — history is ${(s.historyBytes / Math.max(1, s.textBytes)).toFixed(0)}× the text`,
  ];
  console.log(lines.join('\n'));
  console.log('');
  console.log(JSON.stringify({ edits, rate, savedOff: { p50: off50, p99: off99 }, savedOn: { p50: on50, p99: on99 }, ...a, ...s }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
