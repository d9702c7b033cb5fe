// interaction stage: reading a 留言/咨询/信箱 list — each message with its question date and its reply date, from
// the list (a table with 留言时间/答复时间 columns, labelled rows, or a status word) or, when the list shows no
// reply date, from the message's detail page. Pagination as on columns.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { InteractionColumnConfig } from '../config/schema-newmedia.ts';
import { parseListPage } from '../crawl/column-reader.ts';
import { decodeHtml } from '../crawl/decode.ts';
import { FetchError } from '../crawl/fetch-error.ts';
import type { HttpClient } from '../crawl/http-client.ts';
import { findDates, type DateContext } from '../text/dates.ts';

/** One message (留言) as the list and its detail page show it. */
export interface Message {
  title: string;
  url?: string;
  /** Question date, YYYY-MM-DD. */
  asked?: string;
  /** Reply date, YYYY-MM-DD. */
  replied?: string;
  /** What the list or page says about the reply. */
  status: 'replied' | 'pending' | 'unknown';
  /** Where the reply date came from. */
  replySource?: 'list' | 'detail';
}

export interface InteractionRead {
  url: string;
  outcome: 'read' | 'error';
  error?: string;
  status?: number;
  messages: Message[];
  pages: string[];
  detailsOpened: number;
}

