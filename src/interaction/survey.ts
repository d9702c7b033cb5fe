// interaction stage: the survey of a site's 互动交流 channels in one run — configured columns (or entries found on
// the homepage when none is configured) read once, every message judged; the interaction.* checks and the
// response-time statistics read this one survey.
import { load } from 'cheerio';
import type { CheckContext, SiteInput } from '../checks/check.ts';
import type { InteractionColumnConfig } from '../config/schema-newmedia.ts';
import { decodeHtml } from '../crawl/decode.ts';
import { FetchError } from '../crawl/fetch-error.ts';
import { indicatorsFor, type FreshnessServices } from '../rules/freshness.ts';
import { vetoParam } from '../rules/indicators.ts';
import { dayIn } from '../text/dates.ts';
import { judgeMessage, responseStats, type MessageJudgement, type ResponseStats } from './judge.ts';
import { readInteraction, type InteractionRead } from './reader.ts';

export interface ChannelJudgement {
  id: string;
  column: InteractionColumnConfig;
  /** Found on the homepage rather than configured. */
  discovered: boolean;
  read: InteractionRead;
  limitDays: number;
  messages: MessageJudgement[];
  stats: ResponseStats;
}

export interface InteractionSurvey {
  siteId: string;
  today: string;
  channels: ChannelJudgement[];
  /** Whether the homepage was searched for entries (no configured column), and what that gave. */
  discovery?: { searched: boolean; error?: string };
  /** Statistics over every channel of the site. */
  stats: ResponseStats;
}

/** Entries to 留言/咨询/信箱 on a page: links whose text matches one of the patterns. */
export function discoverEntries(html: string, pageUrl: string, patterns: string[]): { name: string; url: string }[] {
  const $ = load(html);
  const out: { name: string; url: string }[] = [];
  const seen = new Set<string>();
  $('a[href]').each((_, a) => {
    const name = $(a).text().replace(/\s+/g, ' ').trim();
    const href = ($(a).attr('href') ?? '').trim();
    if (!name || name.length > 20 || !patterns.some((p) => name.includes(p)) || /^(?:#|javascript:)/i.test(href)) return;
    let url: string;
    try {
      url = new URL(href, pageUrl).href;
    } catch {
      return;
    }
    if (seen.has(url)) return;
    seen.add(url);
    out.push({ name, url });
  });
  return out;
}

/** Reads and judges every interaction channel of the site. */
export async function surveyInteraction(ctx: CheckContext): Promise<InteractionSurvey> {
  const s = ctx.config.checks.newmedia.interaction;
  const today = dayIn(ctx.now, ctx.config.timeZone);
  let configured = ctx.site.interaction.map((column) => ({ column, discovered: false }));
  let discovery: InteractionSurvey['discovery'];
  if (!configured.length) {
    discovery = { searched: true };
    try {
      const res = await ctx.http.fetch(ctx.site.homepage, { maxBytes: 4 * 1024 * 1024 });
      if (res.status >= 400) discovery.error = `http-${res.status}`;
      else {
        const entries = discoverEntries(decodeHtml(res.body, res.headers['content-type']).text, res.finalUrl, s.entryPatterns);
        configured = entries.map((e) => ({ column: { id: `entry:${e.name}`, name: e.name, url: e.url, simple: false }, discovered: true }));
      }
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      discovery.error = err.kind;
    }
  }
  const cal = { holidays: s.holidays, workdays: s.workdays };
  const ind = indicatorsFor(ctx.config, ctx.services as FreshnessServices);
  const rule = { unansweredDays: vetoParam(ind, 'veto.interaction', 'maxReplyDays'), windowDays: vetoParam(ind, 'veto.interaction', 'windowDays') };
  const channels: ChannelJudgement[] = [];
  for (const { column, discovered } of configured) {
    const read = await readInteraction(ctx.http, column, { today, maxPages: s.maxListPages, maxDetailPages: s.maxDetailPages });
    if (read.outcome === 'error') ctx.log.warn({ column: column.name, url: column.url, error: read.error }, 'interaction column could not be read');
    const limitDays = column.limitDays ?? (column.simple ? s.simpleLimitDays : s.limitDays);
    const messages = read.messages.map((m) => judgeMessage(m, today, limitDays, rule, cal));
    channels.push({ id: column.id ?? column.name, column, discovered, read, limitDays, messages, stats: responseStats(messages) });
  }
  return { siteId: ctx.site.id, today, channels, ...(discovery ? { discovery } : {}), stats: responseStats(channels.flatMap((c) => c.messages)) };
}

const surveys = new WeakMap<object, Promise<InteractionSurvey>>();

/** The survey of this site run, read once however many interaction checks ask for it. */
export function sharedInteractionSurvey(input: Pick<SiteInput, 'runId'>, ctx: CheckContext): Promise<InteractionSurvey> {
  let p = surveys.get(input);
  if (!p) {
    p = surveyInteraction(ctx);
    surveys.set(input, p);
  }
  return p;
}
