// checks stage: 空白栏目 — a column that carries no item at all. Feeds the 栏目不更新 veto (≥ 5 blank columns).
import type { Check } from './check.ts';
import { columnFindings } from './column-stale.ts';

export const columnBlank: Check = {
  id: 'column.blank',
  title: '空白栏目',
  description: 'Reports a column whose list page shows no item at all (空白栏目), with the page text that says so.',
  group: 'freshness',
  onSite: (input, ctx) =>
    columnFindings(input, ctx, { id: 'column.blank', state: 'blank', severity: 'error' }, (c) => ({
      message: `栏目“${c.column.name}”没有任何信息（空白栏目）${c.read.emptyNotice ? `，页面显示“${c.read.emptyNotice}”` : ''}`,
      ...(c.read.emptyNotice ? { snippet: c.read.emptyNotice } : {}),
    })),
};
