// checks stage: 空白栏目 — a column that carries no item at all. Feeds the 栏目不更新 veto (≥ 5 blank columns).
import type { Check, FindingDraft } from './check.ts';
import { sharedSurvey } from '../rules/freshness.ts';
import { columnEvidence } from './column-stale.ts';

export const columnBlank: Check = {
  id: 'column.blank',
  title: '空白栏目',
  description: 'Reports a column whose list page shows no item at all (空白栏目), with the page text that says so.',
  group: 'freshness',
  async onSite(input, ctx) {
    if (!ctx.config.checks.freshness.enabled) return [];
    const survey = await sharedSurvey(input, ctx);
    const out: FindingDraft[] = [];
    for (const c of survey.columns) {
      if (c.state !== 'blank') continue;
      out.push({
        check: 'column.blank',
        key: c.id,
        severity: 'error',
        url: c.column.url,
        column: c.column.name,
        evidence: {
          message: `栏目“${c.column.name}”没有任何信息（空白栏目）${c.read.emptyNotice ? `，页面显示“${c.read.emptyNotice}”` : ''}`,
          ...(c.read.emptyNotice ? { snippet: c.read.emptyNotice } : {}),
          ...columnEvidence(c),
        },
      });
    }
    return out;
  },
};
