// crawl stage: routes Crawlee's own log into our pino logger (one log stream, one format). Crawlee's `log` is a
// module singleton; this sets it once per crawl and leaves nothing else global.
import { Log, Logger as CrawleeLogger, LogLevel } from '@crawlee/core';
import type { Logger } from 'pino';

class PinoBridge extends CrawleeLogger {
  constructor(private readonly target: Logger) {
    super({});
  }

  override _log(level: LogLevel, message: string, data?: Record<string, unknown>, exception?: unknown): void {
    const obj = { ...(data ?? {}), ...(exception ? { err: exception } : {}) };
    // Failed requests are recorded by the crawl as facts and findings; Crawlee's own account of them is detail.
    if (level <= LogLevel.WARNING) this.target.debug(obj, message);
    else this.target.trace(obj, message);
  }
}

/** A Crawlee Log instance writing into pino (Crawlee's errors and warnings become debug lines: our own records carry what matters). */
export function crawleeLog(logger: Logger): Log {
  return new Log({ level: LogLevel.DEBUG, logger: new PinoBridge(logger.child({ module: 'crawlee' })) });
}
