// new-media stage: the site's own 政务新媒体 page (the 1+N matrix it publishes) compared with the registry — an
// account listed there but not registered, or registered but not listed, is `newmedia.unlisted`.
import { load } from 'cheerio';
import type { AccountConfig } from '../config/index.ts';
import type { NewmediaListingConfig } from '../config/schema-newmedia.ts';
import { decodeHtml } from '../crawl/decode.ts';
import { FetchError } from '../crawl/fetch-error.ts';
import type { HttpClient } from '../crawl/http-client.ts';

/** Words that mark a row of a 政务新媒体 list (platform names). */
const PLATFORM_WORDS = /微信|公众号|视频号|微博|抖音|头条|快手|小红书|哔哩哔哩|B站|百家号|人民号|澎湃号|强国号|客户端|APP|App|app|小程序/;
const FURNITURE = 'script, style, noscript, header, footer, nav, .nav, #nav, .header, #header, .footer, #footer, .menu, .breadcrumb, aside, .sidebar';

export interface ListingEntry {
  name: string;
  /** The row's text (platform words included). */
  text: string;
}

export interface ListingRead {
  url: string;
  outcome: 'read' | 'error';
  error?: string;
  entries: ListingEntry[];
}

/** Names compare without spaces and punctuation. */
export const normalizeName = (s: string): string => s.replace(/[\s·•:：|｜、,，()（）【】\[\]“”"'《》<>-]/g, '').toLowerCase();

/** Accounts a listing page shows: `selector` elements, else rows of the main content that name a platform. */
export function parseListing(html: string, selector?: string): ListingEntry[] {
  const $ = load(html);
  $(FURNITURE).remove();
  const out: ListingEntry[] = [];
  const seen = new Set<string>();
  const push = (name: string, text: string) => {
    const n = name.replace(/\s+/g, ' ').trim();
    if (n.length < 2 || n.length > 40 || seen.has(normalizeName(n))) return;
    seen.add(normalizeName(n));
    out.push({ name: n, text: text.replace(/\s+/g, ' ').trim() });
  };
  if (selector) {
    $(selector).each((_, el) => push($(el).text(), $(el).parent().text()));
    return out;
  }
  $('li, tr, dd, .item').each((_, el) => {
    const text = $(el).text();
    if (!PLATFORM_WORDS.test(text) || $(el).find('li, tr').length) return;
    const named = $(el).find('.name, strong, b, h3, h4, h5').first().text().trim() || $(el).find('a').first().text().trim();
    // 「新浪微博：示范县发布微博」: the name follows the platform label.
    const parts = text.split(/[：:|｜]/).map((p) => p.replace(/[（(].*$/, '').trim()).filter(Boolean);
    const name = named || (parts.length > 1 ? parts[parts.length - 1]! : (parts[0] ?? ''));
    push(name, text);
  });
  return out;
}

/** Reads the listing page. */
export async function readListing(http: HttpClient, listing: NewmediaListingConfig): Promise<ListingRead> {
  try {
    const res = await http.fetch(listing.url, { maxBytes: 4 * 1024 * 1024 });
    if (res.status >= 400) return { url: listing.url, outcome: 'error', error: `http-${res.status}`, entries: [] };
    return { url: listing.url, outcome: 'read', entries: parseListing(decodeHtml(res.body, res.headers['content-type']).text, listing.selector) };
  } catch (err) {
    if (err instanceof FetchError) return { url: listing.url, outcome: 'error', error: err.kind, entries: [] };
    throw err;
  }
}

/** Registry and listing compared: registered accounts the page does not show, listed names not registered. */
export function compareListing(accounts: AccountConfig[], entries: ListingEntry[]): { notListed: AccountConfig[]; notRegistered: ListingEntry[] } {
  const names = entries.map((e) => normalizeName(e.name));
  const registered = accounts.map((a) => normalizeName(a.name));
  const same = (x: string, y: string) => x === y;
  return {
    notListed: accounts.filter((a) => !names.some((n) => same(n, normalizeName(a.name)))),
    notRegistered: entries.filter((e) => !registered.some((r) => same(r, normalizeName(e.name)))),
  };
}
