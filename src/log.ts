/**
 * Structured logging (pino, one JSON object per line). Credentials never reach a log line:
 * the driver's auth and any `password` field are redacted.
 */
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'actor-graph' },
    redact: { paths: ['password', '*.password', 'auth', '*.auth'], censor: '[redacted]' },
  });
}
