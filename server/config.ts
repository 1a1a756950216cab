// Configuration, parsed once at start-up from the environment into a frozen, typed object.
// A bad value stops start-up with a list of every problem.

import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CYLCH_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Only for measuring what history costs (npm run bench): `off` stops recording who changed what. */
  CYLCH_HISTORY_RECORDING: z.enum(['on', 'off']).default('on'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the directory the embedded store writes to. */
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Whether accepted changes are recorded in the plans' history (always, except to measure its cost). */
  readonly recordHistory: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cylch cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CYLCH_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    recordHistory: e.CYLCH_HISTORY_RECORDING === 'on',
  });
}
