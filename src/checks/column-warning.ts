// checks stage: 栏目更新预警 (浙政办发〔2022〕30号) — a column past a configurable fraction (default 70%) of its
// window but not yet stale, so its editor can publish before it becomes a veto.
import type { Check } from './check.ts';
import { columnFindings } from './column-stale.ts';

export const columnWarning: Check = {
  id: 'column.warning',
  title: '栏目更新预警',
  description: 'Warns about a column whose newest item is past the warning fraction of its update window (default 70%) but still within it.',
  group: 'freshness',
  onSite: (input, ctx) =>
    columnFindings(input, ctx, { id: 'column.warning', state: 'warning', severity: 'warning' }, (c) => {
      const left = c.windowDays! - c.ageDays!;
      return {
        message: `栏目“${c.column.name}”已 ${c.ageDays} 天未更新，${left > 0 ? `${left} 天后` : '明天起'}将超过${c.column.class}类栏目 ${c.windowDays} 天的更新要求`,
        daysLeft: left,
      };
    }),
};
