// crawl stage: the nightly job over the configured sites — one self-contained site crawl after another, sharing
// the resolver, HTTP client and check services of the process.
import type { Check } from '../checks/index.ts';
import { CHECKS, createServices } from '../checks/index.ts';
import type { LoadedConfig } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { Store } from '../storage/index.ts';
import { HttpClient } from './http-client.ts';
import { Resolver } from './resolver.ts';
import { crawlSite, type CrawlProgress, type SiteCrawlResult } from './site-crawl.ts';

export interface RunCrawlOptions {
  config: LoadedConfig;
  store: Store;
  log: Logger;
  now: Date;
  siteIds?: string[];
  /** Checks to run; defaults to every registered check whose group is enabled in the config. */
  checks?: readonly Check[];
  onProgress?(p: CrawlProgress): void;
  /** Environment (for $GOVHEALTH_CHROMIUM); defaults to the process's. */
  env?: Record<string, string | undefined>;
}

export interface SiteOutcome {
  siteId: string;
  result?: SiteCrawlResult;
  error?: string;
}

/** The registered checks whose config group is not turned off. */
export function enabledChecks(config: LoadedConfig): Check[] {
  const groups = config.checks as Record<string, { enabled?: boolean } | undefined>;
  return CHECKS.filter((c) => groups[c.group]?.enabled !== false);
}

/** Crawls the selected sites one after another. A failing site is reported and the others still run. */
export async function runCrawl(options: RunCrawlOptions): Promise<SiteOutcome[]> {
  const { config, store, log, now } = options;
  const sites = options.siteIds ? config.sites.filter((s) => options.siteIds!.includes(s.id)) : config.sites;
  const checks = options.checks ?? enabledChecks(config);
  const resolver = new Resolver(config.network);
  const http = new HttpClient(config.network, resolver);
  const services = await createServices(config);
  const outcomes: SiteOutcome[] = [];
  try {
    for (const site of sites) {
      try {
        const result = await crawlSite({ site, config, store, http, checks, services, now, log, onProgress: options.onProgress, env: options.env });
        outcomes.push({ siteId: site.id, result });
      } catch (err) {
        log.error({ err, site: site.id }, 'site crawl failed; its findings so far are kept and the crawl resumes next run');
        outcomes.push({ siteId: site.id, error: (err as Error).message });
      }
    }
  } finally {
    await http.close();
  }
  return outcomes;
}
