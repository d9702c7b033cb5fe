// checks stage: ipv6.inconsistent — the homepage served over IPv6 differs from the IPv4 one (status, title, or
// main text beyond checks.ipv6.contentTolerance). Produced by the IPv6 probe.
import type { Ipv6Check } from '../probes/ipv6-types.ts';

const WORDS = { status: '状态码', title: '标题', content: '正文' } as const;

/** Reachable over IPv6, but not the same page as over IPv4. */
export const ipv6Inconsistent: Ipv6Check = {
  id: 'ipv6.inconsistent',
  title: 'IPv6与IPv4访问内容不一致',
  description:
    'The homepage fetched over IPv6 has a different status or title than over IPv4, or its main text differs by more than checks.ipv6.contentTolerance.',
  group: 'ipv6',
  fromProbe(result) {
    return result.hosts
      .filter((h) => h.status === 'ok' && h.consistency && !h.consistency.consistent)
      .map((h) => {
        const c = h.consistency!;
        return {
          check: 'ipv6.inconsistent',
          key: h.host,
          severity: 'warning',
          url: h.url,
          onHomepage: h.isHomepageHost,
          evidence: {
            error: 'inconsistent',
            message: `${h.host} 经 IPv6 与 IPv4 访问的首页不一致：${c.differences.map((d) => WORDS[d]).join('、')}不同（正文相似度 ${Math.round(c.similarity * 100)}%）`,
            differences: c.differences,
            similarity: c.similarity,
            v6: c.v6,
            v4: c.v4,
          },
        };
      });
  },
};
