// checks stage: 栏目不更新 — a column whose newest item is older than its class window (undated items count as
// not updated). Feeds the 栏目不更新 veto and the 政策文件 deduction.
import type { Check, CheckContext, FindingDraft, Severity, SiteInput } from './check.ts';
import { sharedSurvey, type ColumnJudgement, type ColumnState } from '../rules/freshness.ts';

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

/**
 * The findings of one column check: every surveyed column in `state` becomes a finding keyed by the column id,
 * with the shared column evidence plus what `describe` adds. The survey is shared by the column checks of a run.
 */
export async function columnFindings(
  input: SiteInput,
  ctx: CheckContext,
  check: { id: string; state: ColumnState; severity: Severity },
  describe: (c: ColumnJudgement) => { message: string } & Record<string, unknown>,
): Promise<FindingDraft[]> {
  if (!ctx.config.checks.freshness.enabled) return [];
  const survey = await sharedSurvey(input, ctx);
  return survey.columns
    .filter((c) => c.state === check.state)
    .map((c) => ({
      check: check.id,
      key: c.id,
      severity: check.severity,
      url: c.column.url,
      column: c.column.name,
      evidence: { ...describe(c), ...columnEvidence(c) },
    }));
}

export const columnStale: Check = {
  id: 'column.stale',
  title: '栏目不更新',
  description: 'Reports a column whose newest item is older than the update window of its class (动态要闻 14 days, 通知公告/政策文件 180, 人事/规划计划 365), or whose items carry no date.',
  group: 'freshness',
  onSite: (input, ctx) =>
    columnFindings(input, ctx, { id: 'column.stale', state: 'stale', severity: 'error' }, (c) => ({
      message: c.newest
        ? `栏目“${c.column.name}”最新信息发布于 ${c.newest.date}，已 ${c.ageDays} 天未更新（${c.column.class}类栏目应在 ${c.windowDays} 天内更新）`
        : `栏目“${c.column.name}”的 ${c.read.items.length} 条信息均未注明发布时间，视为未更新`,
    })),
};
