// The real server as a child process (`node dist/server/server/main.js`), for tests that kill it outright.
// Uses the build in dist/ when it is newer than every server and shared source; otherwise compiles the server
// into a temporary folder first (under node_modules/.cache, so the build still finds its packages), leaving dist/
// to `npm run build`.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST_ENTRY = path.join(ROOT, 'dist/server/server/main.js');

async function newestSource(): Promise<number> {
  let newest = 0;
  for (const dir of ['server', 'shared']) {
    for (const name of await readdir(path.join(ROOT, dir), { recursive: true })) {
      if (!name.endsWith('.ts')) continue;
      newest = Math.max(newest, (await stat(path.join(ROOT, dir, name))).mtimeMs);
    }
  }
  return newest;
}

/** The server's entry point, built from the current sources; `cleanup` removes a temporary build. */
export async function serverEntry(): Promise<{ entry: string; cleanup(): Promise<void> }> {
  if (existsSync(DIST_ENTRY) && statSync(DIST_ENTRY).mtimeMs >= (await newestSource())) {
    return { entry: DIST_ENTRY, cleanup: async () => {} };
  }
  const cache = path.join(ROOT, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const outDir = await mkdtemp(path.join(cache, 'cylch-test-server-'));
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.server.json', '--outDir', outDir], { cwd: ROOT, encoding: 'utf8' });
  const entry = path.join(outDir, 'server/main.js');
  // Type errors elsewhere (the benchmark, say) do not stop tsc emitting the server.
  if (!existsSync(entry)) throw new Error(`could not build the server:\n${result.stdout}${result.stderr}`);
  return { entry, cleanup: () => rm(outDir, { recursive: true, force: true }) };
}

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Every line the server wrote. */
  output: string[];
  /** Resolves when the process has ended, however it ended. */
  exited: Promise<void>;
  /** Send a signal and wait for the process to end. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

export function spawnServer(entry: string, dataDir: string): Promise<ChildServer> {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CYLCH_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start:\n${output.join('\n')}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        let entry: { msg?: unknown; url?: unknown } | null = null;
        try {
          entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
        } catch {
          continue;
        }
        if (typeof entry.msg === 'string' && entry.msg.startsWith('Cylch is running at') && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve({ url: entry.url, process: child, output, exited, stop });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before it started:\n${output.join('\n')}`));
    });
  });
}
