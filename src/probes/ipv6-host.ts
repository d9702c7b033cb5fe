// probes stage: measures one host — AAAA and A records with the configured DNS servers, repeated homepage
// fetches pinned to IPv6 and to IPv4, the success rate, timings, and whether both families serve the same page.
import type { Resolver } from '../crawl/index.ts';
import type { Ipv6Settings } from '../config/schema-ipv6.ts';
import { compareDigests, digestPage, type PageDigest } from './ipv6-content.ts';
import { failureKind, type FamilyClients } from './ipv6-client.ts';
import { probeDnsOverIpv6 } from './ipv6-dns.ts';
import type { RouteCache } from './ipv6-route.ts';
import type { HostResult, ProbeSample, ProbeSeries } from './ipv6-types.ts';

/** What measuring a host needs, passed in. */
export interface HostProbeDeps {
  resolver: Resolver;
  clients: FamilyClients;
  routes: RouteCache;
  settings: Ipv6Settings;
  /** The configured DNS servers, for the name-server check of the homepage host. */
  dnsServers: string[];
  /** Port the zone's name servers are asked on over IPv6 (53; tests use a stub's port). */
  dnsPort: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Median of a non-empty list. */
export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One homepage fetch; a status ≥ 400 (after redirects) or no answer is a failed probe. */
async function fetchSample(client: FamilyClients['v6'], url: string): Promise<{ sample: ProbeSample; digest?: PageDigest }> {
  try {
    const r = await client.fetch(url, { headers: { connection: 'close' }, maxBytes: 2 * 1024 * 1024 });
    const sample: ProbeSample = { status: r.status, ttfbMs: round(r.ttfbMs), totalMs: round(r.totalMs) };
    if (r.status >= 400) return { sample: { ...sample, error: `http-${r.status}` } };
    return { sample, digest: digestPage(r.status, r.body, r.headers['content-type']) };
  } catch (err) {
    const kind = failureKind(err);
    return { sample: { error: kind, message: (err as Error).message } };
  }
}

function series(family: 4 | 6, samples: ProbeSample[]): ProbeSeries {
  const ok = samples.filter((s) => !s.error);
  const ttfb = median(ok.map((s) => s.ttfbMs!));
  const total = median(ok.map((s) => s.totalMs!));
  return {
    family,
    attempts: samples.length,
    successes: ok.length,
    successRate: samples.length ? ok.length / samples.length : 0,
    ...(ttfb !== undefined ? { ttfbMedianMs: round(ttfb) } : {}),
    ...(total !== undefined ? { totalMedianMs: round(total) } : {}),
    samples,
  };
}

async function records(resolver: Resolver, host: string, family: 4 | 6): Promise<{ list: string[]; error?: string }> {
  try {
    return { list: family === 6 ? await resolver.resolve6(host) : await resolver.resolve4(host) };
  } catch (err) {
    return { list: [], error: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
}

/** The most frequent failure of a series, for messages. */
function mainError(s: ProbeSeries): string | undefined {
  const counts = new Map<string, number>();
  for (const x of s.samples) if (x.error) counts.set(x.error, (counts.get(x.error) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Measures one host of a site by fetching `url` (a URL on that host) over IPv6 and IPv4. */
export async function probeHost(host: string, url: string, isHomepageHost: boolean, deps: HostProbeDeps): Promise<HostResult> {
  const { resolver, clients, routes, settings } = deps;
  const [v6rec, v4rec] = await Promise.all([records(resolver, host, 6), records(resolver, host, 4)]);
  const base = { host, url, isHomepageHost, aaaa: v6rec.list, a: v4rec.list };

  if (v6rec.error) {
    return {
      ...base,
      status: 'not-measurable',
      notMeasurable: 'dns',
      reason: `AAAA 记录查询失败（${v6rec.error}），无法判断`,
    };
  }
  if (!v6rec.list.length) return { ...base, status: 'no-aaaa', reason: '没有 AAAA 记录（未支持 IPv6）' };

  const permitted = v6rec.list.filter((a) => resolver.guard.permits(a));
  if (!permitted.length) {
    return {
      ...base,
      status: 'unreachable',
      reason: `AAAA 记录指向内网、回环或链路本地地址 ${v6rec.list[0]}，IPv6 用户无法访问`,
      v6: series(6, [{ error: 'private-address', message: `refused to connect to ${v6rec.list[0]}` }]),
    };
  }
  const address = permitted[0]!;
  if (!(await routes.has(address))) {
    return {
      ...base,
      address,
      status: 'not-measurable',
      notMeasurable: 'no-route',
      reason: '探测机没有 IPv6 路由，无法测量 IPv6 可达性',
    };
  }

  const dns6 = isHomepageHost
    ? await probeDnsOverIpv6(host, { dnsServers: deps.dnsServers, guard: resolver.guard, routes, timeoutMs: 2000, port: deps.dnsPort })
    : undefined;

  const v6samples: ProbeSample[] = [];
  const v4samples: ProbeSample[] = [];
  let v6digest: PageDigest | undefined;
  let v4digest: PageDigest | undefined;
  for (let i = 0; i < settings.probes; i++) {
    const r6 = await fetchSample(clients.v6, url);
    v6samples.push(r6.sample);
    v6digest ??= r6.digest;
    if (v4rec.list.length) {
      const r4 = await fetchSample(clients.v4, url);
      v4samples.push(r4.sample);
      v4digest ??= r4.digest;
    }
  }
  const v6 = series(6, v6samples);
  const v4 = v4rec.list.length ? series(4, v4samples) : undefined;
  const measured = { ...base, address, v6, ...(v4 ? { v4 } : {}), ...(dns6 ? { dns6 } : {}) };

  if (v4 && v4.successes === 0 && v6.successes === 0) {
    return {
      ...measured,
      status: 'not-measurable',
      notMeasurable: 'ipv4-down',
      reason: `IPv4 与 IPv6 均无法访问（${mainError(v4) ?? '未知'}），属站点可用性问题，不计为 IPv6 问题`,
    };
  }

  const consistency = v6digest && v4digest ? compareDigests(v6digest, v4digest, settings.contentTolerance) : undefined;
  const latencyRatio =
    v6.totalMedianMs !== undefined && v4?.totalMedianMs !== undefined && v4.totalMedianMs > 0
      ? Math.round((v6.totalMedianMs / v4.totalMedianMs) * 100) / 100
      : undefined;
  const ok = v6.successRate >= settings.minSuccessRate;
  return {
    ...measured,
    status: ok ? 'ok' : 'unreachable',
    ...(ok
      ? {}
      : {
          reason:
            v6.successes === 0
              ? `有 AAAA 记录（${address}），但经 IPv6 无法访问（${mainError(v6) ?? '未知'}）`
              : `有 AAAA 记录（${address}），IPv6 访问成功率 ${Math.round(v6.successRate * 100)}%（${mainError(v6) ?? '未知'}）`,
        }),
    ...(consistency ? { consistency } : {}),
    ...(latencyRatio !== undefined ? { latencyRatio } : {}),
  };
}
