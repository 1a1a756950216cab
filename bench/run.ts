// `npm run bench`: forks the real server, loads it with light simulated members typing in many plans at once,
// and prints edit latencies, losses, server CPU per update and memory against the targets (see --help).

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SECTION_IDS } from '../shared/sections.js';
import { Member } from './member.js';
import { summariseProfile } from './profile.js';
import { Recorder } from './recorder.js';
import { buildReport, type MemoryFigures } from './report.js';
import { ServerProcess, type ServerStats } from './serverProcess.js';
import { seedPlans } from './seed.js';

const HELP = `Usage: node dist/server/bench/run.js [options]
  --plans N      plans, each with its own members (default 200)
  --members N    members per plan, 2..${SECTION_IDS.length}, each typing in its own section (default 5)
  --rate R       keystrokes per second per member (default 1)
  --warmup S     seconds of typing before measuring (default 5)
  --duration S   seconds measured (default 30)
  --profile      run the server with --cpu-prof and print where its time went during the measured window
Exit code: 0 all targets met, 2 a target missed, 1 the bench itself failed.`;

/** Plans whose members connect at the same time during setup, and the time one such batch may take. */
const SETUP_BATCH_PLANS = 20;
const SETUP_STEP_TIMEOUT_MS = 20_000;
const STRAGGLER_WAIT_MS = 3000;
const CLOSE_WAIT_MS = 30_000;
const SETTLE_AFTER_CLOSE_MS = 2000;
const LOOP_DELAY_RESOLUTION_MS = 1;

