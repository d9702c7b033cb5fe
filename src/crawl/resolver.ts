// crawl stage: the one name resolver of the product — static hosts map, then the configured DNS servers — with
// the address guard applied to every answer. Used by the crawler, the link prober, the browser and the probes.
import { promises as dnsPromises, lookup as systemLookup } from 'node:dns';
import { isIP } from 'node:net';
import type { NetworkConfig } from '../config/index.ts';
import { BlockedAddressError } from '../errors/index.ts';
import { AddressGuard } from './address-guard.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void;

/** A `dns.lookup`-compatible function, for undici's `connect.lookup` and got's `dnsLookup`. */
export type LookupFunction = (hostname: string, options: unknown, callback: LookupCallback) => void;

/** Name resolution with the product's DNS servers, hosts map and address guard. */
export class Resolver {
  private readonly resolver?: dnsPromises.Resolver;
  private readonly hosts: Map<string, string>;
  readonly guard: AddressGuard;
  private readonly cache = new Map<string, { at: number; value: Promise<ResolvedAddress[]> }>();

  constructor(network: Pick<NetworkConfig, 'dnsServers' | 'hosts' | 'allowPrivate'>, private readonly cacheMs = 60_000) {
    this.hosts = new Map(Object.entries(network.hosts).map(([k, v]) => [k.toLowerCase(), v]));
    this.guard = new AddressGuard(network.allowPrivate);
    if (network.dnsServers.length) {
      this.resolver = new dnsPromises.Resolver({ timeout: 2000, tries: 2 });
      this.resolver.setServers(network.dnsServers);
    }
  }

  /** All addresses of a name (IPv4 first), unguarded. Throws an ENOTFOUND-style error when there are none. */
  resolveAll(hostname: string): Promise<ResolvedAddress[]> {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const hit = this.cache.get(host);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const value = this.lookupUncached(host);
    this.cache.set(host, { at: Date.now(), value });
    value.catch(() => this.cache.delete(host));
    return value;
  }

  /** The AAAA records of a name, with the configured servers (empty array when the name has none). */
  async resolve6(hostname: string): Promise<string[]> {
    const host = hostname.toLowerCase();
    const mapped = this.hosts.get(host);
    if (mapped) return isIP(mapped) === 6 ? [mapped] : [];
    try {
      if (this.resolver) return await this.resolver.resolve6(host);
      return await dnsPromises.resolve6(host);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENODATA') return [];
      throw err;
    }
  }

  /** The A records of a name (empty array when it has none). */
  async resolve4(hostname: string): Promise<string[]> {
    const host = hostname.toLowerCase();
    const mapped = this.hosts.get(host);
    if (mapped) return isIP(mapped) === 4 ? [mapped] : [];
    try {
      if (this.resolver) return await this.resolver.resolve4(host);
      return await dnsPromises.resolve4(host);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENODATA') return [];
      throw err;
    }
  }

  /** Addresses the product may connect to; throws BlockedAddressError when every address is refused. */
  async resolveGuarded(hostname: string): Promise<ResolvedAddress[]> {
    const all = await this.resolveAll(hostname);
    const ok = all.filter((a) => this.guard.permits(a.address));
    if (!ok.length) throw new BlockedAddressError(hostname, all[0]!.address);
    return ok;
  }

  /** A dns.lookup-compatible function applying the guard, for HTTP clients. */
  lookupFunction(): LookupFunction {
    return (hostname, options, callback) => {
      const opts = (typeof options === 'object' && options ? options : {}) as { all?: boolean; family?: number };
      this.resolveGuarded(hostname).then(
        (addresses) => {
          const wanted = opts.family === 4 || opts.family === 6 ? addresses.filter((a) => a.family === opts.family) : addresses;
          const list = wanted.length ? wanted : addresses;
          if (opts.all) callback(null, list);
          else callback(null, list[0]!.address, list[0]!.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, ''),
      );
    };
  }

  private async lookupUncached(host: string): Promise<ResolvedAddress[]> {
    const literal = isIP(host);
    if (literal) return [{ address: host, family: literal as 4 | 6 }];
    const mapped = this.hosts.get(host);
    if (mapped) return [{ address: mapped, family: (isIP(mapped) || 4) as 4 | 6 }];
    if (!this.resolver) {
      return new Promise((resolve, reject) =>
        systemLookup(host, { all: true }, (err, addrs) =>
          err ? reject(err) : resolve(addrs.map((a) => ({ address: a.address, family: a.family as 4 | 6 }))),
        ),
      );
    }
    const [v4, v6] = await Promise.allSettled([this.resolver.resolve4(host), this.resolver.resolve6(host)]);
    const out: ResolvedAddress[] = [];
    if (v4.status === 'fulfilled') out.push(...v4.value.map((address) => ({ address, family: 4 as const })));
    if (v6.status === 'fulfilled') out.push(...v6.value.map((address) => ({ address, family: 6 as const })));
    if (!out.length) {
      const reason = v4.status === 'rejected' ? (v4.reason as NodeJS.ErrnoException) : undefined;
      const err = new Error(`getaddrinfo ENOTFOUND ${host}`) as NodeJS.ErrnoException;
      err.code = reason?.code === 'ETIMEOUT' ? 'ETIMEOUT' : 'ENOTFOUND';
      (err as { hostname?: string }).hostname = host;
      throw err;
    }
    return out;
  }
}
