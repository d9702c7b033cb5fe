// checks stage: 栏目更新预警 (浙政办发〔2022〕30号) — a column past a configurable fraction (default 70%) of its
// window but not yet stale, so its editor can publish before it becomes a veto.
import type { Check, FindingDraft } from './check.ts';
import { sharedSurvey } from '../rules/freshness.ts';
import { columnEvidence } from './column-stale.ts';

export const columnWarning: Check = {
  id: 'column.warning',
  title: '栏目更新预警',
  description: 'Warns about a column whose newest item is past the warning fraction of its update window (default 70%) but still within it.',
  group: 'freshness',
  async onSite(input, ctx) {
    if (!ctx.config.checks.freshness.enabled) return [];
    const survey = await sharedSurvey(input, ctx);
    const out: FindingDraft[] = [];
    for (const c of survey.columns) {
      if (c.state !== 'warning') continue;
      const left = c.windowDays! - c.ageDays!;
      out.push({
        check: 'column.warning',
        key: c.id,
        severity: 'warning',
        url: c.column.url,
        column: c.column.name,
        evidence: {
          message: `栏目“${c.column.name}”已 ${c.ageDays} 天未更新，${left > 0 ? `${left} 天后` : '明天起'}将超过${c.column.class}类栏目 ${c.windowDays} 天的更新要求`,
          daysLeft: left,
          ...columnEvidence(c),
        },
      });
    }
    return out;
  },
};
