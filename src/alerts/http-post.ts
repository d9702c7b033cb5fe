// alerts stage: posting JSON to a robot or webhook URL. Error messages never carry the URL (it holds the token).
import { DeliveryError, type NotifierContext } from './notifier.ts';

export interface PostResult {
  status: number;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

/** POSTs a JSON body; throws DeliveryError on network failure or an HTTP status other than 2xx. */
export async function postJson(url: string, body: unknown, ctx: NotifierContext, what: string, headers: Record<string, string> = {}): Promise<PostResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ctx.timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${ctx.timeoutMs} ms` : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new DeliveryError(`${what}: request failed (${reason})`, { retryable: true });
  }
  const text = await res.text();
  if (res.status < 200 || res.status > 299) {
    throw new DeliveryError(`${what}: HTTP ${res.status}`, { retryable: res.status >= 500 || res.status === 429 || res.status === 408 });
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

/** Fails when a robot answered with a non-zero error code (`errcode` of DingTalk/WeCom, `code` of Feishu). */
export function expectZero(json: unknown, field: 'errcode' | 'code', what: string): void {
  const o = json as Record<string, unknown> | undefined;
  const code = o?.[field] ?? (field === 'code' ? o?.StatusCode : undefined);
  if (code === undefined || code === 0) return;
  const msg = String(o?.errmsg ?? o?.msg ?? o?.StatusMessage ?? '');
  // Rate limits and server busy codes are worth retrying soon; the rest (bad signature, bad token) need a fix.
  const retryable = [-1, 130101, 45009, 11232, 9499].includes(Number(code));
  throw new DeliveryError(`${what}: ${field} ${String(code)} ${msg.slice(0, 200)}`.trim(), { retryable });
}
