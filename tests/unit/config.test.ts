// parseConfig turns the environment into a frozen, typed configuration, or lists every problem at once.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('parseConfig accepted a bad environment');
}

describe('parseConfig', () => {
  it('fills in defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config).toEqual({ port: 3000, host: '127.0.0.1', dataDir: path.resolve('./data'), logLevel: 'info', recordHistory: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every setting, and makes the data directory absolute', () => {
    const config = parseConfig({ PORT: '8080', HOST: '0.0.0.0', CYLCH_DATA_DIR: 'var/cylch', LOG_LEVEL: 'warn', CYLCH_HISTORY_RECORDING: 'off' });
    expect(config).toEqual({ port: 8080, host: '0.0.0.0', dataDir: path.resolve('var/cylch'), logLevel: 'warn', recordHistory: false });
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('accepts port 0 (any free port)', () => {
    expect(parseConfig({ PORT: '0' }).port).toBe(0);
  });

  it('treats an empty string as unset', () => {
    const config = parseConfig({ PORT: '', HOST: '', CYLCH_DATA_DIR: '', LOG_LEVEL: '' });
    expect(config).toEqual(parseConfig({}));
  });

  it('ignores variables it does not know', () => {
    expect(parseConfig({ PATH: '/usr/bin', HOME: '/root', PORT: '4000' }).port).toBe(4000);
  });

  it('refuses a bad PORT and says which setting is wrong', () => {
    for (const port of ['abc', '70000', '-1', '3000.5', '80 80']) {
      const problems = problemsOf({ PORT: port });
      expect(problems, `PORT=${port}`).toHaveLength(1);
      expect(problems[0]).toMatch(/^PORT: /);
    }
  });

  it('lists every problem, not only the first', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('PORT: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('LOG_LEVEL: '))).toBe(true);
  });

  it('puts every problem in the message people see', () => {
    try {
      parseConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/PORT: /);
      expect((err as Error).message).toMatch(/LOG_LEVEL: /);
    }
  });
});
