// checks stage: ipv6.unreachable — a host that has an AAAA record but does not answer (reliably) over IPv6,
// the most common real IPv6 failure. Produced by the IPv6 probe; distinct from ipv6.no-aaaa.
import type { Ipv6Check } from '../probes/ipv6-types.ts';

/** AAAA present, but the IPv6 success rate is below `minSuccessRate` (certain when no probe succeeded). */
export const ipv6Unreachable: Ipv6Check = {
  id: 'ipv6.unreachable',
  title: 'IPv6无法访问（有AAAA记录）',
  description:
    'A host has an AAAA record, but its homepage fetched over IPv6 (connecting to the AAAA address) fails, or succeeds less often than checks.ipv6.minSuccessRate.',
  group: 'ipv6',
  fromProbe(result) {
    return result.hosts
      .filter((h) => h.status === 'unreachable')
      .map((h) => {
        const errors = [...new Set((h.v6?.samples ?? []).map((s) => s.error).filter((e): e is string => !!e))];
        return {
          check: 'ipv6.unreachable',
          key: h.host,
          severity: h.isHomepageHost ? 'error' : 'warning',
          certainty: h.v6 && h.v6.successes > 0 ? 'suspected' : 'certain',
          url: h.url,
          onHomepage: h.isHomepageHost,
          evidence: {
            error: errors[0] ?? 'unreachable',
            message: h.reason ?? `${h.host} 经 IPv6 无法访问`,
            host: h.host,
            aaaa: h.aaaa,
            address: h.address,
            successRate: h.v6?.successRate ?? 0,
            attempts: h.v6?.attempts ?? 0,
            errors,
          },
        };
      });
  },
};
