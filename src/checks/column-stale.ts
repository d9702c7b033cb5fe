// checks stage: 栏目不更新 — a column whose newest item is older than its class window (undated items count as
// not updated). Feeds the 栏目不更新 veto and the 政策文件 deduction.
import type { Check, FindingDraft } from './check.ts';
import { sharedSurvey, type ColumnJudgement } from '../rules/freshness.ts';

/** Evidence every column finding carries, so the verdict can count columns by class and level. */
export function columnEvidence(c: ColumnJudgement): Record<string, unknown> {
  return {
    columnId: c.id,
    class: c.column.class,
    topLevel: c.column.topLevel,
    discovered: c.discovered,
    state: c.state,
    ...(c.windowDays !== undefined ? { windowDays: c.windowDays } : {}),
    ...(c.warnAtDays !== undefined ? { warnAtDays: c.warnAtDays } : {}),
    ...(c.ageDays !== undefined ? { ageDays: c.ageDays } : {}),
    ...(c.newest ? { newestDate: c.newest.date, newestTitle: c.newest.title, newestUrl: c.newest.url } : {}),
    itemCount: c.read.items.length,
    undatedCount: c.undatedCount,
    pagesRead: c.read.pages.length,
    ...(c.futureDated.length ? { futureDated: c.futureDated.slice(0, 3).map((i) => ({ title: i.title, url: i.url, date: i.date })) } : {}),
  };
}

export const columnStale: Check = {
  id: 'column.stale',
  title: '栏目不更新',
  description: 'Reports a column whose newest item is older than the update window of its class (动态要闻 14 days, 通知公告/政策文件 180, 人事/规划计划 365), or whose items carry no date.',
  group: 'freshness',
  async onSite(input, ctx) {
    if (!ctx.config.checks.freshness.enabled) return [];
    const survey = await sharedSurvey(input, ctx);
    const out: FindingDraft[] = [];
    for (const c of survey.columns) {
      if (c.state !== 'stale') continue;
      const message = c.newest
        ? `栏目“${c.column.name}”最新信息发布于 ${c.newest.date}，已 ${c.ageDays} 天未更新（${c.column.class}类栏目应在 ${c.windowDays} 天内更新）`
        : `栏目“${c.column.name}”的 ${c.read.items.length} 条信息均未注明发布时间，视为未更新`;
      out.push({
        check: 'column.stale',
        key: c.id,
        severity: 'error',
        url: c.column.url,
        column: c.column.name,
        evidence: { message, ...columnEvidence(c) },
      });
    }
    return out;
  },
};
