// crawl stage: reading a column (栏目) the way an inspector does — open its list page, find the items and
// their publish dates, follow pagination as far as needed, and open article pages when the list shows no dates.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { HttpClient } from './http-client.ts';
import { FetchError } from './fetch-error.ts';
import { decodeHtml } from './decode.ts';
import { findDates, findPublishDate, PUBLISH_META_NAMES, type DateContext } from '../text/dates.ts';
import { absoluteWebUrl as absolute } from './url.ts';

/** One item of a column list. */
export interface ColumnItem {
  title: string;
  url: string;
  /** YYYY-MM-DD, when a date was found on the list or the article page. */
  date?: string;
  time?: string;
  dateSource?: 'list' | 'article';
  yearImplied?: boolean;
}

/** What reading one column list saw. */
export interface ColumnRead {
  url: string;
  /** `read`: the list was fetched and parsed; `error`: it could not be (not a finding about freshness). */
  outcome: 'read' | 'error';
  status?: number;
  /** Failure kind (`dns`, `timeout`, `http-404` …) when outcome is `error`. */
  error?: string;
  items: ColumnItem[];
  /** List pages read, in order. */
  pages: string[];
  /** The text that told us the list is empty (暂无信息 …), when there was one. */
  emptyNotice?: string;
  /** Article pages opened to find dates. */
  articlesOpened: number;
}

export interface ReadColumnOptions extends DateContext {
  maxPages: number;
  articleFallback: number;
  timeoutMs?: number;
}

