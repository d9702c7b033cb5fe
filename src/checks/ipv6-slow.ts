// checks stage: ipv6.slow — a host much slower over IPv6 than over IPv4 (ratio of the median total times).
// Produced by the IPv6 probe.
import type { Ipv6Check } from '../probes/ipv6-types.ts';

/** IPv6 median time above checks.ipv6.slowRatio × the IPv4 one, and slower by at least slowMinDeltaMs. */
export const ipv6Slow: Ipv6Check = {
  id: 'ipv6.slow',
  title: 'IPv6访问明显慢于IPv4',
  description:
    'The median homepage time over IPv6 exceeds the IPv4 median by the factor checks.ipv6.slowRatio and by at least checks.ipv6.slowMinDeltaMs.',
  group: 'ipv6',
  fromProbe(result, settings) {
    return result.hosts
      .filter((h) => {
        if (h.status !== 'ok' || h.latencyRatio === undefined) return false;
        const delta = h.v6!.totalMedianMs! - h.v4!.totalMedianMs!;
        return h.latencyRatio > settings.slowRatio && delta >= settings.slowMinDeltaMs;
      })
      .map((h) => ({
        check: 'ipv6.slow',
        key: h.host,
        severity: 'warning',
        url: h.url,
        onHomepage: h.isHomepageHost,
        evidence: {
          error: 'slow',
          message: `${h.host} 经 IPv6 访问耗时中位数 ${h.v6!.totalMedianMs} ms，是 IPv4（${h.v4!.totalMedianMs} ms）的 ${h.latencyRatio} 倍`,
          ratio: h.latencyRatio,
          v6MedianMs: h.v6!.totalMedianMs,
          v4MedianMs: h.v4!.totalMedianMs,
        },
      }));
  },
};
