// crawl stage: what kind of failure a fetch error is — the vocabulary findings and probes use.
import { GovhealthError } from '../errors/index.ts';

/** Failure kinds: each a cause a supervisor can act on. */
export type FetchErrorKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'reset'
  | 'private-address'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'bad-url'
  | 'network';

/** A fetch that did not get an HTTP answer. */
export class FetchError extends GovhealthError {
  readonly kind: FetchErrorKind;
  readonly url: string;
  constructor(url: string, kind: FetchErrorKind, message: string, options?: { cause?: unknown }) {
    super(`${url}: ${message}`, kind === 'timeout' || kind === 'reset' || kind === 'network' ? 'retryable' : 'not-retryable', options);
    this.kind = kind;
    this.url = url;
  }
}

/** Maps a Node/undici/got error to a failure kind. */
export function classifyFetchError(err: unknown): FetchErrorKind {
  if (err instanceof FetchError) return err.kind;
  const e = err as { name?: string; code?: string; message?: string; cause?: unknown };
  if (e?.name === 'BlockedAddressError') return 'private-address';
  const code = e?.code ?? '';
  const msg = (e?.message ?? '').toLowerCase();
  if (['ENOTFOUND', 'ENODATA', 'ESERVFAIL', 'EAI_AGAIN', 'ENONAME', 'ETIMEOUT', 'EREFUSED', 'ECONNREFUSED_DNS'].includes(code) && !msg.includes('connect ')) {
    return 'dns';
  }
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return 'reset';
  if (
    code.startsWith('UND_ERR_') && code.includes('TIMEOUT') ||
    code === 'ETIMEDOUT' ||
    code === 'ESOCKETTIMEDOUT' ||
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    msg.includes('timeout') ||
    msg.includes('timed out')
  ) {
    return 'timeout';
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO' || msg.includes('ssl') || msg.includes('tls')) {
    return 'tls';
  }
  if (code === 'ERR_INVALID_URL') return 'bad-url';
  if (e?.cause && e.cause !== err) return classifyFetchError(e.cause);
  return 'network';
}
