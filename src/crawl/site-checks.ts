// crawl stage: after a site's pages and links are in, the site-level checks run over the stored link targets.
import type { Check, CheckContext, FindingDraft, LinkTarget, SiteInput } from '../checks/index.ts';
import { siteHosts, type SiteConfig } from '../config/index.ts';
import type { Store } from '../storage/index.ts';
import { normalizeUrl } from './url.ts';

const BATCH = 500;

export interface SiteChecksOptions {
  store: Store;
  runId: number;
  site: SiteConfig;
  checks: readonly Check[];
  ctx: CheckContext;
  judgedAt: Date;
}

/** Runs every check's onSite and stores the findings. Returns how many drafts were recorded. */
export async function runSiteChecks(options: SiteChecksOptions): Promise<number> {
  const { store, runId, site, checks, ctx, judgedAt } = options;
  const input = siteInput(store, runId, site);
  let count = 0;
  for (const check of checks) {
    if (!check.onSite) continue;
    let drafts: FindingDraft[];
    try {
      drafts = await check.onSite(input, ctx);
    } catch (err) {
      ctx.log.error({ err, check: check.id }, 'a site check failed; its findings of this run are missing');
      continue;
    }
    if (drafts.length) store.findings.record(site.id, runId, judgedAt, drafts);
    count += drafts.length;
  }
  return count;
}

/**
 * The site input over a stored run whose link targets are summarised (`PageStore.summariseTargets`): they are
 * read in batches, so a huge site stays in bounded memory.
 */
export function siteInput(store: Store, runId: number, site: SiteConfig): SiteInput {
  const homepage = normalizeUrl(site.homepage);
  const hosts = siteHosts(site);
  return {
    runId,
    homepage,
    async *linkTargets(): AsyncIterable<LinkTarget> {
      let after = '';
      for (;;) {
        const batch = store.pages.targetBatch(runId, after, BATCH);
        if (!batch.length) return;
        after = batch[batch.length - 1]!.target;
        for (const t of batch) {
          if (!t.facts) continue;
          let host = '';
          try {
            host = new URL(t.target).hostname.toLowerCase();
          } catch {
            /* stored targets are valid URLs */
          }
          yield {
            url: t.target,
            facts: t.facts,
            occurrences: t.occurrences,
            hiddenOccurrences: t.hiddenOccurrences,
            pageCount: t.pageCount,
            onHomepage: t.onHomepage,
            sameSite: hosts.includes(host),
          };
        }
      }
    },
  };
}
