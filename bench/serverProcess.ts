// The server under test, forked as a child process from the built dist/server/server/main.js: reads its URL from
// its pino log, asks it for its own CPU and memory figures over IPC, and stops it (SIGTERM, then SIGKILL).

import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What main.ts answers to the IPC message 'stats' (after a forced gc when --expose-gc is on). */
export interface ServerStats {
  type: 'stats';
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  openPlans: number;
}

/** A pino log line of level warn (40) or above, kept for the report. */
export interface LoggedProblem {
  level: number;
  msg: string;
  detail: string;
}

// Built to dist/server/bench/serverProcess.js; the server entry is dist/server/server/main.js.
const SERVER_ENTRY = fileURLToPath(new URL('../server/main.js', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const STATS_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 15_000;

export class ServerProcess {
  /** Warnings and errors the server logged after it started. */
  readonly problems: LoggedProblem[] = [];
  private problemCount = 0;
  private exited = false;
  private isStopping = false;
  private readonly exitPromise: Promise<void>;
  private statsQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    exitPromise: Promise<void>,
  ) {
    this.exitPromise = exitPromise;
  }

  /**
   * Fork the server and wait for its "Cylch is running at" line. `onUnexpectedExit` is called if it exits before
   * stop() is called, so the bench can end instead of waiting for answers that will never come.
   */
  static async start(options: {
    dataDir: string;
    execArgv: string[];
    onUnexpectedExit: (why: string) => void;
    /** More settings for the server (see server/config.ts). */
    env?: Record<string, string>;
  }): Promise<ServerProcess> {
    const child = fork(SERVER_ENTRY, [], {
      env: { PORT: '0', HOST: '127.0.0.1', CYLCH_DATA_DIR: options.dataDir, LOG_LEVEL: 'info', ...options.env },
      execArgv: options.execArgv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let server: ServerProcess | null = null;
    /** The last lines the server wrote (both streams), for the message when it fails. */
    const outputTail: string[] = [];

    const exitPromise = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        if (server) server.exited = true;
        if (server && !server.isStopping) {
          const tail = outputTail.slice(-10).join('\n');
          options.onUnexpectedExit(`server exited unexpectedly (code ${code}, signal ${signal})${tail ? `:\n${tail}` : ''}`);
        }
        resolve();
      });
    });

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`server did not log its URL within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited during start-up (code ${code}): ${outputTail.slice(-10).join('\n')}`));
      });
      // Always keep reading both pipes: a full pipe would block the server's logging and stall it.
      createInterface({ input: child.stderr! }).on('line', (line) => {
        outputTail.push(line);
        if (outputTail.length > 50) outputTail.shift();
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        outputTail.push(line.slice(0, 500));
        if (outputTail.length > 50) outputTail.shift();
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return;
        }
        if (typeof entry.url === 'string' && server === null && typeof entry.msg === 'string' && entry.msg.startsWith('Cylch is running at')) {
          clearTimeout(timer);
          resolve(entry.url);
          return;
        }
        const level = typeof entry.level === 'number' ? entry.level : 0;
        // Start-up warnings (such as "the browser app is not built") come before `server` is set: not reported.
        if (level >= 40 && server) {
          const { msg, level: _l, time: _t, pid: _p, hostname: _h, app: _a, ...rest } = entry;
          server.recordProblem({ level, msg: String(msg), detail: JSON.stringify(rest).slice(0, 300) });
        }
      });
    });
    server = new ServerProcess(child, url, exitPromise);
    return server;
  }

  get problemTotal(): number {
    return this.problemCount;
  }

  private recordProblem(problem: LoggedProblem): void {
    this.problemCount += 1;
    if (this.problems.length < 20) this.problems.push(problem);
  }

  /** The server's own figures. Requests are serialised; each waits for its own answer, with a time limit. */
  stats(): Promise<ServerStats> {
    const next = this.statsQueue.then(() => this.requestStats());
    this.statsQueue = next.catch(() => {});
    return next;
  }

  private requestStats(): Promise<ServerStats> {
    return new Promise<ServerStats>((resolve, reject) => {
      if (this.exited || !this.child.connected) {
        reject(new Error('server is not running'));
        return;
      }
      const onMessage = (message: unknown) => {
        if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'stats') {
          cleanup();
          resolve(message as ServerStats);
        }
      };
      const onExit = () => {
        cleanup();
        reject(new Error('server exited while asked for stats'));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`server did not answer 'stats' within ${STATS_TIMEOUT_MS / 1000} s`));
      }, STATS_TIMEOUT_MS);
      const cleanup = () => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send('stats');
    });
  }

  /** SIGTERM (the server saves open plans and exits), then SIGKILL if it has not exited after a grace period. */
  async stop(): Promise<void> {
    this.isStopping = true;
    if (this.exited) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const killed = await Promise.race([
      this.exitPromise.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (killed && !this.exited) {
      this.child.kill('SIGKILL');
      await Promise.race([this.exitPromise, new Promise((r) => setTimeout(r, 5000))]);
    }
  }
}
