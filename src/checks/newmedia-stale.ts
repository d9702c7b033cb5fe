// checks stage: newmedia.stale (政务新媒体内容不更新) — an account whose newest post is older than 14 days (the
// new-media veto), with an early warning from 70% of the window. The posts read also go through the content
// checks (findings under typo.*, sensitive.term, secret.marking, privacy.*, with the account and its editor).
import type { Check, FindingDraft } from './check.ts';
import { accountEvidence } from '../newmedia/post-checks.ts';
import { sharedNewmediaSurvey, type AccountJudgement } from '../newmedia/survey.ts';

/** Evidence every account-freshness finding carries. */
export function accountFreshnessEvidence(a: AccountJudgement): Record<string, unknown> {
  return {
    state: a.state,
    profile: a.read.profile,
    renderedBy: a.read.renderedBy,
    postCount: a.read.posts.length,
    staleDays: a.staleDays,
    warnAtDays: a.warnAtDays,
    dormantDays: a.dormantDays,
    ...(a.ageDays !== undefined ? { ageDays: a.ageDays } : {}),
    ...(a.newest ? { newestDate: a.newest.date, newestTitle: a.newest.title, ...(a.newest.url ? { newestUrl: a.newest.url } : {}) } : {}),
  };
}

export const newmediaStale: Check = {
  id: 'newmedia.stale',
  title: '政务新媒体内容不更新',
  description: 'Reports an account whose newest post on its mirror is older than 14 days (veto.newmedia-stale.days; a warning from warnDays, 10), or whose posts carry no date; an account that could not be read is reported as skipped.',
  group: 'newmedia',
  async onSite(input, ctx) {
    if (!ctx.config.checks.newmedia.enabled) return [];
    const survey = await sharedNewmediaSurvey(input, ctx);
    const out: FindingDraft[] = [...survey.contentFindings];
    for (const a of survey.accounts) {
      const acc = a.read.account;
      const base = { check: 'newmedia.stale', key: a.read.id, url: acc.url, account: acc.name };
      const evidence = { ...accountFreshnessEvidence(a), ...accountEvidence(acc, ctx.config) };
      if (a.state === 'skipped') {
        out.push({ ...base, severity: 'info', certainty: 'suspected', evidence: { ...evidence, outcome: 'skipped', reason: a.read.error, message: `政务新媒体“${acc.name}”未能检查：${a.read.error}` } });
        continue;
      }
      if (a.state === 'fresh' || a.state === 'error') continue;
      if (!a.newest) {
        const message = a.read.posts.length
          ? `政务新媒体“${acc.name}”的 ${a.read.posts.length} 篇文章均未注明发布时间，视为未更新`
          : `政务新媒体“${acc.name}”的镜像页面未读到任何文章，视为未更新（请确认平台配置）`;
        out.push({ ...base, severity: 'veto', certainty: a.read.posts.length ? 'certain' : 'suspected', evidence: { ...evidence, message } });
        continue;
      }
      const warning = a.state === 'warning';
      const message = warning
        ? `政务新媒体“${acc.name}”最新发布于 ${a.newest.date}，已 ${a.ageDays} 天未更新，距 ${a.staleDays} 天不更新（单项否决）仅剩 ${a.staleDays - a.ageDays!} 天`
        : `政务新媒体“${acc.name}”最新发布于 ${a.newest.date}，已 ${a.ageDays} 天未更新（监测点前 ${a.staleDays} 天内未更新）`;
      out.push({ ...base, severity: warning ? 'warning' : 'veto', certainty: 'certain', evidence: { ...evidence, message } });
    }
    return out;
  },
};
