// new-media stage: reading one account's mirror — open it (a mirror that does not open is `newmedia.broken`),
// render it in Chromium when its profile needs script, parse its posts with the profile, and find the newest.
import { load } from 'cheerio';
import type { AccountConfig } from '../config/index.ts';
import { decodeHtml } from '../crawl/decode.ts';
import { FetchError } from '../crawl/fetch-error.ts';
import type { HttpClient } from '../crawl/http-client.ts';
import { profileFor } from './profiles.ts';
import type { MirrorRenderer } from './render.ts';
import type { PlatformProfile, Post } from './types.ts';

/** What reading one mirror saw. */
export interface AccountRead {
  account: AccountConfig;
  /** The account's id, else `platform:name`. */
  id: string;
  profile?: string;
  /** `read` parsed; `error` the mirror did not open; `skipped` could not be checked (no profile, no browser …). */
  outcome: 'read' | 'error' | 'skipped';
  status?: number;
  /** Failure kind (`http-404`, `dns`, `timeout` …) or the reason for `skipped`. */
  error?: string;
  posts: Post[];
  renderedBy?: 'http' | 'browser';
  /** The mirror says its interaction feature (留言/评论) is closed. */
  interactionClosed?: string;
}

/** The stable id of an account within its site. */
export const accountId = (a: AccountConfig): string => a.id ?? `${a.platform}:${a.name}`;

/** A notice that stands alone (a whole short element), not a phrase in a post such as 关于暂时关闭留言板的公告. */
const CLOSED = /^(?:该账号|作者|博主|本号)?(?:(?:留言|评论|互动)(?:功能|区)?(?:已|暂时|已经)?(?:关闭|停用|关闭了)|(?:已|暂时|已经)?关闭(?:了)?(?:留言|评论)(?:功能|区)?|暂不支持(?:留言|评论))[。.!！]?$/;

/** The mirror's own notice that its interaction is closed, if it shows one. */
export function closedNotice(html: string): string | undefined {
  const $ = load(html);
  $('script, style, noscript').remove();
  for (const el of $('p, div, span, li, em, i, b, strong, font, section').toArray()) {
    const t = $(el).text().replace(/\s+/g, '').trim();
    if (t.length <= 20 && CLOSED.test(t)) return t;
  }
  return undefined;
}

export interface ReadAccountOptions {
  http: HttpClient;
  profiles: PlatformProfile[];
  renderer?: MirrorRenderer;
  today: string;
  maxPosts: number;
  timeoutMs?: number;
}

/** Reads one account's mirror. Never throws for what the mirror does; programming errors still throw. */
export async function readAccount(account: AccountConfig, o: ReadAccountOptions): Promise<AccountRead> {
  const base: AccountRead = { account, id: accountId(account), outcome: 'read', posts: [] };
  let html: string;
  let finalUrl: string;
  try {
    const res = await o.http.fetch(account.url, { maxBytes: 4 * 1024 * 1024, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
    if (res.status >= 400) return { ...base, outcome: 'error', status: res.status, error: `http-${res.status}` };
    html = decodeHtml(res.body, res.headers['content-type']).text;
    finalUrl = res.finalUrl;
  } catch (err) {
    if (err instanceof FetchError) return { ...base, outcome: 'error', error: err.kind };
    throw err;
  }
  // Whether the mirror opens does not depend on knowing how to read it: the profile comes after the fetch.
  const profile = profileFor(account, o.profiles);
  if (!profile) return { ...base, outcome: 'skipped', error: `no-profile:${account.profile ?? account.platform}` };
  base.profile = profile.name;
  base.renderedBy = 'http';
  if (profile.render === 'browser') {
    if (!o.renderer?.available) return { ...base, outcome: 'skipped', error: 'no-browser' };
    try {
      html = await o.renderer.render(account.url, profile.readySelector);
      base.renderedBy = 'browser';
    } catch (err) {
      return { ...base, outcome: 'skipped', error: `render-failed: ${(err as Error).message.split('\n')[0]}` };
    }
  }
  const posts = profile.parse(html, finalUrl, { today: o.today, ...(account.selectors ? { selectors: account.selectors } : {}) });
  const closed = closedNotice(html);
  return { ...base, posts: posts.slice(0, o.maxPosts), ...(closed ? { interactionClosed: closed } : {}) };
}

/** The newest dated post not after today. */
export function newestPost(posts: Post[], today: string): Post | undefined {
  let best: Post | undefined;
  for (const p of posts) {
    if (!p.date || p.date > today) continue;
    if (!best || p.date > best.date! || (p.date === best.date && (p.time ?? '') > (best.time ?? ''))) best = p;
  }
  return best;
}
