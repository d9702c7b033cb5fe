// checks stage: the evidence shared by the link checks — where a target appears and its anchor text.
import type { Evidence, FindingDraft, LinkTarget } from './check.ts';

/** The common part of a link finding: the page shown (homepage first), the target, anchor and page sample. */
export function linkFindingBase(t: LinkTarget, evidence: Evidence): Pick<FindingDraft, 'url' | 'target' | 'evidence' | 'onHomepage'> {
  const first = t.occurrences[0];
  return {
    url: first?.page ?? t.url,
    target: t.url,
    onHomepage: t.onHomepage,
    evidence: {
      anchor: first?.anchor ?? '',
      tag: first?.tag,
      pageCount: t.pageCount,
      pages: t.occurrences.map((o) => o.page),
      ...evidence,
    },
  };
}
