// logging: one pino root per process; modules take `logger.child({ module })`. Secrets are redacted, JSON when
// not on a terminal. Crawlee's own log is routed in here too (crawlee-log.ts).
import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values never reach a log. */
const REDACT = ['*.password', '*.secret', '*.token', '*.webhook', '*.authorization', '*.cookie', 'headers.authorization', 'headers.cookie'];

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

/** Creates the root logger. Level from $GOVHEALTH_LOG_LEVEL (default `info`; `silent` turns it off). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.GOVHEALTH_LOG_LEVEL ?? 'info';
  return pino(
    { level, base: undefined, redact: { paths: REDACT, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** A logger that writes nothing (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
