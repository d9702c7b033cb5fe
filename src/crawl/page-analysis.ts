// crawl stage: what is worked out from a fetched page's HTML — parse, soft-404 facts, links, the page checks and
// the content hash — whichever crawler fetched it.
import { createHash } from 'node:crypto';
import type { Check, CheckContext, FindingDraft, LinkOccurrence, PageSnapshot, TargetFacts } from '../checks/index.ts';
import type { ColumnConfig, SiteConfig } from '../config/index.ts';
import { pageTextFacts } from './link-prober.ts';
import { parsePage, releaseDocument, type ParsedPage } from './page-parser.ts';
import { normalizeUrl } from './url.ts';

/** A fetched page as handed over by either crawler; `url` and `finalUrl` are normalised. */
export interface PageInput {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  html: string;
  depth: number;
  renderedBy: 'http' | 'browser';
}

/** What a page check threw (the page is recorded without that check's findings). */
export interface CheckFailure {
  check: string;
  err: unknown;
}

export interface PageAnalysis {
  /** Title, visible text length and start (HTML pages only). */
  textFacts?: Pick<TargetFacts, 'title' | 'textLength' | 'textStart'>;
  /** The page's links: only when its checks ran (an HTML page under 400 that is not a redirect to another page). */
  links: LinkOccurrence[];
  drafts: FindingDraft[];
  failures: CheckFailure[];
  /** SHA-1 of the decoded HTML. */
  contentHash: string;
}

/** Whether a Content-Type is parsed as HTML (an empty one is tried). */
export function isHtmlType(contentType: string): boolean {
  return /html|xml/i.test(contentType) || contentType === '';
}

/** The configured column (栏目) a URL belongs to: the one with the longest folder prefix. */
export function columnOf(site: SiteConfig, url: string): ColumnConfig | undefined {
  let best: { name: string; len: number } | undefined;
  for (const c of site.columns) {
    const dir = c.url.replace(/[^/]*$/, '');
    if (url.startsWith(dir) && (!best || dir.length > best.len)) best = { name: c.name, len: dir.length };
  }
  return best ? site.columns.find((c) => c.name === best!.name) : undefined;
}

/**
 * Parses a page and, when `runChecks`, runs the page checks over it. Check failures are returned, not thrown;
 * anything else that throws (a parser bug) fails the page, which the crawler then retries.
 */
export function analysePage(p: PageInput, runChecks: boolean, checks: readonly Check[], ctx: CheckContext): PageAnalysis {
  const parsed = isHtmlType(p.contentType) ? parsePage(p.html, p.finalUrl) : undefined;
  const analysis: PageAnalysis = { links: [], drafts: [], failures: [], contentHash: createHash('sha1').update(p.html).digest('hex') };
  if (!parsed) return analysis;
  try {
    analysis.textFacts = pageTextFacts(parsed.$);
    if (runChecks && p.status < 400) runPageChecks(p, parsed, checks, ctx, analysis);
  } finally {
    // Nothing reads the document after this: what the checks keep are strings and plain objects.
    releaseDocument(parsed.$);
  }
  return analysis;
}

function runPageChecks(p: PageInput, parsed: ParsedPage, checks: readonly Check[], ctx: CheckContext, analysis: PageAnalysis): void {
  const column = columnOf(ctx.site, p.url);
  const snapshot: PageSnapshot = {
    url: p.url,
    finalUrl: p.finalUrl,
    status: p.status,
    contentType: p.contentType,
    html: p.html,
    $: parsed.$,
    title: parsed.title,
    depth: p.depth,
    isHomepage: p.url === normalizeUrl(ctx.site.homepage),
    ...(column ? { column } : {}),
    renderedBy: p.renderedBy,
    links: parsed.links,
  };
  (snapshot as PageSnapshot & { parsed: typeof parsed }).parsed = parsed;
  for (const check of checks) {
    if (!check.onPage) continue;
    try {
      analysis.drafts.push(...check.onPage(snapshot, ctx).map((d) => ({ ...d, ...(column && !d.column ? { column: column.name } : {}) })));
    } catch (err) {
      analysis.failures.push({ check: check.id, err });
    }
  }
  analysis.links = parsed.links;
}