const ASKED_LABEL = /(?:留言|提问|来信|咨询|写信|提交|投诉|信件)(?:时间|日期)\s*[:：]?\s*/;
const REPLIED_LABEL = /(?:答复|回复|办理|反馈|回应|办结)(?:时间|日期)\s*[:：]?\s*/;
const PENDING = /未回复|未答复|待回复|待答复|办理中|处理中|未办结|待处理|受理中|未处理/;
const REPLIED = /已回复|已答复|已办结|已反馈|已处理|已回应/;
const FURNITURE = 'script, style, noscript, header, footer, nav, .nav, #nav, .header, #header, .footer, #footer, .menu, .breadcrumb, aside, .sidebar, .pagination, .page, .pages';

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The first full date right after a label in a text. */
function dateAfter(text: string, label: RegExp, ctx: DateContext): string | undefined {
  const m = label.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
  const d = findDates(rest, ctx)[0];
  return d && d.index <= 2 ? d.date : undefined;
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href || /^(?:#|javascript:|mailto:)/i.test(href.trim())) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** Column roles from a table header row: which cell holds the question date, the reply date, the status. */
function headerRoles($: CheerioAPI, table: AnyNode): { asked?: number; replied?: number; status?: number } {
  const head = $(table).find('tr').first();
  const cells = head.find('th, td').toArray().map((c) => clean($(c).text()));
  if (!head.find('th').length && !cells.some((c) => /时间|日期/.test(c))) return {};
  const find = (re: RegExp) => {
    const i = cells.findIndex((c) => re.test(c));
    return i >= 0 ? i : undefined;
  };
  const asked = find(/留言|提问|来信|咨询|写信|提交|投诉|信件/);
  const replied = find(/答复|回复|办理|反馈|回应|办结/);
  const status = find(/状态/);
  return { ...(asked !== undefined ? { asked } : {}), ...(replied !== undefined && replied !== asked ? { replied } : {}), ...(status !== undefined ? { status } : {}) };
}

/** Messages of one list page. */
export function parseInteractionList(html: string, pageUrl: string, ctx: DateContext, selectors?: InteractionColumnConfig['selectors']): Message[] {
  const $ = load(html);
  $(FURNITURE).remove();
  const out: Message[] = [];
  const rows = selectors ? $(selectors.row).toArray() : $('tr, li').toArray().filter((el) => !$(el).find('tr, li').length);
  const roles = new Map<AnyNode, ReturnType<typeof headerRoles>>();
  for (const el of rows) {
    const text = clean($(el).text());
    const linkEl = selectors?.link ? $(el).find(selectors.link).first() : $(el).find('a[href]').first();
    const url = absolute(linkEl.attr('href'), pageUrl);
    const title = clean(linkEl.attr('title') ?? '') || clean(linkEl.text()) || text.slice(0, 60);
    let asked: string | undefined;
    let replied: string | undefined;
    if (selectors) {
      const a = selectors.asked ? $(el).find(selectors.asked).text() : '';
      const r = selectors.replied ? $(el).find(selectors.replied).text() : '';
      asked = findDates(a, ctx)[0]?.date;
      replied = findDates(r, ctx)[0]?.date;
    } else if ((el as Element).name === 'tr') {
      if ($(el).find('th').length) continue;
      const table = $(el).closest('table').get(0);
      if (table && !roles.has(table)) roles.set(table, headerRoles($, table));
      const r = table ? roles.get(table)! : {};
      const cells = $(el).find('td').toArray().map((c) => clean($(c).text()));
      if (r.asked !== undefined) asked = findDates(cells[r.asked] ?? '', ctx)[0]?.date;
      if (r.replied !== undefined) replied = findDates(cells[r.replied] ?? '', ctx)[0]?.date;
      if (r.asked === undefined && r.replied === undefined) [asked, replied] = findDates(text, ctx).map((d) => d.date);
    } else {
      asked = dateAfter(text, ASKED_LABEL, ctx);
      replied = dateAfter(text, REPLIED_LABEL, ctx);
      if (!asked && !replied) [asked, replied] = findDates(text, ctx).map((d) => d.date);
    }
    if (!asked && !url) continue;
    if (!asked && !replied && !PENDING.test(text) && !REPLIED.test(text)) continue;
    const status: Message['status'] = replied || REPLIED.test(text) ? 'replied' : PENDING.test(text) ? 'pending' : 'unknown';
    out.push({ title: title.slice(0, 120), ...(url ? { url } : {}), ...(asked ? { asked } : {}), ...(replied ? { replied, replySource: 'list' as const } : {}), status });
  }
  return out;
}

/** Question and reply dates on a message's detail page (labelled 留言时间：/答复时间：). */
export function parseMessageDetail(html: string, ctx: DateContext): { asked?: string; replied?: string; pending: boolean } {
  const $ = load(html);
  $('script, style, noscript').remove();
  const text = clean($('body').text());
  const asked = dateAfter(text, ASKED_LABEL, ctx);
  const replied = dateAfter(text, REPLIED_LABEL, ctx);
  return { ...(asked ? { asked } : {}), ...(replied ? { replied } : {}), pending: !replied && PENDING.test(text) };
}

async function fetchHtml(http: HttpClient, url: string): Promise<{ ok: true; html: string; finalUrl: string } | { ok: false; error: string; status?: number }> {
  try {
    const res = await http.fetch(url, { maxBytes: 4 * 1024 * 1024 });
    if (res.status >= 400) return { ok: false, error: `http-${res.status}`, status: res.status };
    return { ok: true, html: decodeHtml(res.body, res.headers['content-type']).text, finalUrl: res.finalUrl };
  } catch (err) {
    if (err instanceof FetchError) return { ok: false, error: err.kind };
    throw err;
  }
}

export interface ReadInteractionOptions extends DateContext {
  maxPages: number;
  maxDetailPages: number;
}

/** Reads an interaction column: list pages, then detail pages of messages whose reply date the list lacks. */
export async function readInteraction(http: HttpClient, column: Pick<InteractionColumnConfig, 'url' | 'selectors'>, o: ReadInteractionOptions): Promise<InteractionRead> {
  const ctx: DateContext = { today: o.today };
  const read: InteractionRead = { url: column.url, outcome: 'read', messages: [], pages: [], detailsOpened: 0 };
  const seenPages = new Set<string>();
  let pageUrl: string | undefined = column.url;
  while (pageUrl && read.pages.length < o.maxPages && !seenPages.has(pageUrl)) {
    seenPages.add(pageUrl);
    const got = await fetchHtml(http, pageUrl);
    if (!got.ok) {
      if (!read.pages.length) return { ...read, outcome: 'error', error: got.error, ...(got.status ? { status: got.status } : {}) };
      break;
    }
    read.pages.push(pageUrl);
    const known = new Set(read.messages.map((m) => m.url ?? m.title));
    read.messages.push(...parseInteractionList(got.html, got.finalUrl, ctx, column.selectors).filter((m) => !known.has(m.url ?? m.title)));
    pageUrl = parseListPage(got.html, got.finalUrl, ctx).next;
  }
  for (const m of read.messages) {
    if (m.replied || !m.url || read.detailsOpened >= o.maxDetailPages) continue;
    read.detailsOpened++;
    const got = await fetchHtml(http, m.url);
    if (!got.ok) continue;
    const d = parseMessageDetail(got.html, ctx);
    if (!m.asked && d.asked) m.asked = d.asked;
    if (d.replied) Object.assign(m, { replied: d.replied, replySource: 'detail', status: 'replied' });
    else if (d.pending) m.status = 'pending';
  }
  return read;
}
