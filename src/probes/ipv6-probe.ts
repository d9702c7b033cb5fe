// probes stage: the IPv6 probe of sites, as the national IPv6 monitoring measures it — per host AAAA, IPv6
// reachability, success rate, consistency with IPv4 and latency; per site the 二级/三级 link support rates
// from the latest crawl; findings of the ipv6.* checks; results and findings stored as an `ipv6` run.
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { siteHosts, type AppConfig, type SiteConfig } from '../config/index.ts';
import { Resolver } from '../crawl/index.ts';
import type { Store } from '../storage/index.ts';
import type { Check } from '../checks/check.ts';
import { createFamilyClients, type FamilyClients } from './ipv6-client.ts';
import { probeHost } from './ipv6-host.ts';
import { linkLevelsFromCrawl } from './ipv6-link-levels.ts';
import { measureLevel } from './ipv6-link-support.ts';
import { RouteCache, type RouteCheck } from './ipv6-route.ts';
import type { HostResult, Ipv6Check, Ipv6RunResult, SiteIpv6Result, SiteVerdict } from './ipv6-types.ts';

/** What a probe run needs, passed in (the route check and clock are what tests replace). */
export interface Ipv6ProbeDeps {
  config: AppConfig;
  /** The ipv6.* checks of the registry (see `ipv6Checks`). */
  checks: readonly Ipv6Check[];
  /** Where the crawl's link graph is read and results are stored; without it, homepages only and nothing stored. */
  store?: Store;
  now: Date;
  log?: Logger;
  /** Whether the probing machine can route to an IPv6 address; defaults to asking the kernel. */
  routeCheck?: RouteCheck;
  /** Port the zones' name servers are asked on over IPv6; 53 unless a test points it at a stub. */
  dnsPort?: number;
}

/** The checks of a registry whose findings come from this probe. */
export function ipv6Checks(registry: readonly Check[]): Ipv6Check[] {
  return registry.filter((c): c is Ipv6Check => c.group === 'ipv6' && typeof (c as Partial<Ipv6Check>).fromProbe === 'function');
}

/** The root URL of another host of the site: the homepage's scheme and port, path `/`. */
function hostRoot(homepage: string, host: string): string {
  const u = new URL(homepage);
  u.hostname = host;
  u.pathname = '/';
  u.search = '';
  u.hash = '';
  return u.href;
}

function verdictOf(home: HostResult | undefined, findings: number): SiteVerdict {
  if (!home || home.status === 'not-measurable') return 'not-measurable';
  if (home.status !== 'ok') return 'unsupported';
  return findings ? 'partial' : 'supported';
}

interface SiteRunContext {
  deps: Ipv6ProbeDeps;
  resolver: Resolver;
  clients: FamilyClients;
  routes: RouteCache;
}

/** Measures one site. */
async function probeSite(site: SiteConfig, ctx: SiteRunContext): Promise<SiteIpv6Result> {
  const { deps } = ctx;
  const settings = deps.config.checks.ipv6;
  const hosts: HostResult[] = [];
  const homeHost = new URL(site.homepage).hostname.toLowerCase();
  for (const host of siteHosts(site)) {
    const url = host === homeHost ? site.homepage : hostRoot(site.homepage, host);
    const dns = { dnsServers: deps.config.network.dnsServers, dnsPort: deps.dnsPort ?? 53 };
    hosts.push(await probeHost(host, url, host === homeHost, { ...ctx, settings, ...dns }));
  }
  const home = hosts.find((h) => h.isHomepageHost);
  const notes: string[] = [];
  let links: SiteIpv6Result['links'];
  if (home?.status === 'ok') {
    const levels = deps.store ? linkLevelsFromCrawl(deps.store, site, settings.maxLinksPerLevel) : undefined;
    if (!levels) {
      notes.push('没有已完成的爬取，无法得到二级/三级链接：仅测量首页');
    } else {
      const [level2, level3] = [
        await measureLevel(2, levels.level2, ctx.clients.v6, settings.level2Threshold, settings.concurrency),
        await measureLevel(3, levels.level3, ctx.clients.v6, settings.level3Threshold, settings.concurrency),
      ];
      links = { crawlRunId: levels.crawlRunId, level2, level3 };
    }
  } else if (home?.status === 'not-measurable') {
    notes.push(`首页无法测量：${home.reason ?? ''}`);
  } else {
    notes.push('首页不支持 IPv6，未测二级/三级链接');
  }
  if (home?.dns6 && (home.dns6.status === 'no-ipv6-nameserver' || home.dns6.status === 'unreachable')) notes.push(home.dns6.reason!);
  const measured = {
    siteId: site.id,
    name: site.name,
    level: site.level,
    homepage: site.homepage,
    measuredAt: deps.now.toISOString(),
    hosts,
    ...(links ? { links } : {}),
    notes,
  };
  const findings = deps.checks.flatMap((c) => c.fromProbe(measured, settings));
  return { ...measured, verdict: verdictOf(home, findings.length), findings };
}

