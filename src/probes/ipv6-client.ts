// probes stage: HTTP clients pinned to one address family, so a URL is fetched over IPv6 (or IPv4) only —
// connecting to the host's AAAA (or A) address while sending its own Host header and TLS SNI.
import type { NetworkConfig } from '../config/index.ts';
import { FetchError, HttpClient, Resolver, type LookupFunction } from '../crawl/index.ts';
import { BlockedAddressError } from '../errors/index.ts';

/** Address family of a probe. */
export type Family = 4 | 6;

/** Error raised by a pinned lookup when the host has no address of the wanted family. */
export class NoAddressError extends Error {
  readonly code = 'ENODATA';
  constructor(readonly host: string, readonly family: Family) {
    super(`${host} has no ${family === 6 ? 'AAAA' : 'A'} record`);
    this.name = 'NoAddressError';
  }
}

/**
 * A resolver whose lookup answers with addresses of one family only (AAAA for 6, A for 4), each passed
 * through the address guard. Names with no such address fail with ENODATA; refused ones with BlockedAddressError.
 */
export class FamilyResolver extends Resolver {
  constructor(
    network: Pick<NetworkConfig, 'dnsServers' | 'hosts' | 'allowPrivate'>,
    readonly family: Family,
  ) {
    super(network);
  }

  /** The guarded addresses of this family for a name (throws NoAddressError / BlockedAddressError). */
  async addresses(hostname: string): Promise<string[]> {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const all = this.family === 6 ? await this.resolve6(host) : await this.resolve4(host);
    if (!all.length) throw new NoAddressError(host, this.family);
    const ok = all.filter((a) => this.guard.permits(a));
    if (!ok.length) throw new BlockedAddressError(host, all[0]!);
    return ok;
  }

  override lookupFunction(): LookupFunction {
    return (hostname, options, callback) => {
      const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
      this.addresses(hostname).then(
        (addresses) => {
          if (all) callback(null, addresses.map((address) => ({ address, family: this.family })));
          else callback(null, addresses[0]!, this.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, ''),
      );
    };
  }
}

/** The two pinned clients of a probe run. */
export interface FamilyClients {
  v6: HttpClient;
  v4: HttpClient;
  close(): Promise<void>;
}

/**
 * Builds an IPv6-only and an IPv4-only client from the network settings. A configured proxy is not used: a
 * proxy would hide which family reached the site.
 */
export function createFamilyClients(network: NetworkConfig, timeoutMs = network.timeoutMs): FamilyClients {
  const settings = { ...network, proxy: undefined, timeoutMs };
  const v6 = new HttpClient(settings, new FamilyResolver(network, 6), { connections: 16 });
  const v4 = new HttpClient(settings, new FamilyResolver(network, 4), { connections: 16 });
  return {
    v6,
    v4,
    async close() {
      await Promise.all([v6.close(), v4.close()]);
    },
  };
}

/** The failure kind of a pinned fetch: `no-aaaa` (or `no-a`) when the host has no address of the family, else the FetchError kind. */
export function failureKind(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof NoAddressError) return e.family === 6 ? 'no-aaaa' : 'no-a';
  }
  return err instanceof FetchError ? err.kind : 'network';
}
