// checks stage: 首页不更新 — no new dated item and no new content item on the homepage for 14 days (a
// navigation-only homepage is judged by its second-level pages); an early warning at 10 days.
import type { Check } from './check.ts';
import { sharedSurvey } from '../rules/freshness.ts';

const BASIS: Record<string, string> = {
  'dated-item': '首页最新信息的发布日期',
  'content-change': '首页内容条目的变化',
  'second-level': '二级页面最新信息的发布日期（首页仅为导航入口）',
  'unchanged-observed': '首页内容条目连续未变化（无发布日期）',
};

export const homepageStale: Check = {
  id: 'homepage.stale',
  title: '首页不更新',
  description: 'Reports a homepage without new information for 14 days (veto) or 10 days (early warning), judged by dated items, change of content items between runs, or second-level pages for a navigation-only homepage.',
  group: 'freshness',
  async onSite(input, ctx) {
    if (!ctx.config.checks.freshness.enabled) return [];
    const h = (await sharedSurvey(input, ctx)).homepage;
    if (h.state !== 'stale' && h.state !== 'warning') return [];
    const since = h.lastUpdate ? `最近一次更新为 ${h.lastUpdate}` : `自 ${h.unchangedSince.slice(0, 10)} 起内容未变化`;
    return [
      {
        check: 'homepage.stale',
        key: 'homepage',
        severity: h.state === 'stale' ? 'veto' : 'warning',
        url: h.url,
        onHomepage: true,
        evidence: {
          message: `首页已 ${h.ageDays} 天无信息更新（${since}，依据：${BASIS[h.basis ?? ''] ?? '未知'}）；${h.state === 'stale' ? `达到 ${h.days} 天单项否决标准` : `${h.days - h.ageDays!} 天后将达到 ${h.days} 天单项否决标准`}`,
          state: h.state,
          ageDays: h.ageDays,
          basis: h.basis,
          ...(h.lastUpdate ? { lastUpdate: h.lastUpdate } : {}),
          ...(h.newest ? { newestTitle: h.newest.title, newestUrl: h.newest.url, newestDate: h.newest.date } : {}),
          navigationOnly: h.navigationOnly,
          unchangedSince: h.unchangedSince,
          ...(h.changedAt ? { changedAt: h.changedAt } : {}),
          ...(h.secondLevel ? { secondLevel: h.secondLevel.slice(0, 10) } : {}),
          days: h.days,
          warnDays: h.warnDays,
        },
      },
    ];
  },
};
