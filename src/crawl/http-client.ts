// crawl stage: the product's HTTP client (undici) — every request goes through the guarded resolver, follows
// redirects itself so the chain is known, caps bodies and times, and reports failures as FetchError kinds.
import { isIP } from 'node:net';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import type { NetworkConfig } from '../config/index.ts';
import { BlockedAddressError } from '../errors/index.ts';
import { FetchError, classifyFetchError } from './fetch-error.ts';
import type { Resolver } from './resolver.ts';

/** A browser-like User-Agent, used to confirm a 403/429 that may only be bot blocking. */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Stop reading the body after this many bytes (the result says it was truncated). */
  maxBytes?: number;
  timeoutMs?: number;
  /** Redirects to follow (default 10); 0 returns a redirect response as it is, for a caller that follows itself. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  /** Every URL redirected to, in order. */
  redirects: string[];
  /** Time to first byte and total time of the last hop, ms. */
  ttfbMs: number;
  totalMs: number;
}

/** HTTP client bound to the product's network settings. One per process (or per run). */
export class HttpClient {
  readonly dispatcher: Dispatcher;

  constructor(
    private readonly network: Pick<NetworkConfig, 'timeoutMs' | 'userAgent' | 'proxy'>,
    readonly resolver: Resolver,
    options: { connections?: number } = {},
  ) {
    const connect = { lookup: resolver.lookupFunction() as never, timeout: network.timeoutMs, rejectUnauthorized: true };
    this.dispatcher = network.proxy
      ? new ProxyAgent({ uri: network.proxy, connect, connections: options.connections ?? 64 })
      : new Agent({ connect, connections: options.connections ?? 64, keepAliveTimeout: 4000, pipelining: 1 });
  }

  /** Fetches a URL, following up to `maxRedirects` redirects. Throws FetchError when no HTTP answer came. */
  async fetch(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    const maxRedirects = options.maxRedirects ?? 10;
    const redirects: string[] = [];
    const seen = new Set<string>([url]);
    let current = url;
    for (;;) {
      const result = await this.fetchOnce(current, options);
      const location = result.headers.location;
      if (result.status >= 300 && result.status < 400 && location && result.status !== 304 && maxRedirects > 0) {
        let next: string;
        try {
          next = new URL(location, current).href;
        } catch (cause) {
          throw new FetchError(url, 'bad-url', `redirect to an invalid URL ${location}`, { cause });
        }
        redirects.push(next);
        if (seen.has(next)) throw Object.assign(new FetchError(url, 'redirect-loop', `redirect loop via ${next}`), { redirects });
        if (redirects.length > maxRedirects) {
          throw Object.assign(new FetchError(url, 'too-many-redirects', `more than ${maxRedirects} redirects`), { redirects });
        }
        seen.add(next);
        current = next;
        continue;
      }
      return { ...result, url, finalUrl: current, redirects };
    }
  }

  private async fetchOnce(url: string, options: FetchOptions): Promise<Omit<FetchResult, 'url' | 'finalUrl' | 'redirects'>> {
    const timeoutMs = options.timeoutMs ?? this.network.timeoutMs;
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new FetchError(url, 'timeout', `no complete answer within ${timeoutMs} ms`)), timeoutMs);
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError(url, 'bad-url', `unsupported scheme ${parsed.protocol}`);
      // A literal address never goes through the resolver's lookup, so the guard is applied here, on every hop.
      const literal = parsed.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) && !this.resolver.guard.permits(literal)) {
        throw new FetchError(url, 'private-address', new BlockedAddressError(literal, literal).message);
      }
      const res = await request(url, {
        method: options.method ?? 'GET',
        dispatcher: this.dispatcher,
        headers: {
          'user-agent': this.network.userAgent,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          'accept-language': 'zh-CN,zh;q=0.9',
          ...options.headers,
        },
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const ttfbMs = performance.now() - started;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      if (options.method !== 'HEAD') {
        for await (const chunk of res.body) {
          const buf = chunk as Buffer;
          if (size + buf.length > maxBytes) {
            chunks.push(buf.subarray(0, maxBytes - size));
            size = maxBytes;
            truncated = true;
            break;
          }
          chunks.push(buf);
          size += buf.length;
        }
      }
      if (options.method === 'HEAD') await res.body.dump();
      else if (truncated) {
        res.body.on('error', () => undefined);
        res.body.destroy();
      }
      return { status: res.statusCode, headers, body: Buffer.concat(chunks, size), truncated, ttfbMs, totalMs: performance.now() - started };
    } catch (err) {
      if (err instanceof FetchError) throw err;
      const reason = controller.signal.aborted ? controller.signal.reason : err;
      if (reason instanceof FetchError) throw reason;
      const kind = classifyFetchError(err);
      throw new FetchError(url, kind, (err as Error).message ?? String(err), { cause: err });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
