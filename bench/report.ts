// Turns the raw figures of a run into the printed report: percentiles, the target table with pass/fail, and a
// final one-line JSON summary.

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
}

export interface RunFigures {
  plans: number;
  members: number;
  rate: number;
  warmupS: number;
  durationS: number;
  setupS: number;
  others: number[];
  saved: number[];
  measuredKeystrokes: number;
  expected: number;
  delivered: number;
  duplicates: number;
  unexpected: number;
  savedKeystrokes: number;
  /** Wall time of the server CPU window (measure start to the end of the straggler wait), seconds. */
  cpuWindowS: number;
  stragglerWaitS: number;
  /** Checkpoint answers ("all you sent is on disk") members received in the window. */
  savedNotices: number;
  serverCpuUs: number;
  serverCpuSystemUs: number;
  loadgenCpuUs: number;
  loadgenLoopDelayP99Ms: number;
  loadgenLoopDelayMaxMs: number;
  memory: { idle: MemoryFigures; loaded: MemoryFigures; afterClose: MemoryFigures };
  unexpectedCloses: number;
  clientProblems: number;
  serverProblems: number;
}

/** Nearest-rank percentile of an unsorted list (the list is copied). */
export function percentiles(values: number[], ps: number[]): number[] {
  if (values.length === 0) return ps.map(() => Number.NaN);
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
}

const MB = 1024 * 1024;
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const mb = (v: number) => `${(v / MB).toFixed(1)} MB`;
const round = (v: number, digits = 2) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

export interface Target {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

export function buildReport(f: RunFigures): { text: string; summary: Record<string, unknown>; allPass: boolean } {
  const [o50, o95, o99, oMax] = percentiles(f.others, [50, 95, 99, 100]) as [number, number, number, number];
  const [s50, s99] = percentiles(f.saved, [50, 99]) as [number, number];
  const lost = f.expected - f.delivered;
  const cpuPerUpdate = f.delivered > 0 ? f.serverCpuUs / f.delivered : Number.NaN;
  const loadgenPerUpdate = f.delivered > 0 ? f.loadgenCpuUs / f.delivered : Number.NaN;
  const serverCorePct = (f.serverCpuUs / 1e6 / f.cpuWindowS) * 100;
  const loadgenCorePct = (f.loadgenCpuUs / 1e6 / f.cpuWindowS) * 100;
  const { idle, loaded, afterClose } = f.memory;
  const heapGrowth = afterClose.heapUsed - idle.heapUsed;
  const heapBack = afterClose.heapUsed <= Math.max(idle.heapUsed * 1.2, idle.heapUsed + 10 * MB);

  const targets: Target[] = [
    { name: 'edit → other members p99', measured: ms(o99), limit: '< 25 ms', pass: o99 < 25 },
    { name: 'edit → saved p99', measured: ms(s99), limit: '< 250 ms', pass: s99 < 250 },
    { name: 'lost updates', measured: String(lost), limit: '= 0', pass: lost === 0 && f.expected > 0 },
    { name: 'server CPU per delivered update', measured: `${cpuPerUpdate.toFixed(1)} µs`, limit: '< 150 µs', pass: cpuPerUpdate < 150 },
    {
      name: 'heap after close vs idle',
      measured: `${heapGrowth >= 0 ? '+' : ''}${mb(heapGrowth)}`,
      limit: '≤ +20% or +10 MB',
      pass: heapBack,
    },
  ];
  const allPass = targets.every((t) => t.pass);

  const lines: string[] = [];
  lines.push(
    `Cylch sync benchmark: ${f.plans} plans × ${f.members} members × ${f.rate} keystroke/s each, ${f.warmupS} s warm-up, ${f.durationS} s measured (loopback)`,
    `setup: plans created, ${f.plans * f.members} members connected and their paragraphs saved in ${f.setupS.toFixed(1)} s`,
    '',
    `edit → other members   p50 ${ms(o50)}   p95 ${ms(o95)}   p99 ${ms(o99)}   max ${ms(oMax)}   (${f.others.length} deliveries)`,
    `edit → saved           p50 ${ms(s50)}   p99 ${ms(s99)}   (${f.savedKeystrokes} of ${f.measuredKeystrokes} measured keystrokes reported saved)`,
    `updates delivered      ${f.delivered} of ${f.expected} expected (${f.measuredKeystrokes} keystrokes × ${f.members - 1}); lost ${lost}; duplicates ${f.duplicates}; unexpected ${f.unexpected}`,
    `server CPU             ${cpuPerUpdate.toFixed(1)} µs per delivered update (${(f.serverCpuUs / 1e6).toFixed(2)} s CPU of which ${(f.serverCpuSystemUs / 1e6).toFixed(2)} s system, over a ${f.cpuWindowS.toFixed(2)} s window, ${serverCorePct.toFixed(0)}% of one core; window = measured ${f.durationS} s + ${f.stragglerWaitS.toFixed(2)} s straggler wait)`,
    `checkpoints            ${Math.round(f.savedNotices)} answered (one asked after every keystroke)`,
    `server memory          idle rss ${mb(idle.rss)} heapUsed ${mb(idle.heapUsed)} | loaded rss ${mb(loaded.rss)} heapUsed ${mb(loaded.heapUsed)} | after close rss ${mb(afterClose.rss)} heapUsed ${mb(afterClose.heapUsed)}`,
    `load generator         ${loadgenCorePct.toFixed(0)}% of one core (${loadgenPerUpdate.toFixed(1)} µs per delivered update); event-loop delay p99 ${ms(f.loadgenLoopDelayP99Ms)}, max ${ms(f.loadgenLoopDelayMaxMs)}`,
    `problems               unexpected closes ${f.unexpectedCloses}; client-side protocol problems ${f.clientProblems}; server warnings/errors logged ${f.serverProblems}`,
    '',
  );
  const w = [Math.max(...targets.map((t) => t.name.length), 6), Math.max(...targets.map((t) => t.measured.length), 8), Math.max(...targets.map((t) => t.limit.length), 6)] as const;
  lines.push(`${'target'.padEnd(w[0])}  ${'measured'.padEnd(w[1])}  ${'limit'.padEnd(w[2])}  result`);
  for (const t of targets) lines.push(`${t.name.padEnd(w[0])}  ${t.measured.padEnd(w[1])}  ${t.limit.padEnd(w[2])}  ${t.pass ? 'pass' : 'FAIL'}`);

  const mem = (m: MemoryFigures) => ({ rssMB: round(m.rss / MB, 1), heapUsedMB: round(m.heapUsed / MB, 1) });
  const summary = {
    plans: f.plans,
    members: f.members,
    rate: f.rate,
    warmupS: f.warmupS,
    durationS: f.durationS,
    othersMs: { p50: round(o50), p95: round(o95), p99: round(o99), max: round(oMax) },
    savedMs: { p50: round(s50), p99: round(s99) },
    expected: f.expected,
    delivered: f.delivered,
    lost,
    serverCpuUsPerUpdate: round(cpuPerUpdate, 1),
    serverCpuCorePct: round(serverCorePct, 1),
    loadgenCpuCorePct: round(loadgenCorePct, 1),
    memory: { idle: mem(idle), loaded: mem(loaded), afterClose: mem(afterClose) },
    unexpectedCloses: f.unexpectedCloses,
    pass: Object.fromEntries(targets.map((t) => [t.name, t.pass])),
    allPass,
  };
  return { text: lines.join('\n'), summary, allPass };
}
