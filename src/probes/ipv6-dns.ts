// probes stage: can an IPv6-only client resolve the site? The authoritative name servers of the host's zone
// must have AAAA records and answer over IPv6 (national monitoring item 4). Reported as data on the homepage host.
import { promises as dnsPromises } from 'node:dns';
import type { AddressGuard } from '../crawl/index.ts';
import type { RouteCache } from './ipv6-route.ts';

/** One authoritative name server and whether it answered over IPv6. */
export interface NameserverResult {
  name: string;
  aaaa: string[];
  /** The IPv6 address queried. */
  address?: string;
  answered: boolean;
  error?: string;
}

/**
 * - `ok`: at least one name server of the zone answered over IPv6;
 * - `no-ipv6-nameserver`: no name server of the zone has an AAAA record;
 * - `unreachable`: name servers have AAAA records but none answered over IPv6;
 * - `not-measurable`: no zone found, lookups failed, or no IPv6 route to the name servers.
 */
export interface DnsOverIpv6 {
  status: 'ok' | 'no-ipv6-nameserver' | 'unreachable' | 'not-measurable';
  zone?: string;
  nameservers: NameserverResult[];
  reason?: string;
}

export interface DnsProbeDeps {
  /** The configured DNS servers (empty: the system's), used to find the zone and the name servers' AAAA. */
  dnsServers: string[];
  guard: AddressGuard;
  routes: RouteCache;
  timeoutMs: number;
  /** Port the name servers are asked on: 53, except in tests. */
  port: number;
}

const MAX_NAMESERVERS = 4;
const codeOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The closest enclosing zone of a host that has NS records, walking up its labels (never a single label). */
async function findZone(resolver: dnsPromises.Resolver, host: string): Promise<{ zone: string; ns: string[] } | { error: string }> {
  const labels = host.split('.');
  for (let i = 0; i + 2 <= labels.length; i++) {
    const name = labels.slice(i).join('.');
    try {
      const ns = await resolver.resolveNs(name);
      if (ns.length) return { zone: name, ns: ns.map((n) => n.toLowerCase()).sort().slice(0, MAX_NAMESERVERS) };
    } catch (err) {
      const code = codeOf(err);
      if (code !== 'ENODATA' && code !== 'ENOTFOUND') return { error: code };
    }
  }
  return { error: 'no NS records found' };
}

/** Asks one name server over IPv6 for the host's AAAA; any DNS answer (data, NODATA, NXDOMAIN) counts. */
async function askOverIpv6(address: string, host: string, deps: DnsProbeDeps): Promise<string | undefined> {
  const direct = new dnsPromises.Resolver({ timeout: deps.timeoutMs, tries: 1 });
  direct.setServers([`[${address}]:${deps.port}`]);
  try {
    await direct.resolve6(host);
    return undefined;
  } catch (err) {
    const code = codeOf(err);
    return code === 'ENODATA' || code === 'ENOTFOUND' ? undefined : code;
  }
}

/** Measures whether the host resolves for an IPv6-only client. */
export async function probeDnsOverIpv6(host: string, deps: DnsProbeDeps): Promise<DnsOverIpv6> {
  const resolver = new dnsPromises.Resolver({ timeout: deps.timeoutMs, tries: 2 });
  if (deps.dnsServers.length) resolver.setServers(deps.dnsServers);
  const found = await findZone(resolver, host);
  if ('error' in found) return { status: 'not-measurable', nameservers: [], reason: `找不到 ${host} 的权威域名服务器（${found.error}）` };

  const nameservers: NameserverResult[] = [];
  for (const name of found.ns) {
    let aaaa: string[] = [];
    try {
      aaaa = await resolver.resolve6(name);
    } catch (err) {
      const code = codeOf(err);
      if (code !== 'ENODATA' && code !== 'ENOTFOUND') {
        nameservers.push({ name, aaaa, answered: false, error: code });
        continue;
      }
    }
    const address = aaaa.find((a) => deps.guard.permits(a));
    if (!aaaa.length || !address) {
      nameservers.push({ name, aaaa, answered: false, ...(aaaa.length ? { error: 'private-address' } : {}) });
      continue;
    }
    if (!(await deps.routes.has(address))) {
      nameservers.push({ name, aaaa, address, answered: false, error: 'no-route' });
      continue;
    }
    const error = await askOverIpv6(address, host, deps);
    nameservers.push({ name, aaaa, address, answered: !error, ...(error ? { error } : {}) });
  }

  const zone = found.zone;
  const queried = nameservers.filter((n) => n.address);
  const lookupFailed = nameservers.filter((n) => !n.address && n.error && n.error !== 'private-address');
  if (nameservers.some((n) => n.answered)) return { status: 'ok', zone, nameservers };
  if (nameservers.every((n) => !n.aaaa.length && !n.error)) {
    return { status: 'no-ipv6-nameserver', zone, nameservers, reason: `${zone} 的权威域名服务器均无 AAAA 记录：纯 IPv6 网络无法解析` };
  }
  if (lookupFailed.length === nameservers.length) {
    return { status: 'not-measurable', zone, nameservers, reason: `权威域名服务器的 AAAA 记录查询失败（${lookupFailed[0]!.error}）` };
  }
  if (queried.length && queried.every((n) => n.error === 'no-route')) {
    return { status: 'not-measurable', zone, nameservers, reason: '探测机没有到权威域名服务器的 IPv6 路由' };
  }
  return { status: 'unreachable', zone, nameservers, reason: `${zone} 的权威域名服务器有 AAAA 记录，但经 IPv6 不应答：纯 IPv6 网络无法解析` };
}
