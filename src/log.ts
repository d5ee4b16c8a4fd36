// One pino logger for the process. Structured: callers pass ids as fields, not in the message.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'lineup',
    level: options.level ?? process.env['LINEUP_LOG_LEVEL'] ?? 'info',
  });
}

/** A logger that drops everything: for tests and for CLI commands that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
