// Structured logging (pino, one JSON line per event). Never given passwords or document content.

import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: 'debug' | 'info' | 'warn' | 'error' | 'silent'): Logger {
  return pino({ level, base: { app: 'cylch' } });
}
