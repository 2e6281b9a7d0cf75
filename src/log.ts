/**
 * Structured logging (pino, one JSON object per line). Credentials never reach a log line:
 * the driver's auth, any `password` or `secret` field and Authorization headers are redacted
 * (bearer tokens are not logged anywhere; this is the safety net).
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

const REDACTED = ['password', '*.password', 'auth', '*.auth', 'secret', '*.secret', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization'];

/** A logger writing to stdout, or to `destination` (tests read what was logged). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'actor-graph' },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    destination,
  );
}
