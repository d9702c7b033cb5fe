// report stage: fix tracking (整改情况) — the problems the previous quarter's report published as open, and
// whether each has been resolved since (the check no longer finds it).
import type { Store } from '../storage/index.ts';
import type { FixItem, Rate, ReportModel } from './model.ts';
import type { Quarter } from './quarter.ts';

/** A rate with its numerator and denominator; the percentage has one decimal. */
export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, ...(denominator ? { percent: Math.round((numerator / denominator) * 1000) / 10 } : {}) };
}

/** The previous quarter's stored report model, if one was generated. */
export function previousModel(store: Store, previous: Quarter): ReportModel | undefined {
  const stored = store.reports.latest(previous.id);
  const model = stored?.model as ReportModel | undefined;
  return model?.format === 'govhealth.report/1' ? model : undefined;
}

/** Each problem open at the end of the previous report's quarter, and whether it is fixed now. */
export function trackFixes(store: Store, previous: ReportModel | undefined): FixItem[] {
  if (!previous) return [];
  const reported = [
    ...previous.sites.flatMap((s) => s.problems.filter((p) => p.openAtQuarterEnd).map((p) => ({ p, siteId: s.siteId, siteName: s.name }))),
    ...previous.accounts.flatMap((a) => a.problems.filter((p) => p.openAtQuarterEnd).map((p) => ({ p, siteId: a.siteId, siteName: a.name }))),
  ];
  const resolved = store.reports.resolvedAt(reported.map((r) => r.p.findingId));
  return reported.map(({ p, siteId, siteName }) => {
    const current = store.findings.get(p.findingId);
    const fixedAt = current?.status === 'resolved' ? resolved.get(p.findingId) : undefined;
    return {
      findingId: p.findingId,
      siteId,
      siteName,
      type: p.type,
      description: p.description,
      url: p.url,
      fixed: current?.status === 'resolved',
      ...(fixedAt ? { fixedAt } : {}),
    };
  });
}
