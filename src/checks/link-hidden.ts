// checks stage: link.hidden (暗链) — links to other sites inside content hidden by CSS (display:none, zero size,
// off-screen …): the classic sign of a defaced site. Hidden links within the site (dropdown menus) are fine.
import type { Check, FindingDraft } from './check.ts';
import { linkFindingBase } from './link-evidence.ts';

export const linkHidden: Check = {
  id: 'link.hidden',
  title: '暗链',
  description: '指向其他网站的链接被 CSS 隐藏（display:none、visibility:hidden、字号为 0、移出屏幕、零尺寸等），常见于网站被篡改挂马。',
  group: 'links',
  async onSite(site) {
    const out: FindingDraft[] = [];
    for await (const t of site.linkTargets()) {
      const hidden = t.hiddenOccurrences.filter((o) => o.tag === 'a' || o.tag === 'area');
      if (t.sameSite || !hidden.length) continue;
      const h = hidden[0]!;
      const base = linkFindingBase(t, {});
      out.push({
        check: 'link.hidden',
        key: t.url,
        severity: 'veto',
        ...base,
        url: h.page,
        onHomepage: hidden.some((o) => o.page === site.homepage),
        evidence: {
          ...base.evidence,
          anchor: h.anchor,
          error: 'hidden',
          hiding: h.hidden,
          pages: hidden.map((o) => o.page),
          message: `隐藏（${h.hidden}）的外部链接「${h.anchor}」，疑似暗链，请检查网站是否被篡改`,
        },
      });
    }
    return out;
  },
};
