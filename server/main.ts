// Entry point: `npm start`. Reads the configuration, starts the server, and saves everything on shutdown.

import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig } from './config.js';
import { startCylchServer } from './cylchServer.js';
import { createLogger } from './log.js';

// Built to dist/server/server/main.js; the browser app is built to dist/client.
const clientDir = fileURLToPath(new URL('../../client/', import.meta.url));

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const server = await startCylchServer(config, log, clientDir);
  log.info({ url: server.url, dataDir: config.dataDir }, `Cylch is running at ${server.url}`);

  // Benchmarks fork the server and ask it for its own figures.
  process.on('message', (message: unknown) => {
    if (message !== 'stats' || !process.send) return;
    globalThis.gc?.();
    process.send({ type: 'stats', memory: process.memoryUsage(), cpu: process.cpuUsage(), openPlans: server.rooms.openCount });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'saving open plans and stopping');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Cylch could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
