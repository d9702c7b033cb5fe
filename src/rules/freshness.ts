// rules stage: column and homepage freshness — reads every column of a site once per run (the column reader),
// applies the indicators' windows, compares the homepage's content items with the previous run, and records
// a snapshot per column. The column.* and homepage.stale checks all read one shared survey.
import { dirname, resolve } from 'node:path';
import type { CheckContext, SiteInput } from '../checks/check.ts';
import type { AppConfig, ColumnConfig } from '../config/index.ts';
import { renderModeFor } from '../config/index.ts';
import { navigationLinks, newestItem, parseHomepage, readColumn, type ColumnItem, type ColumnRead } from '../crawl/column-reader.ts';
import { decodeHtml } from '../crawl/decode.ts';
import { FetchError } from '../crawl/fetch-error.ts';
import type { HttpClient } from '../crawl/http-client.ts';
import type { ColumnSnapshot, ProbeWindow, SnapshotStore } from '../storage/index.ts';
import { HOMEPAGE_COLUMN } from '../storage/snapshots.ts';
import { dayIn, daysBetween } from '../text/dates.ts';
import { classWindow, loadIndicators, vetoParam, type Indicators } from './indicators.ts';
import { mapLimit } from '../crawl/map-limit.ts';

export type ColumnState = 'fresh' | 'warning' | 'stale' | 'blank' | 'exempt' | 'error';

/** A column as judged in one run. */
export interface ColumnJudgement {
  id: string;
  column: ColumnConfig;
  discovered: boolean;
  read: ColumnRead;
  state: ColumnState;
  windowDays?: number;
  /** Age from which the column is flagged (栏目更新预警). */
  warnAtDays?: number;
  ageDays?: number;
  newest?: ColumnItem;
  undatedCount: number;
  /** Items dated after today (kept out of the newest date). */
  futureDated: ColumnItem[];
}

export type HomepageState = 'fresh' | 'warning' | 'stale' | 'unknown' | 'error';

/** The homepage as judged in one run. */
export interface HomepageJudgement {
  url: string;
  state: HomepageState;
  error?: string;
  /** How the last update was established. */
  basis?: 'dated-item' | 'content-change' | 'second-level' | 'unchanged-observed';
  lastUpdate?: string;
  ageDays?: number;
  newest?: ColumnItem;
  navigationOnly: boolean;
  itemCount: number;
  itemKeys: string[];
  unchangedSince: string;
  changedAt?: string;
  /** Items new since the previous run (a few). */
  newItems: string[];
  secondLevel?: { name: string; url: string; newestDate?: string; error?: string }[];
  days: number;
  warnDays: number;
}

export interface SiteSurvey {
  siteId: string;
  runId: number;
  today: string;
  columns: ColumnJudgement[];
  homepage: HomepageJudgement;
}

/** Services the freshness checks use when the runner provides them (under these names in `ctx.services`). */
export interface FreshnessServices {
  /** Where snapshots go and where the previous homepage snapshot comes from. */
  snapshots?: Pick<SnapshotStore, 'record' | 'previous'>;
  /** Probe history, for the availability check. */
  probes?: { window(siteId: string, to: Date, days: number): ProbeWindow };
  /** Indicators already loaded (else loaded from the config's settings). */
  indicators?: Indicators;
}

/** The indicators a config asks for (its file, relative to the config file's folder, and its overrides). */
export function indicatorsFor(config: AppConfig & { source?: string }, services: FreshnessServices = {}): Indicators {
  if (services.indicators) return services.indicators;
  const s = config.checks.freshness;
  const base = config.source && !config.source.startsWith('<') ? dirname(config.source) : process.cwd();
  return loadIndicators(s.indicators ? resolve(base, s.indicators) : undefined, s.overrides);
}

const columnId = (c: ColumnConfig) => c.id ?? c.name;