/** Texts of list pages that say the column has nothing in it. */
const EMPTY_NOTICE = /暂无(?:信息|数据|内容|相关信息|记录|文章)|没有(?:相关)?(?:信息|记录|数据)|无相关信息|栏目建设中/;
const NEXT_TEXT = /^(?:下一页|下页|后一页|next|>|›|»|＞)$/i;
const LAST_TEXT = /^(?:尾页|末页|最后一页|last|»»)$/i;
const NOT_ITEM_TEXT = /^(?:更多|more|首页|上一页|上页|下一页|下页|尾页|末页|返回|打印|关闭|\d+|>>|<<|»|«|>|<|更多>>|更多»)$/i;
/** Page furniture that never holds column items. */
const FURNITURE = 'script, style, noscript, header, footer, nav, .nav, #nav, .header, #header, .footer, #footer, .menu, .breadcrumb, .crumb, .position, .location, aside, .sidebar, .side, .pagination, .page, .pages';
const ROW = 'li, tr, dd, dt, p';
/** Lists filled in by script after load (Hanweb dataproxy, jQuery ajax, fetch): empty HTML proves nothing. */
const SCRIPTED_LIST = /dataproxy|\$\.(?:ajax|get|post|getJSON)\s*\(|XMLHttpRequest|\bfetch\s*\(|jsonp|axios\./i;

function text($: CheerioAPI, el: AnyNode): string {
  return $(el).text().replace(/\s+/g, ' ').trim();
}


/**
 * A date printed inside the link itself (`<a><span>标题</span><span>2026-11-18</span></a>`, `<time datetime>`):
 * only an element whose whole text is a date counts, so a date inside a title is never taken.
 */
function dateInsideAnchor($: CheerioAPI, a: Element, ctx: DateContext) {
  for (const el of $(a).find('time, span, em, i, b, font, div, p').toArray()) {
    const t = $(el).attr('datetime') ?? text($, el);
    const d = findDates(t, ctx)[0];
    if (d && t.replace(/[\[\]()（）\s]/g, '').length <= d.raw.replace(/[\[\]\s]/g, '').length + 1) return d;
  }
  return undefined;
}

/** Items, pagination and empty notice of one list page's HTML. */
export function parseListPage(
  html: string,
  pageUrl: string,
  ctx: DateContext,
): { items: ColumnItem[]; next?: string; last?: string; emptyNotice?: string; scripted?: boolean } {
  const $ = load(html);
  let next: string | undefined;
  let last: string | undefined;
  $('a[href]').each((_, a) => {
    const t = text($, a);
    const href = absolute($(a).attr('href'), pageUrl);
    if (!href || href === pageUrl) return;
    if (!next && NEXT_TEXT.test(t)) next = href;
    if (!last && LAST_TEXT.test(t)) last = href;
  });
  // TRS-style pagination written by script: createPageHTML(total, current, "index", "html").
  const trs = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']/.exec(html);
  if (trs && !next) {
    const total = Number(trs[1]);
    const current = Number(trs[2]);
    if (current + 1 < total) next = new URL(`${trs[3]}_${current + 1}.${trs[4]}`, pageUrl).href;
    if (total > 1) last = new URL(`${trs[3]}_${total - 1}.${trs[4]}`, pageUrl).href;
  }

  const scripted = SCRIPTED_LIST.test(html);
  $(FURNITURE).remove();
  type Row = { item: ColumnItem; parent: AnyNode | null; dated: boolean; tag: string };
  const rows: Row[] = [];
  const seen = new Set<string>();
  $('a[href]').each((_, a) => {
    const title = (text($, a) || ($(a).attr('title') ?? '').trim()).slice(0, 200);
    if (title.length < 2 || NOT_ITEM_TEXT.test(title)) return;
    const url = absolute($(a).attr('href'), pageUrl);
    if (!url || url === pageUrl || seen.has(url)) return;
    seen.add(url);
    const rowEl = ($(a).closest(ROW).get(0) ?? (a as Element).parent) as AnyNode | null;
    const rowText = rowEl ? text($, rowEl) : title;
    const rest = rowText.replace(text($, a), ' ');
    const outside = findDates(rest, ctx)[0];
    const found = outside ?? dateInsideAnchor($, a as Element, ctx);
    const shown = outside || !found ? title : title.replace(found.raw, '').trim();
    const item: ColumnItem = { title: (($(a).attr('title') ?? '').trim() || shown).slice(0, 200), url };
    if (found) Object.assign(item, { date: found.date, ...(found.time ? { time: found.time } : {}), dateSource: 'list', yearImplied: found.yearImplied });
    rows.push({ item, parent: rowEl?.parent ?? null, dated: !!found, tag: rowEl && 'name' in rowEl ? (rowEl as Element).name : '' });
  });

  // The notice must stand on its own (a short element), not be a phrase inside some longer text.
  let emptyMatch: RegExpExecArray | null = null;
  $('p, div, td, li, span, ul, font, h3, h4').each((_, el) => {
    if (emptyMatch) return;
    const t = text($, el);
    if (t.length <= 40) emptyMatch = EMPTY_NOTICE.exec(t);
  });
  let items: ColumnItem[];
  // Lists are told apart by their container: tag and class (a list split into several <ul>s shares one).
  const signature = (n: AnyNode | null) => (n && 'name' in n ? `${(n as Element).name}.${(n as Element).attribs.class ?? ''}` : '');
  const datedCount = new Map<string, number>();
  for (const r of rows) if (r.dated) datedCount.set(signature(r.parent), (datedCount.get(signature(r.parent)) ?? 0) + 1);
  const main = [...datedCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const datedParents = new Set(rows.filter((r) => r.dated && signature(r.parent) === main).map((r) => r.parent));
  if (datedParents.size) {
    // Items are the rows of the main dated list (undated rows in it count, undated); other dated lists on the
    // page (hot items, recommendations) are not the column.
    items = rows.filter((r) => datedParents.has(r.parent)).map((r) => r.item);
  } else {
    // No dates at all: the largest group of list rows is the list.
    const groups = new Map<AnyNode | null, Row[]>();
    for (const r of rows) if (r.tag && r.tag !== 'p') groups.set(r.parent, [...(groups.get(r.parent) ?? []), r]);
    const largest = [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    items = largest.map((r) => r.item);
  }
  if (emptyMatch && !datedParents.size) items = [];
  return {
    items,
    ...(next ? { next } : {}),
    ...(last ? { last } : {}),
    ...(emptyMatch && !items.length ? { emptyNotice: emptyMatch[0] } : {}),
    ...(scripted ? { scripted: true } : {}),
  };
}

/** The publish date of an article page: CMS meta tags, then 发布时间：/发布日期： in the text. */
export function articleDate(html: string, ctx: DateContext): { date: string; time?: string } | undefined {
  const $ = load(html);
  for (const name of PUBLISH_META_NAMES) {
    const content = $(`meta[name="${name}" i], meta[property="${name}" i]`).attr('content');
    const d = content ? findDates(content, ctx).find((x) => !x.yearImplied) : undefined;
    if (d) return { date: d.date, ...(d.time ? { time: d.time } : {}) };
  }
  $('script, style, noscript').remove();
  const d = findPublishDate($('body').text().replace(/\s+/g, ' '), ctx);
  return d ? { date: d.date, ...(d.time ? { time: d.time } : {}) } : undefined;
}

async function fetchHtml(http: HttpClient, url: string, timeoutMs?: number): Promise<{ ok: true; html: string; finalUrl: string } | { ok: false; error: string; status?: number }> {
  try {
    const res = await http.fetch(url, { maxBytes: 4 * 1024 * 1024, ...(timeoutMs ? { timeoutMs } : {}) });
    if (res.status >= 400) return { ok: false, error: `http-${res.status}`, status: res.status };
    return { ok: true, html: decodeHtml(res.body, res.headers['content-type']).text, finalUrl: res.finalUrl };
  } catch (err) {
    if (err instanceof FetchError) return { ok: false, error: err.kind };
    throw err;
  }
}

function isAscending(items: ColumnItem[]): boolean {
  const dates = items.filter((i) => i.date).map((i) => i.date!);
  return dates.length >= 2 && dates[0]! < dates[dates.length - 1]!;
}

/**
 * Reads a column list: page 1, then further pages only while they can change the answer (no dated item yet,
 * or a list sorted oldest first, whose newest items are at the end), then article pages for undated lists.
 */
export async function readColumn(http: HttpClient, url: string, options: ReadColumnOptions): Promise<ColumnRead> {
  const ctx: DateContext = { today: options.today, ...(options.year !== undefined ? { year: options.year } : {}) };
  const read: ColumnRead = { url, outcome: 'read', items: [], pages: [], articlesOpened: 0 };
  const seenPages = new Set<string>();
  let pageUrl: string | undefined = url;
  while (pageUrl && read.pages.length < options.maxPages && !seenPages.has(pageUrl)) {
    seenPages.add(pageUrl);
    const got = await fetchHtml(http, pageUrl, options.timeoutMs);
    if (!got.ok) {
      if (read.pages.length === 0) return { ...read, outcome: 'error', error: got.error, ...(got.status ? { status: got.status } : {}) };
      break;
    }
    read.pages.push(pageUrl);
    const page = parseListPage(got.html, got.finalUrl, ctx);
    const known = new Set(read.items.map((i) => i.url));
    read.items.push(...page.items.filter((i) => !known.has(i.url)));
    if (page.emptyNotice && read.pages.length === 1) read.emptyNotice = page.emptyNotice;
    if (read.pages.length === 1 && !page.items.length && !page.emptyNotice && page.scripted) {
      // Not blank: the list is drawn by script, which a plain HTTP read cannot see (render it with the browser).
      return { ...read, outcome: 'error', error: 'script-rendered' };
    }
    const hasDated = read.items.some((i) => i.date);
    if (hasDated && !isAscending(page.items)) break;
    pageUrl = hasDated && page.last && !seenPages.has(page.last) ? page.last : page.next;
  }
  if (options.articleFallback > 0 && read.items.length && !read.items.some((i) => i.date)) {
    for (const item of read.items.slice(0, options.articleFallback)) {
      read.articlesOpened++;
      const got = await fetchHtml(http, item.url, options.timeoutMs);
      if (!got.ok) continue;
      const d = articleDate(got.html, ctx);
      if (d) Object.assign(item, { date: d.date, ...(d.time ? { time: d.time } : {}), dateSource: 'article', yearImplied: false });
    }
  }
  return read;
}

/** The newest dated item not after `today` (future dates are kept out: they prove nothing, see 弄虚作假). */
export function newestItem(items: ColumnItem[], today: string): ColumnItem | undefined {
  let best: ColumnItem | undefined;
  for (const i of items) {
    if (!i.date || i.date > today) continue;
    if (!best || i.date > best.date! || (i.date === best.date && (i.time ?? '') > (best.time ?? ''))) best = i;
  }
  return best;
}

/** Same-site links of a page's navigation (header, nav, menus): candidate columns and second-level pages. */
export function navigationLinks(html: string, pageUrl: string): { name: string; url: string }[] {
  const $ = load(html);
  const host = new URL(pageUrl).host;
  const out: { name: string; url: string }[] = [];
  const seen = new Set<string>([new URL(pageUrl).href]);
  $('nav a[href], .nav a[href], #nav a[href], .menu a[href], header a[href], .header a[href]').each((_, a) => {
    const url = absolute($(a).attr('href'), pageUrl);
    const name = text($, a);
    if (!url || !name || NOT_ITEM_TEXT.test(name) || seen.has(url) || new URL(url).host !== host) return;
    seen.add(url);
    out.push({ name: name.slice(0, 40), url });
  });
  return out;
}

/** Content items of a homepage: headline links (title ≥ `minTitle` characters) outside page furniture, with dates. */
export function parseHomepage(html: string, pageUrl: string, ctx: DateContext, volatile: RegExp[] = [], minTitle = 6): ColumnItem[] {
  const $ = load(html);
  $(FURNITURE).remove();
  const items: ColumnItem[] = [];
  const seen = new Set<string>();
  $('a[href]').each((_, a) => {
    const title = (($(a).attr('title') ?? '').trim() || text($, a)).slice(0, 200);
    if (title.length < minTitle || NOT_ITEM_TEXT.test(title) || volatile.some((v) => v.test(title))) return;
    const url = absolute($(a).attr('href'), pageUrl);
    if (!url || seen.has(url)) return;
    seen.add(url);
    const rowEl = ($(a).closest(ROW).get(0) ?? (a as Element).parent) as AnyNode | null;
    const rest = (rowEl ? text($, rowEl) : '').replace(text($, a), ' ');
    const found = volatile.some((v) => v.test(rest)) ? undefined : findDates(rest, ctx)[0];
    items.push({ title, url, ...(found ? { date: found.date, ...(found.time ? { time: found.time } : {}), dateSource: 'list' as const, yearImplied: found.yearImplied } : {}) });
  });
  return items;
}