/** Stores a site's result and findings as a finished `ipv6` run; resolves only what was actually measured. */
function record(store: Store, result: SiteIpv6Result, checks: readonly Ipv6Check[], startedAt: Date, now: Date): void {
  const ids = checks.map((c) => c.id);
  const run = store.runs.start(result.siteId, 'ipv6', startedAt, now, ids);
  store.ipv6.record(run.id, result);
  store.findings.record(result.siteId, run.id, now, result.findings);
  if (result.verdict !== 'not-measurable') {
    // Host-keyed checks are resolved only when every host was measured; the links check when the levels were.
    const allHosts = result.hosts.every((h) => h.status !== 'not-measurable');
    const measured = ids.filter((id) => (id === 'ipv6.links' ? !!result.links || result.verdict === 'unsupported' : allHosts));
    store.findings.resolveUnseen(result.siteId, run.id, measured, now);
  }
  store.runs.finish(run.id, 'done', new Date(), {
    verdict: result.verdict,
    findings: result.findings.length,
    level2Rate: result.links?.level2.rate ?? null,
    level3Rate: result.links?.level3.rate ?? null,
  });
}

/**
 * Probes the sites, `checks.ipv6.siteConcurrency` at a time, and returns every result in registry order. When
 * the machine has no route to some IPv6 address, `notice` says so once and the hosts concerned are
 * `not-measurable`, never failing.
 */
export async function probeIpv6(sites: readonly SiteConfig[], deps: Ipv6ProbeDeps): Promise<Ipv6RunResult> {
  const settings = deps.config.checks.ipv6;
  const resolver = new Resolver(deps.config.network);
  const clients = createFamilyClients(deps.config.network, settings.timeoutMs ?? deps.config.network.timeoutMs);
  const routes = new RouteCache(deps.routeCheck);
  const log = deps.log?.child({ module: 'ipv6' });
  const queue = new PQueue({ concurrency: settings.siteConcurrency });
  let results: SiteIpv6Result[];
  try {
    results = await Promise.all(
      sites.map((site) =>
        queue.add(async () => {
          const startedAt = new Date();
          const result = await probeSite(site, { deps, resolver, clients, routes });
          log?.info({ site: site.id, verdict: result.verdict, findings: result.findings.length }, 'ipv6 probe done');
          if (deps.store) record(deps.store, result, deps.checks, startedAt, deps.now);
          return result;
        }),
      ),
    );
  } finally {
    await clients.close();
  }
  const unrouted = await routes.unrouted();
  const affected = results.filter((r) => r.hosts.some((h) => h.notMeasurable === 'no-route')).length;
  const notice = unrouted.length
    ? `本机没有到 IPv6 地址的路由（${unrouted.slice(0, 3).join('、')}${unrouted.length > 3 ? ' 等' : ''}）：IPv6 可达性无法测量，${affected} 个站点标为"无法测量"而非不支持`
    : undefined;
  if (notice) log?.warn({ unrouted }, 'no IPv6 route on the probing machine: reachability not measurable');
  return { measuredAt: deps.now.toISOString(), unrouted, ...(notice ? { notice } : {}), sites: results };
}