/** Judges one column read against its class window. Pure. */
export function judgeColumn(column: ColumnConfig, read: ColumnRead, today: string, ind: Indicators, discovered = false): ColumnJudgement {
  const windowDays = column.windowDays ?? classWindow(ind, column.class);
  const fraction = vetoParam(ind, 'veto.column-stale', 'warningFraction');
  const futureDated = read.items.filter((i) => i.date && i.date > today);
  const undatedCount = read.items.filter((i) => !i.date).length;
  const base = { id: columnId(column), column, discovered, read, undatedCount, futureDated };
  if (read.outcome === 'error') return { ...base, state: 'error' };
  if (!read.items.length) return { ...base, state: 'blank', ...(windowDays ? { windowDays } : {}) };
  const newest = newestItem(read.items, today);
  if (windowDays === undefined) return { ...base, state: 'exempt', ...(newest ? { newest, ageDays: daysBetween(newest.date!, today) } : {}) };
  const warnAtDays = Math.ceil(windowDays * fraction);
  // Undated items count as not updated (未注明信息发布时间的视为不更新).
  if (!newest) return { ...base, state: 'stale', windowDays, warnAtDays };
  const ageDays = daysBetween(newest.date!, today);
  const state: ColumnState = ageDays > windowDays ? 'stale' : ageDays >= warnAtDays ? 'warning' : 'fresh';
  return { ...base, state, windowDays, warnAtDays, ageDays, newest };
}

/** Guesses a discovered column's class from its name. */
export function classFromName(name: string): ColumnConfig['class'] {
  if (/专题/.test(name)) return '专题';
  if (/要闻|动态|新闻|工作进展|政务信息/.test(name)) return '动态要闻';
  if (/通知|公告|公示/.test(name)) return '通知公告';
  if (/政策|文件|法规/.test(name)) return '政策文件';
  if (/人事|任免|招录|招聘/.test(name)) return '人事';
  if (/规划|计划/.test(name)) return '规划计划';
  return '其他';
}

async function fetchPage(http: HttpClient, url: string): Promise<{ html: string; finalUrl: string } | { error: string }> {
  try {
    const res = await http.fetch(url, { maxBytes: 4 * 1024 * 1024 });
    if (res.status >= 400) return { error: `http-${res.status}` };
    return { html: decodeHtml(res.body, res.headers['content-type']).text, finalUrl: res.finalUrl };
  } catch (err) {
    if (err instanceof FetchError) return { error: err.kind };
    throw err;
  }
}


const itemKey = (i: ColumnItem) => {
  const u = new URL(i.url);
  return `${i.title.replace(/\s+/g, '')}|${u.host}${u.pathname}${u.search}`;
};

