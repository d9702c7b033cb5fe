// checks stage: newmedia.dormant (僵尸号) — an account whose newest post is older than the long window (default
// 90 days; Beijing uses a year): to be closed or merged, not just reminded.
import type { Check, FindingDraft } from './check.ts';
import { accountFreshnessEvidence } from './newmedia-stale.ts';
import { accountEvidence } from '../newmedia/post-checks.ts';
import { sharedNewmediaSurvey } from '../newmedia/survey.ts';

export const newmediaDormant: Check = {
  id: 'newmedia.dormant',
  title: '僵尸号',
  description: 'Reports an account whose newest post is older than checks.newmedia.dormantDays (default 90 days): a dormant account (僵尸号) to close or merge.',
  group: 'newmedia',
  async onSite(input, ctx) {
    if (!ctx.config.checks.newmedia.enabled) return [];
    const survey = await sharedNewmediaSurvey(input, ctx);
    const out: FindingDraft[] = [];
    for (const a of survey.accounts) {
      if (a.state !== 'dormant') continue;
      const acc = a.read.account;
      out.push({
        check: 'newmedia.dormant',
        key: a.read.id,
        severity: 'error',
        url: acc.url,
        account: acc.name,
        evidence: {
          message: `政务新媒体“${acc.name}”最新发布于 ${a.newest!.date}，已 ${a.ageDays} 天未更新（超过 ${a.dormantDays} 天，疑似僵尸号）`,
          ...accountFreshnessEvidence(a),
          ...accountEvidence(acc, ctx.config),
        },
      });
    }
    return out;
  },
};
