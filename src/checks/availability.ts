// checks stage: 站点无法访问 — the homepage failure ratio of the availability probes over the rolling 7-day window
// (veto ≥ 5%, early warning > 3%), always with the number of probes behind it. Needs the probe history service.
import type { Check } from './check.ts';
import { judgeAvailability } from '../probes/availability.ts';
import { indicatorsFor, type FreshnessServices } from '../rules/freshness.ts';
import { vetoParam } from '../rules/indicators.ts';

export const availability: Check = {
  id: 'availability',
  title: '站点无法访问',
  description: 'Reports a homepage that failed (not open within 15 s, 5xx, connection or DNS failure) in ≥ 5% of the probes of the last 7 days, warns above 3%, and says when there were too few probes to judge.',
  group: 'freshness',
  async onSite(_input, ctx) {
    const services = ctx.services as FreshnessServices;
    if (!ctx.config.checks.freshness.enabled || !services.probes) return [];
    const ind = indicatorsFor(ctx.config, services);
    const window = services.probes.window(ctx.site.id, ctx.now, vetoParam(ind, 'veto.unreachable', 'windowDays'));
    const j = judgeAvailability(window, ind);
    if (j.state === 'ok' || j.state === 'no-data') return [];
    if (j.state === 'insufficient' && (window.ratio ?? 0) <= j.warnRatio) return [];
    return [
      {
        check: 'availability',
        key: 'homepage',
        severity: j.state === 'veto' ? 'veto' : 'warning',
        url: ctx.site.homepage,
        onHomepage: true,
        evidence: {
          message: j.message,
          state: j.state,
          probes: window.probes,
          failures: window.failures,
          ratio: window.ratio,
          required: j.required,
          windowDays: j.windowDays,
          byFailure: window.byFailure,
          failed: window.failed.map((p) => ({ at: p.probedAt, failure: p.failure, status: p.status, totalMs: p.totalMs })),
        },
      },
    ];
  },
};
