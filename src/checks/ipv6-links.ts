// checks stage: ipv6.links — 二级/三级 link IPv6 support rates below their thresholds (defaults 90% / 85%,
// UNCONFIRMED). Produced by the IPv6 probe, only for sites whose homepage works over IPv6 (no double counting).
import type { Ipv6Check } from '../probes/ipv6-types.ts';

const NAMES = { 2: '二级链接', 3: '三级链接' } as const;
const MAX_URLS = 20;

/** One finding per level whose support rate is under its threshold. */
export const ipv6Links: Ipv6Check = {
  id: 'ipv6.links',
  title: 'IPv6二级/三级链接支持率不足',
  description:
    'Same-site links one (二级) or two (三级) clicks below the homepage, from the latest crawl, fetched over IPv6: reported when the share that works is below checks.ipv6.level2Threshold / level3Threshold.',
  group: 'ipv6',
  fromProbe(result) {
    const home = result.hosts.find((h) => h.isHomepageHost);
    if (!result.links || home?.status !== 'ok') return [];
    return [result.links.level2, result.links.level3]
      .filter((l) => l.rate !== undefined && l.rate < l.threshold)
      .map((l) => ({
        check: 'ipv6.links',
        key: `level-${l.level}`,
        severity: 'warning',
        url: result.homepage,
        evidence: {
          error: 'ipv6-links',
          message: `${NAMES[l.level]} IPv6 支持率 ${(l.rate! * 100).toFixed(1)}%（${l.supported}/${l.tested}），低于 ${Math.round(l.threshold * 100)}%`,
          level: l.level,
          rate: l.rate,
          supported: l.supported,
          tested: l.tested,
          threshold: l.threshold,
          failing: l.failing.slice(0, MAX_URLS),
          failingCount: l.failing.length,
        },
      }));
  },
};