/** Reads and judges the homepage, comparing its content items with the previous snapshot. */
async function surveyHomepage(
  ctx: CheckContext,
  runId: number,
  today: string,
  ind: Indicators,
  previous: ColumnSnapshot | undefined,
): Promise<{ judgement: HomepageJudgement; html?: string }> {
  const s = ctx.config.checks.freshness;
  const url = ctx.site.homepage;
  const days = vetoParam(ind, 'veto.homepage-stale', 'days');
  const warnDays = vetoParam(ind, 'veto.homepage-stale', 'warnDays');
  const nowIso = ctx.now.toISOString();
  const got = await fetchPage(ctx.http, url);
  const base = { url, days, warnDays, navigationOnly: false, itemCount: 0, newItems: [] as string[] };
  if ('error' in got) {
    return {
      judgement: {
        ...base,
        state: 'error',
        error: got.error,
        itemKeys: previous?.itemKeys ?? [],
        unchangedSince: previous?.unchangedSince ?? nowIso,
        ...(previous?.changedAt ? { changedAt: previous.changedAt } : {}),
      },
    };
  }
  const volatile = s.volatilePatterns.map((p) => new RegExp(p));
  const items = parseHomepage(got.html, got.finalUrl, { today }, volatile);
  const keys = [...new Set(items.map(itemKey))].sort().slice(0, 500);
  const prevKeys = new Set(previous?.itemKeys ?? []);
  const added = previous?.itemKeys ? keys.filter((k) => !prevKeys.has(k)) : [];
  const unchangedSince = added.length || !previous ? nowIso : (previous.unchangedSince ?? previous.takenAt);
  const changedAt = added.length ? nowIso : previous?.changedAt;

  let newest = newestItem(items, today);
  let basis: HomepageJudgement['basis'] = newest ? 'dated-item' : undefined;
  const navigationOnly = !items.some((i) => i.date) && items.length < 10;
  let secondLevel: HomepageJudgement['secondLevel'];
  if (navigationOnly) {
    // 首页仅为导航入口的，所有二级页面均无信息更新: judge by the newest item of any second-level page.
    const nav = navigationLinks(got.html, got.finalUrl);
    const targets = [...nav, ...items.map((i) => ({ name: i.title, url: i.url }))]
      .filter((t, i, all) => all.findIndex((x) => x.url === t.url) === i)
      .slice(0, s.maxSecondLevel);
    secondLevel = await mapLimit(targets, ctx.site.politeness?.concurrency ?? ctx.config.crawl.politeness.concurrency, async (t) => {
      const read = await readColumn(ctx.http, t.url, { today, maxPages: 1, articleFallback: 1 });
      const n = newestItem(read.items, today);
      if (n && (!newest || n.date! > newest.date!)) {
        newest = n;
        basis = 'second-level';
      }
      return { name: t.name, url: t.url, ...(n ? { newestDate: n.date } : {}), ...(read.error ? { error: read.error } : {}) };
    });
  }
  let lastUpdate = newest?.date;
  if (changedAt) {
    const changedDay = dayIn(new Date(changedAt), ctx.config.timeZone);
    if (!lastUpdate || changedDay > lastUpdate) {
      lastUpdate = changedDay;
      basis = 'content-change';
    }
  }
  let state: HomepageState;
  let ageDays: number | undefined;
  if (lastUpdate) {
    ageDays = daysBetween(lastUpdate, today);
    state = ageDays >= days ? 'stale' : ageDays >= warnDays ? 'warning' : 'fresh';
  } else {
    // No dates and no change seen: stale once the same items have been watched for the whole period.
    const watched = daysBetween(dayIn(new Date(unchangedSince), ctx.config.timeZone), today);
    basis = 'unchanged-observed';
    ageDays = watched;
    state = watched >= days ? 'stale' : watched >= warnDays ? 'warning' : 'unknown';
  }
  return {
    html: got.html,
    judgement: {
      ...base,
      state,
      basis,
      ...(lastUpdate ? { lastUpdate } : {}),
      ageDays,
      ...(newest ? { newest } : {}),
      navigationOnly,
      itemCount: items.length,
      itemKeys: keys,
      unchangedSince,
      ...(changedAt ? { changedAt } : {}),
      newItems: added.slice(0, 5).map((k) => k.split('|')[0]!),
      ...(secondLevel ? { secondLevel } : {}),
    },
  };
}

const snapshotItems = (items: ColumnItem[]) =>
  [...items]
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
    .slice(0, 5)
    .map((i) => ({ title: i.title, url: i.url, ...(i.date ? { date: i.date } : {}) }));

