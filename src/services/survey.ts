// services stage: the survey of a site's 办事指南 in one run — its configured lists read (with pagination), their
// guides followed (bounded by maxGuides) through the run's guarded HTTP client, each guide read for the ten elements
// and judged against the indicators' veto.service (a guide missing ≥ missingElements; ≥ guides such guides).
import type { CheckContext } from '../checks/check.ts';
import type { GuideElement } from '../config/schema-services.ts';
import { isIP } from 'node:net';
import { AddressGuard, decodeHtml, FetchError, type HttpClient } from '../crawl/index.ts';
import { mapLimit } from '../crawl/map-limit.ts';
import { indicatorsFor, type FreshnessServices } from '../rules/freshness.ts';
import { vetoParam } from '../rules/indicators.ts';
import { dayIn } from '../text/dates.ts';
import { parseGuideList, type GuideLink } from './guide-list.ts';
import { readGuidePage, type GuideReading } from './guide-page.ts';
import { LabelSet } from './labels.ts';

/** One configured list as read. */
export interface GuideListRead {
  url: string;
  /** `read`: opened (guides may be none); `error`: did not open; `scripted`: no guide in the HTML, drawn by script. */
  outcome: 'read' | 'error' | 'scripted';
  error?: string;
  status?: number;
  pages: string[];
  guides: GuideLink[];
  emptyNotice?: string;
}

/** One guide as read and judged. */
export interface GuideJudgement {
  guide: GuideLink;
  /** `judged`: read and counted; `broken`: did not open; `unread`: opened but not readable as a guide (no label, not HTML). */
  outcome: 'judged' | 'broken' | 'unread';
  error?: string;
  status?: number;
  reason?: string;
  reading?: GuideReading;
  /** Missing at least `missingElements` elements. */
  deficient: boolean;
}

export interface ServiceSurvey {
  lists: GuideListRead[];
  guides: GuideJudgement[];
  /** More guides were listed than maxGuides allows: the rest were not read. */
  truncated: boolean;
  missingElements: number;
  guidesThreshold: number;
}

type Fetched = { ok: true; html: string; finalUrl: string; contentType: string } | { ok: false; error: string; status?: number };

/**
 * A URL whose host is a literal address (or localhost) the guard does not permit. The guard sits in the client's
 * name lookup, which a literal address never goes through: such a URL is refused here, never fetched.
 */
function refusedLiteral(url: string, guard: AddressGuard): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return !guard.permits('127.0.0.1');
  return isIP(host) !== 0 && !guard.permits(host);
}

async function fetchPage(http: HttpClient, guard: AddressGuard, url: string): Promise<Fetched> {
  if (refusedLiteral(url, guard)) return { ok: false, error: 'private-address' };
  try {
    const res = await http.fetch(url, { maxBytes: 4 * 1024 * 1024 });
    if (res.status >= 400) return { ok: false, error: `http-${res.status}`, status: res.status };
    const contentType = res.headers['content-type'] ?? '';
    return { ok: true, html: decodeHtml(res.body, contentType).text, finalUrl: res.finalUrl, contentType };
  } catch (err) {
    if (err instanceof FetchError) return { ok: false, error: err.kind };
    throw err;
  }
}

const isHtml = (contentType: string) => !contentType || /html|xml/i.test(contentType);

/** Reads one list: its pages up to maxPages, the guides on them (new ones only). */
async function readList(http: HttpClient, guard: AddressGuard, url: string, o: { today: string; maxPages: number; selectors: Parameters<typeof parseGuideList>[3] }): Promise<GuideListRead> {
  const read: GuideListRead = { url, outcome: 'read', pages: [], guides: [] };
  const seenPages = new Set<string>();
  let scripted = false;
  let pageUrl: string | undefined = url;
  while (pageUrl && read.pages.length < o.maxPages && !seenPages.has(pageUrl)) {
    seenPages.add(pageUrl);
    const got = await fetchPage(http, guard, pageUrl);
    if (!got.ok) {
      if (!read.pages.length) return { ...read, outcome: 'error', error: got.error, ...(got.status ? { status: got.status } : {}) };
      break;
    }
    read.pages.push(pageUrl);
    const page = parseGuideList(got.html, got.finalUrl, o.today, o.selectors);
    const known = new Set(read.guides.map((g) => g.url));
    read.guides.push(...page.guides.filter((g) => !known.has(g.url)));
    scripted ||= page.scripted;
    if (page.emptyNotice && !read.emptyNotice) read.emptyNotice = page.emptyNotice;
    pageUrl = page.next;
  }
  if (!read.guides.length && scripted) read.outcome = 'scripted';
  return read;
}

/** Reads and judges one guide. */
async function judgeGuide(http: HttpClient, guard: AddressGuard, guide: GuideLink, labels: LabelSet, missingElements: number, content?: string): Promise<GuideJudgement> {
  const got = await fetchPage(http, guard, guide.url);
  if (!got.ok) return { guide, outcome: 'broken', error: got.error, ...(got.status ? { status: got.status } : {}), deficient: false };
  if (!isHtml(got.contentType)) return { guide, outcome: 'unread', reason: `办事指南不是网页（${got.contentType.split(';')[0]}），未检查`, deficient: false };
  const reading = readGuidePage(got.html, labels, content);
  if (reading.contentMissing) return { guide, outcome: 'unread', reason: `页面上没有 selectors.content 指定的元素（${content}），未检查`, reading, deficient: false };
  if (!reading.labelled) {
    const why = reading.scripted ? '页面内容由脚本生成，' : '';
    return { guide, outcome: 'unread', reason: `${why}页面上没有任何办事指南要素标签，未检查`, reading, deficient: false };
  }
  return { guide, outcome: 'judged', reading, deficient: reading.missing.length >= missingElements };
}

/** Reads every configured list of the site and judges its guides; undefined when the site configures none. */
export async function surveyServices(ctx: CheckContext): Promise<ServiceSurvey | undefined> {
  const cfg = ctx.site.services;
  if (!cfg) return undefined;
  const s = ctx.config.checks.services;
  const ind = indicatorsFor(ctx.config, ctx.services as FreshnessServices);
  const missingElements = vetoParam(ind, 'veto.service', 'missingElements');
  const guidesThreshold = vetoParam(ind, 'veto.service', 'guides');
  const today = dayIn(ctx.now, ctx.config.timeZone);
  const guard = new AddressGuard(ctx.config.network.allowPrivate);
  const lists: GuideListRead[] = [];
  for (const url of cfg.lists) {
    const read = await readList(ctx.http, guard, url, { today, maxPages: s.maxListPages, selectors: cfg.selectors });
    if (read.outcome !== 'read') ctx.log.warn({ list: url, outcome: read.outcome, error: read.error }, 'guide list could not be read');
    lists.push(read);
  }
  const all: GuideLink[] = [];
  const seen = new Set<string>();
  for (const l of lists) for (const g of l.guides) if (!seen.has(g.url)) (seen.add(g.url), all.push(g));
  const max = cfg.maxGuides ?? s.maxGuides;
  const labels = new LabelSet(s.extraLabels as Partial<Record<GuideElement, string[]>>);
  const concurrency = ctx.site.politeness?.concurrency ?? ctx.config.crawl.politeness.concurrency;
  const guides = await mapLimit(all.slice(0, max), concurrency, (g) => judgeGuide(ctx.http, guard, g, labels, missingElements, cfg.selectors?.content));
  return { lists, guides, truncated: all.length > max, missingElements, guidesThreshold };
}
