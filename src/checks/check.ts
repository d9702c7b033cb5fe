// checks stage: the contract every check implements, and the shape of what checks produce (findings).
import type { CheerioAPI } from 'cheerio';
import type { Logger } from 'pino';
import type { AppConfig, SiteConfig, ColumnConfig } from '../config/index.ts';
import type { HttpClient } from '../crawl/index.ts';

/** How bad a finding is. `veto` findings alone can fail a site (单项否决); the rest feed deductions or warnings. */
export type Severity = 'veto' | 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['veto', 'error', 'warning', 'info'];

/** Whether the defect is certain, or suspected and worth a human look (e.g. a 403 that may be bot blocking). */
export type Certainty = 'certain' | 'suspected';

/** What a finding shows as proof. Everything in here may come from a crawled page: untrusted, escape when shown. */
export interface Evidence {
  /** Anchor text of the link, where the finding is about a link. */
  anchor?: string;
  /** HTTP status of the target. */
  status?: number;
  /** Error kind, e.g. `dns`, `refused`, `timeout`, `tls`, `redirect-loop`, `soft-404`, `intranet`. */
  error?: string;
  /** A short human-readable explanation in Chinese, e.g. 「链接返回 HTTP 404」. */
  message?: string;
  /** A text snippet around the problem (already masked where it carries personal data). */
  snippet?: string;
  /** Anything else a check wants to keep (suggestion, category, redirect chain …). Values must be JSON. */
  [key: string]: unknown;
}

/** A problem as a check reports it, before storage gives it an id and dates. */
export interface FindingDraft {
  check: string;
  /**
   * What makes this problem the same problem across runs within a site and check (e.g. the link target).
   * The stable finding id is derived from (siteId, check, key).
   */
  key: string;
  severity: Severity;
  certainty?: Certainty;
  /** The page (or attachment, or account mirror) where the problem was found. */
  url: string;
  /** The link target, where there is one. */
  target?: string;
  evidence: Evidence;
  /** Column (栏目) name, when the page belongs to a configured column. */
  column?: string;
  /** New-media account name, when the finding is about an account. */
  account?: string;
  /** True when the problem is on the homepage (the indicators count homepage links separately). */
  onHomepage?: boolean;
}

/** A finding as stored and listed. */
export interface Finding extends Omit<FindingDraft, 'key'> {
  id: string;
  siteId: string;
  key: string;
  firstSeen: string;
  lastSeen: string;
  status: 'open' | 'resolved';
  /** Pages of the latest run carrying the same problem (a footer typo is one finding on many pages). */
  pageCount: number;
}

/** A link as it stands on a page. */
export interface LinkOccurrence {
  /** Absolute URL after resolving against the page; the raw attribute for placeholders (`#`, `javascript:`). */
  target: string;
  /** Raw attribute value as written. */
  raw: string;
  tag: 'a' | 'img' | 'link' | 'script' | 'iframe' | 'area' | 'embed' | 'source' | 'object';
  anchor: string;
  /** Set by the page parser when the element sits in content hidden by CSS. */
  hidden?: string;
}

/** One fetched HTML page, as the checks see it. */
export interface PageSnapshot {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  html: string;
  $: CheerioAPI;
  title: string;
  depth: number;
  isHomepage: boolean;
  column?: ColumnConfig;
  renderedBy: 'http' | 'browser';
  links: LinkOccurrence[];
}

/** A downloaded attachment (PDF, DOC(X), XLS(X) …) linked from a crawled page of the same site. */
export interface AttachmentSnapshot {
  url: string;
  linkedFrom: string;
  contentType: string;
  body: Buffer;
  column?: string;
}

/** What fetching a URL told us, whoever fetched it (the crawler or the link prober). Raw facts; checks judge. */
export interface TargetFacts {
  url: string;
  /** `ok` fetched (any status), `error` the fetch failed (see errorKind), `skipped`/`excluded` not fetched on purpose. */
  outcome: 'fetched' | 'error' | 'skipped' | 'excluded';
  status?: number;
  errorKind?: string;
  errorMessage?: string;
  finalUrl?: string;
  redirects?: string[];
  contentType?: string;
  title?: string;
  /** Visible text length of an HTML target, for soft-404 judgement. */
  textLength?: number;
  /** Start of the visible text of an HTML target (≤ 300 chars), for soft-404 judgement. */
  textStart?: string;
  /** The status was confirmed by a browser-like GET (for 403/429). */
  confirmed?: boolean;
  method?: 'HEAD' | 'GET' | 'crawl' | 'browser';
}

/** A link target with where it appears, for site-level link checks. */
export interface LinkTarget {
  url: string;
  facts: TargetFacts;
  /** A few pages carrying the link (homepage first), with anchor and tag. */
  occurrences: { page: string; anchor: string; tag: string; hidden?: string }[];
  /** A few occurrences inside content hidden by CSS (暗链 candidates), with the hiding trick. */
  hiddenOccurrences: { page: string; anchor: string; tag: string; hidden: string }[];
  pageCount: number;
  onHomepage: boolean;
  sameSite: boolean;
}

/** Everything a check may use, passed in rather than imported (so clocks and dictionaries are testable). */
export interface CheckContext {
  site: SiteConfig;
  config: AppConfig;
  now: Date;
  log: Logger;
  /** The guarded HTTP client of the run (for checks that read pages themselves, e.g. column lists). */
  http: HttpClient;
  /** Process-wide services built once (dictionaries, segmenter …), keyed by name. */
  services: CheckServices;
}

/** Heavy shared services. Each stage that needs one adds an optional field here and builds it in services.ts. */
export interface CheckServices {
  [name: string]: unknown;
}

/** Inputs for checks that judge a whole site after its crawl. */
export interface SiteInput {
  runId: number;
  homepage: string;
  /** Link targets found in this run, with their facts. An async iterable so 100,000-page sites stay in bounds. */
  linkTargets(): AsyncIterable<LinkTarget>;
}

/**
 * A check: one file in src/checks/, listed once in checks/index.ts.
 * It may look at each page, each attachment, and/or the whole site after the crawl.
 */
export interface Check {
  id: string;
  /** Chinese name shown to supervisors, e.g. 断链. */
  title: string;
  /** One sentence on what is reported and when. */
  description: string;
  /** The settings key under `checks:` in the config that turns it on/off, e.g. `links`. */
  group: string;
  onPage?(page: PageSnapshot, ctx: CheckContext): FindingDraft[];
  onAttachment?(doc: AttachmentSnapshot, ctx: CheckContext): Promise<FindingDraft[]>;
  onSite?(site: SiteInput, ctx: CheckContext): Promise<FindingDraft[]>;
}
