// With --profile: summarises the server's V8 CPU profile (--cpu-prof) over the measured window only, by self time
// per function, by package/file, and by inclusive time for the server's own functions.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Times in µs on the monotonic clock (process.hrtime), which V8's profile timestamps also use on Linux. */
export interface Window {
  fromUs: number;
  toUs: number;
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function where(url: string): string {
  if (url === '') return '(native/V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 14).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const dist = url.indexOf('/dist/server/');
  if (dist >= 0) return url.slice(dist + 13); // compiled .js: line numbers are the built file's
  return url;
}

function key(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (SPECIAL.has(functionName)) return functionName;
  return `${functionName || '(anonymous)'}  ${where(url)}:${lineNumber + 1}`;
}

export async function summariseProfile(dir: string, window: Window | null, top = 25): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return `no .cpuprofile was written in ${dir}`;
  const file = path.join(dir, files.sort().at(-1)!);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Sample i happened at startTime + sum(timeDeltas[0..i]); it stands for the time until the next sample.
  const inWindow = window !== null && window.fromUs >= profile.startTime && window.toUs <= profile.endTime;
  const self = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (inWindow && (t < window.fromUs || t > window.toUs)) continue;
    const node = byId.get(profile.samples[i]!)!;
    const k = key(node);
    if (k === '(idle)') {
      idle += weight;
      continue;
    }
    total += weight;
    self.set(k, (self.get(k) ?? 0) + weight);
    const place = SPECIAL.has(node.callFrame.functionName) ? node.callFrame.functionName : where(node.callFrame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + weight);
    // Inclusive time of the server's own functions: each function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      if (!n.callFrame.url.includes('/dist/server/')) continue;
      const nk = key(n);
      if (seen.has(nk)) continue;
      seen.add(nk);
      inclusive.set(nk, (inclusive.get(nk) ?? 0) + weight);
    }
  }

  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  const span = inWindow ? `the measured window (${((window.toUs - window.fromUs) / 1e6).toFixed(1)} s)` : 'the whole run (window not within the profile)';
  return [
    `server CPU profile: ${file}`,
    `over ${span}: ${(total / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle (one thread)`,
    '',
    'self time by package / server file:',
    ...rows(byPlace, 20),
    '',
    `self time by function (top ${top}):`,
    ...rows(self, top),
    '',
    `inclusive time of server/ and shared/ functions (top ${top}):`,
    ...rows(inclusive, top),
  ].join('\n');
}
