// probes stage: one availability probe of a site's homepage — a failure is a page not fully loaded within the
// indicator's 15 s, a 5xx, or a connection/DNS/TLS failure. Times come from the HTTP client, never the verdict clock.
import { FetchError, type HttpClient } from '../crawl/index.ts';
import type { ProbeRecord } from '../storage/index.ts';

export interface ProbeOptions {
  /** A probe slower than this (whole page, all redirects) fails, ms. */
  timeoutMs: number;
  /** The time the probe is recorded at (the injected clock). */
  now: Date;
}

/** Probes a URL once. Never throws for network failures: they are the result. */
export async function probeUrl(http: HttpClient, siteId: string, url: string, options: ProbeOptions): Promise<ProbeRecord> {
  const started = performance.now();
  const base = { siteId, url, probedAt: options.now };
  try {
    const res = await http.fetch(url, { timeoutMs: options.timeoutMs, maxBytes: 8 * 1024 * 1024 });
    const totalMs = performance.now() - started;
    const timing = { ttfbMs: Math.round(res.ttfbMs), totalMs: Math.round(totalMs) };
    if (res.status >= 500) return { ...base, ok: false, status: res.status, failure: 'http-5xx', ...timing, message: `HTTP ${res.status}` };
    if (totalMs >= options.timeoutMs) return { ...base, ok: false, status: res.status, failure: 'timeout', ...timing, message: `${Math.round(totalMs)} ms ≥ ${options.timeoutMs} ms` };
    return { ...base, ok: true, status: res.status, ...timing };
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    return { ...base, ok: false, failure: err.kind, totalMs: Math.round(performance.now() - started), message: err.message.slice(0, 300) };
  }
}
