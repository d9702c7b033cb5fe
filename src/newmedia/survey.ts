// new-media stage: the survey of a site's accounts in one run — every mirror read once, judged against the update
// windows, the listing page compared with the registry, posts handed to the content checks and their links
// probed. The newmedia.* checks all read this one survey.
import type { CheckContext, FindingDraft, SiteInput } from '../checks/check.ts';
import { contentService } from '../checks/content-check.ts';
import type { AccountConfig } from '../config/index.ts';
import { indicatorsFor, type FreshnessServices } from '../rules/freshness.ts';
import { vetoParam } from '../rules/indicators.ts';
import { dayIn, daysBetween } from '../text/dates.ts';
import { compareListing, readListing, type ListingEntry, type ListingRead } from './listing.ts';
import { postContentFindings, postLinkFindings } from './post-checks.ts';
import { loadProfiles } from './profiles.ts';
import { newestPost, readAccount, type AccountRead } from './read-account.ts';
import { MirrorRenderer } from './render.ts';
import type { Post } from './types.ts';
import { mapLimit } from '../crawl/map-limit.ts';

export type AccountState = 'fresh' | 'warning' | 'stale' | 'dormant' | 'error' | 'skipped';

/** An account as judged in one run. */
export interface AccountJudgement {
  read: AccountRead;
  state: AccountState;
  newest?: Post;
  ageDays?: number;
  staleDays: number;
  warnAtDays: number;
  dormantDays: number;
}

export interface NewmediaSurvey {
  siteId: string;
  today: string;
  accounts: AccountJudgement[];
  listing?: ListingRead;
  notListed: AccountConfig[];
  notRegistered: ListingEntry[];
  /** Findings of the posts under the content checks' ids (typo.*, sensitive.term, privacy.* …), with the account. */
  contentFindings: FindingDraft[];
  /** Post links that do not open, as `link.broken` findings with the account. */
  linkFindings: FindingDraft[];
}

/** Judges one read against the windows. Pure. */
export function judgeAccount(read: AccountRead, today: string, s: { staleDays: number; warnAtDays: number; dormantDays: number }): AccountJudgement {
  const warnAtDays = s.warnAtDays;
  const base = { read, staleDays: s.staleDays, warnAtDays, dormantDays: s.dormantDays };
  if (read.outcome !== 'read') return { ...base, state: read.outcome };
  const newest = newestPost(read.posts, today);
  // Posts without dates count as not updated, like undated column items.
  if (!newest) return { ...base, state: 'stale' };
  const ageDays = daysBetween(newest.date!, today);
  const state: AccountState = ageDays > s.dormantDays ? 'dormant' : ageDays > s.staleDays ? 'stale' : ageDays >= warnAtDays ? 'warning' : 'fresh';
  return { ...base, state, newest, ageDays };
}


/** Reads and judges every account of the site. */
export async function surveyNewmedia(ctx: CheckContext): Promise<NewmediaSurvey> {
  const s = ctx.config.checks.newmedia;
  const today = dayIn(ctx.now, ctx.config.timeZone);
  const profiles = await loadProfiles();
  const renderer = MirrorRenderer.create(ctx.http, ctx.config.crawl.chromium, s.renderTimeoutMs);
  const limit = ctx.site.politeness?.concurrency ?? ctx.config.crawl.politeness.concurrency;
  let reads: AccountRead[];
  try {
    reads = await mapLimit(ctx.site.accounts, Math.min(limit, 4), (a) => readAccount(a, { http: ctx.http, profiles, renderer, today, maxPosts: s.maxPosts }));
  } finally {
    await renderer.close();
  }
  for (const r of reads) if (r.outcome !== 'read') ctx.log.warn({ account: r.account.name, url: r.account.url, error: r.error }, `account mirror ${r.outcome === 'error' ? 'did not open' : 'not checked'}`);
  const ind = indicatorsFor(ctx.config, ctx.services as FreshnessServices);
  const windows = { staleDays: vetoParam(ind, 'veto.newmedia-stale', 'days'), warnAtDays: vetoParam(ind, 'veto.newmedia-stale', 'warnDays'), dormantDays: s.dormantDays };
  const accounts = reads.map((r) => judgeAccount(r, today, windows));

  let listing: ListingRead | undefined;
  let notListed: AccountConfig[] = [];
  let notRegistered: ListingEntry[] = [];
  if (ctx.site.newmediaListing) {
    listing = await readListing(ctx.http, ctx.site.newmediaListing);
    if (listing.outcome === 'read') ({ notListed, notRegistered } = compareListing(ctx.site.accounts, listing.entries));
    else ctx.log.warn({ url: listing.url, error: listing.error }, '政务新媒体 listing page could not be read');
  }

  const read = accounts.filter((a) => a.read.outcome === 'read');
  const contentFindings = ctx.config.checks.content.enabled && ctx.services.content ? read.flatMap((a) => postContentFindings(a.read, contentService(ctx), ctx)) : [];
  const linkFindings: FindingDraft[] = [];
  for (const a of read) linkFindings.push(...(await postLinkFindings(a.read, ctx, s.maxLinksPerAccount)));
  return { siteId: ctx.site.id, today, accounts, ...(listing ? { listing } : {}), notListed, notRegistered, contentFindings, linkFindings };
}

const surveys = new WeakMap<object, Promise<NewmediaSurvey>>();

/** The survey of this site run, read once however many newmedia checks ask for it. */
export function sharedNewmediaSurvey(input: Pick<SiteInput, 'runId'>, ctx: CheckContext): Promise<NewmediaSurvey> {
  let p = surveys.get(input);
  if (!p) {
    p = surveyNewmedia(ctx);
    surveys.set(input, p);
  }
  return p;
}