interface Options {
  plans: number;
  members: number;
  rate: number;
  warmupS: number;
  durationS: number;
  profile: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      plans: { type: 'string', default: '200' },
      members: { type: 'string', default: '5' },
      rate: { type: 'string', default: '1' },
      warmup: { type: 'string', default: '5' },
      duration: { type: 'string', default: '30' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const num = (name: string, raw: string, min: number, max: number, integer: boolean) => {
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got ${raw})`);
    }
    return v;
  };
  return {
    plans: num('plans', values.plans, 1, 5000, true),
    members: num('members', values.members, 2, SECTION_IDS.length, true),
    rate: num('rate', values.rate, 0.01, 50, false),
    warmupS: num('warmup', values.warmup, 0, 600, false),
    durationS: num('duration', values.duration, 1, 3600, false),
    profile: values.profile,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const memoryOf = (s: ServerStats): MemoryFigures => ({ rss: s.memory.rss, heapUsed: s.memory.heapUsed });
const cpuUs = (c: NodeJS.CpuUsage) => c.user + c.system;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  const options = parseOptions();
  const { plans, members: perPlan, rate, warmupS, durationS } = options;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cylch-bench-'));
  const profileDir = options.profile ? await mkdtemp(path.join(os.tmpdir(), 'cylch-bench-profile-')) : null;
  const recorder = new Recorder();
  const members: Member[] = [];
  let server: ServerProcess | null = null;
  const typingTimers = new Set<NodeJS.Timeout>();

  // Any fatal event (the server dying, Ctrl-C, the overall time limit) rejects `fatal`; every wait races it.
  let failNow: (err: Error) => void = () => {};
  const fatal = new Promise<never>((_, reject) => {
    failNow = reject;
  });
  fatal.catch(() => {});
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, fatal]);
  const budgetMs = 120_000 + (plans * perPlan * 50) + (warmupS + durationS) * 1000;
  const watchdog = setTimeout(() => failNow(new Error(`the bench did not finish within ${Math.round(budgetMs / 1000)} s`)), budgetMs);
  const onSignal = () => failNow(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let window: { fromUs: number; toUs: number } | null = null;
  let completed = false;
  try {
    const setupStart = performance.now();
    const seeded = await guard(seedPlans(dataDir, plans, perPlan));
    log(`${plans} plans created in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
    log(`starting the server (data in ${dataDir})`);
    const execArgv = ['--expose-gc'];
    if (profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
    server = await guard(ServerProcess.start({ dataDir, execArgv, onUnexpectedExit: (why) => failNow(new Error(why)) }));
    const srv = server;
    const wsBase = srv.url.replace(/^http/, 'ws');


    // Idle: plans exist on disk, none is open yet.
    const idle = await guard(srv.stats());

    // Setup, in batches of plans: connect, sync, create each member's paragraph and wait until it is saved.
    for (let b = 0; b < seeded.length; b += SETUP_BATCH_PLANS) {
      const batch: Member[] = [];
      for (const plan of seeded.slice(b, b + SETUP_BATCH_PLANS)) {
        for (let i = 0; i < perPlan; i++) {
          const member = new Member(plan.id, i + 1, SECTION_IDS[i]!, plan.cookies[i]!, recorder);
          recorder.add(member);
          members.push(member);
          batch.push(member);
        }
      }
      await guard(
        Promise.all(
          batch.map(async (m) => {
            await m.connect(wsBase);
            await m.until(() => m.synced, 'the server sync step 2', SETUP_STEP_TIMEOUT_MS);
            m.createParagraph();
            const paragraphEnd = m.clock;
            await m.until(() => m.savedUpTo >= paragraphEnd, 'its paragraph to be saved', SETUP_STEP_TIMEOUT_MS);
          }),
        ),
      );
    }
    for (const m of members) m.applyRemote = false;
    const setupS = (performance.now() - setupStart) / 1000;
    log(`${members.length} members connected and set up in ${setupS.toFixed(1)} s`);

    // Typing: each member at `rate` keystrokes/s on a fixed period with a random phase (absolute schedule, no drift).
    let phase: 'warmup' | 'measure' | 'drain' = 'warmup';
    const periodMs = 1000 / rate;
    const typingStart = performance.now();
    for (const m of members) {
      let next = typingStart + Math.random() * periodMs;
      const tick = () => {
        typingTimers.delete(timer);
        if (phase === 'drain') return;
        m.type(phase === 'measure');
        next += periodMs;
        timer = setTimeout(tick, Math.max(0, next - performance.now()));
        typingTimers.add(timer);
      };
      let timer = setTimeout(tick, next - typingStart);
      typingTimers.add(timer);
    }
    log(`warming up for ${warmupS} s`);
    await guard(sleep(warmupS * 1000));

    // Measured window. The server's stats handler forces a gc; measuring starts only after it has answered.
    const serverStart = await guard(srv.stats());
    const loadgenStart = process.cpuUsage();
    const savedNoticesStart = recorder.savedNotices;
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
    loopDelay.enable();
    const measureStart = performance.now();
    const measureStartUs = Number(process.hrtime.bigint() / 1000n);
    phase = 'measure';
    log(`measuring for ${durationS} s`);
    await guard(sleep(durationS * 1000));
    phase = 'drain';
    for (const timer of typingTimers) clearTimeout(timer);
    typingTimers.clear();
    window = { fromUs: measureStartUs, toUs: Number(process.hrtime.bigint() / 1000n) };

    // Stragglers: typing has stopped; wait (bounded) until every measured keystroke is delivered and saved. The
    // server's CPU and "loaded" memory are read after this, so its forced gc never pauses a measured delivery.
    const measuredKeystrokes = members.reduce((sum, m) => sum + m.measuredCount, 0);
    const expected = measuredKeystrokes * (perPlan - 1);
    const stragglerStart = performance.now();
    while (performance.now() - stragglerStart < STRAGGLER_WAIT_MS) {
      if (recorder.delivered >= expected && recorder.savedLatencies.length >= measuredKeystrokes) break;
      await guard(sleep(20));
    }
    const stragglerWaitS = (performance.now() - stragglerStart) / 1000;
    const loadgenCpu = process.cpuUsage(loadgenStart);
    const savedNotices = recorder.savedNotices - savedNoticesStart;
    loopDelay.disable();
    const serverEnd = await guard(srv.stats());
    const cpuWindowS = (performance.now() - measureStart) / 1000;
    log(`measured: ${recorder.delivered}/${expected} delivered; closing every connection`);

    // After close: every member leaves; wait until the server has closed every plan, then a little more.
    await guard(Promise.all(members.map((m) => m.leave(5000))));
    const closeStart = performance.now();
    let openPlans = (await guard(srv.stats())).openPlans;
    while (openPlans > 0) {
      if (performance.now() - closeStart > CLOSE_WAIT_MS) throw new Error(`${openPlans} plans still open ${CLOSE_WAIT_MS / 1000} s after everyone left`);
      await guard(sleep(250));
      openPlans = (await guard(srv.stats())).openPlans;
    }
    await guard(sleep(SETTLE_AFTER_CLOSE_MS));
    const afterClose = await guard(srv.stats());

    const report = buildReport({
      plans,
      members: perPlan,
      rate,
      warmupS,
      durationS,
      setupS,
      others: recorder.otherLatencies,
      saved: recorder.savedLatencies,
      measuredKeystrokes,
      expected,
      delivered: recorder.delivered,
      duplicates: recorder.duplicates,
      unexpected: recorder.unexpected,
      savedKeystrokes: recorder.savedLatencies.length,
      cpuWindowS,
      stragglerWaitS,
      savedNotices,
      serverCpuUs: cpuUs(serverEnd.cpu) - cpuUs(serverStart.cpu),
      serverCpuSystemUs: serverEnd.cpu.system - serverStart.cpu.system,
      loadgenCpuUs: cpuUs(loadgenCpu),
      // The histogram records the time between its timer's runs: the resolution plus the delay.
      loadgenLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS),
      loadgenLoopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - LOOP_DELAY_RESOLUTION_MS),
      memory: { idle: memoryOf(idle), loaded: memoryOf(serverEnd), afterClose: memoryOf(afterClose) },
      unexpectedCloses: recorder.closes.length,
      clientProblems: recorder.problemTotal,
      serverProblems: srv.problemTotal,
    });
    console.log(report.text);
    const details = [
      ...recorder.closes.slice(0, 10).map((c) => `unexpected close: plan ${c.planId} member ${c.member}: ${c.code} ${c.reason}`),
      ...recorder.problems.slice(0, 10),
      ...srv.problems.slice(0, 10).map((p) => `server logged (level ${p.level}): ${p.msg} ${p.detail}`),
    ];
    if (details.length > 0) console.log(['', ...details].join('\n'));
    console.log('');
    console.log(JSON.stringify(report.summary));
    completed = true;
    return report.allPass ? 0 : 2;
  } finally {
    if (!completed && server) {
      for (const p of server.problems.slice(0, 10)) log(`server logged (level ${p.level}): ${p.msg} ${p.detail}`);
    }
    clearTimeout(watchdog);
    for (const timer of typingTimers) clearTimeout(timer);
    await Promise.all(members.map((m) => m.leave(2000)));
    if (server) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (profileDir) {
      try {
        console.log(`\n${await summariseProfile(profileDir, window)}`);
      } catch (err) {
        log(`could not read the profile: ${(err as Error).message}`);
      }
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
