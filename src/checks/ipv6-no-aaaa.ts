// checks stage: ipv6.no-aaaa — a site host without an AAAA record (no IPv6 at all). Produced by the IPv6 probe.
import type { Ipv6Check } from '../probes/ipv6-types.ts';

/** A host of the site has no AAAA record; an error for the homepage host, a warning for the site's other hosts. */
export const ipv6NoAaaa: Ipv6Check = {
  id: 'ipv6.no-aaaa',
  title: '未支持IPv6（无AAAA记录）',
  description: 'A host of the site (the homepage host, or another configured host) has no AAAA record with the configured DNS servers.',
  group: 'ipv6',
  fromProbe(result) {
    return result.hosts
      .filter((h) => h.status === 'no-aaaa')
      .map((h) => ({
        check: 'ipv6.no-aaaa',
        key: h.host,
        severity: h.isHomepageHost ? 'error' : 'warning',
        url: h.url,
        onHomepage: h.isHomepageHost,
        evidence: {
          error: 'no-aaaa',
          message: `${h.isHomepageHost ? '首页' : '站点'}主机 ${h.host} 没有 AAAA 记录，未支持 IPv6`,
          host: h.host,
          a: h.a,
        },
      }));
  },
};