/** Reads every column of a site and its homepage, judges them, and records a snapshot of each. */
export async function surveySite(input: Pick<SiteInput, 'runId'>, ctx: CheckContext): Promise<SiteSurvey> {
  const services = ctx.services as FreshnessServices;
  const ind = indicatorsFor(ctx.config, services);
  const s = ctx.config.checks.freshness;
  const today = dayIn(ctx.now, ctx.config.timeZone);
  const previous = services.snapshots?.previous(ctx.site.id, HOMEPAGE_COLUMN, input.runId);
  const { judgement: homepage, html } = await surveyHomepage(ctx, input.runId, today, ind, previous);

  const configured = ctx.site.columns.map((c) => ({ column: c, discovered: false }));
  if (html && s.discoverColumns.includes(ctx.site.id)) {
    const known = new Set(ctx.site.columns.map((c) => c.url));
    for (const nav of navigationLinks(html, ctx.site.homepage)) {
      if (known.has(nav.url)) continue;
      known.add(nav.url);
      configured.push({ column: { id: `nav:${nav.name}`, name: nav.name, url: nav.url, class: classFromName(nav.name), topLevel: true }, discovered: true });
    }
  }
  const limit = ctx.site.politeness?.concurrency ?? ctx.config.crawl.politeness.concurrency;
  const columns = await mapLimit(configured, limit, async ({ column, discovered }) => {
    let read = await readColumn(ctx.http, column.url, { today, maxPages: s.maxListPages, articleFallback: s.articleFallback });
    // A list the registry marks `render: browser` and that shows nothing over plain HTTP is unread, not blank.
    if (read.outcome === 'read' && !read.items.length && !read.emptyNotice && renderModeFor(ctx.site, column.url) === 'browser') {
      read = { ...read, outcome: 'error', error: 'script-rendered' };
    }
    if (read.outcome === 'error') {
      // A script-built list is expected not to be readable over plain HTTP: it is reported as not assessed.
      const level = read.error === 'script-rendered' ? 'info' : 'warn';
      ctx.log[level]({ column: column.name, url: column.url, error: read.error }, 'column list could not be read');
    }
    return judgeColumn(column, read, today, ind, discovered);
  });

  const takenAt = ctx.now.toISOString();
  const snapshots: ColumnSnapshot[] = columns.map((c) => ({
    runId: input.runId,
    siteId: ctx.site.id,
    columnId: c.id,
    name: c.column.name,
    class: c.column.class,
    url: c.column.url,
    takenAt,
    state: c.state,
    ...(c.windowDays !== undefined ? { windowDays: c.windowDays } : {}),
    ...(c.ageDays !== undefined ? { ageDays: c.ageDays } : {}),
    itemCount: c.read.items.length,
    undatedCount: c.undatedCount,
    ...(c.newest?.date ? { newestDate: c.newest.date } : {}),
    topItems: snapshotItems(c.read.items),
    ...(c.read.error ? { error: c.read.error } : {}),
  }));
  snapshots.push({
    runId: input.runId,
    siteId: ctx.site.id,
    columnId: HOMEPAGE_COLUMN,
    name: '首页',
    class: '首页',
    url: homepage.url,
    takenAt,
    state: homepage.state,
    windowDays: homepage.days,
    ...(homepage.ageDays !== undefined ? { ageDays: homepage.ageDays } : {}),
    itemCount: homepage.itemCount,
    undatedCount: 0,
    ...(homepage.lastUpdate ? { newestDate: homepage.lastUpdate } : {}),
    topItems: homepage.newest ? [{ title: homepage.newest.title, url: homepage.newest.url, ...(homepage.newest.date ? { date: homepage.newest.date } : {}) }] : [],
    itemKeys: homepage.itemKeys,
    unchangedSince: homepage.unchangedSince,
    ...(homepage.changedAt ? { changedAt: homepage.changedAt } : {}),
    ...(homepage.error ? { error: homepage.error } : {}),
  });
  services.snapshots?.record(snapshots);
  return { siteId: ctx.site.id, runId: input.runId, today, columns, homepage };
}

// One survey per site input (the checks of one site run share it); entries go with the input object.
const surveys = new WeakMap<object, Promise<SiteSurvey>>();

/** The survey of this site run, read once however many freshness checks ask for it. */
export function sharedSurvey(input: Pick<SiteInput, 'runId'>, ctx: CheckContext): Promise<SiteSurvey> {
  let p = surveys.get(input);
  if (!p) {
    p = surveySite(input, ctx);
    surveys.set(input, p);
  }
  return p;
}
