// probes stage: the 二级 and 三级 links of a site — same-site pages one and two clicks below the homepage —
// read from the link graph of the site's latest finished crawl.
import { isInScope, siteHosts, type SiteConfig } from '../config/index.ts';
import type { Store } from '../storage/index.ts';

/** A link level's URLs, and those left out because they fail over IPv4 as well (the links check reports those). */
export interface LevelLinks {
  /** Same-site URLs at this level, sorted, after sampling. */
  urls: string[];
  /** How many there were before sampling. */
  found: number;
  /** URLs the crawl saw failing (status ≥ 400 or no answer): not an IPv6 question, left out of the rate. */
  brokenOverIpv4: string[];
}

export interface LinkLevels {
  crawlRunId: number;
  level2: LevelLinks;
  level3: LevelLinks;
}

const LINK_TAGS = new Set(['a', 'area']);

function withoutFragment(url: string): string | undefined {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** Evenly spaced sample of a sorted list, keeping the order (deterministic). */
export function sampleEvenly<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.floor((i * items.length) / max)]!);
  return out;
}

/**
 * The link levels of a site from its latest finished crawl, or undefined when the site has never been crawled
 * to the end (the probe then measures the homepage only and says so).
 */
export function linkLevelsFromCrawl(store: Store, site: SiteConfig, maxPerLevel: number): LinkLevels | undefined {
  const run = store.runs.latestDone(site.id, 'crawl');
  if (!run) return undefined;
  const hosts = siteHosts(site);
  const pages = new Map(store.pages.pages(run.id).map((p) => [p.url, p]));
  const home = withoutFragment(site.homepage)!;
  const homePage = pages.get(home) ?? [...pages.values()].find((p) => p.depth === 0);
  const seen = new Set<string>([home]);
  if (homePage) {
    seen.add(homePage.url);
    if (homePage.finalUrl) seen.add(homePage.finalUrl);
  }

  const targetsOf = (url: string): string[] => {
    const page = pages.get(url);
    const sources = [url, ...(page?.finalUrl && page.finalUrl !== url ? [page.finalUrl] : [])];
    const out: string[] = [];
    for (const source of sources) {
      for (const link of store.pages.linksFrom(run.id, source)) {
        if (!LINK_TAGS.has(link.tag)) continue;
        const target = withoutFragment(link.targetUrl);
        if (target && isInScope(site, target, hosts)) out.push(target);
      }
    }
    return out;
  };

  const nextLevel = (sources: string[]): string[] => {
    const level = new Set<string>();
    for (const source of sources) for (const t of targetsOf(source)) if (!seen.has(t)) level.add(t);
    for (const t of level) seen.add(t);
    return [...level].sort();
  };

  const brokenOverIpv4 = (url: string): boolean => {
    const page = pages.get(url);
    if (page) return page.error !== undefined || (page.status !== undefined && page.status >= 400);
    const facts = store.pages.target(run.id, url);
    if (!facts) return false;
    return facts.outcome === 'error' || (facts.status !== undefined && facts.status >= 400);
  };

  const describe = (all: string[]): LevelLinks => {
    const broken = all.filter(brokenOverIpv4);
    const skip = new Set(broken);
    const usable = all.filter((u) => !skip.has(u));
    return { urls: sampleEvenly(usable, maxPerLevel), found: usable.length, brokenOverIpv4: broken };
  };

  const level2All = nextLevel([homePage?.url ?? home]);
  const level3All = nextLevel(level2All);
  return { crawlRunId: run.id, level2: describe(level2All), level3: describe(level3All) };
}
