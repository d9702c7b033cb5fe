// checks stage: newmedia.broken (功能无法使用) — an account's mirror URL that does not open, or a mirror that says
// its interaction (留言/评论) is closed, which is the new-media 互动回应差 veto (未提供有效互动功能). Links inside
// posts that do not open are reported as link.broken with the account.
import type { Check, FindingDraft } from './check.ts';
import { accountEvidence } from '../newmedia/post-checks.ts';
import { sharedNewmediaSurvey } from '../newmedia/survey.ts';

export const newmediaBroken: Check = {
  id: 'newmedia.broken',
  title: '政务新媒体无法访问',
  description: "Reports an account mirror that does not open (HTTP 4xx/5xx, DNS, refused, timeout; 403/429 suspected), and a mirror stating its interaction is closed (veto); post links that do not open come as link.broken with the account.",
  group: 'newmedia',
  async onSite(input, ctx) {
    if (!ctx.config.checks.newmedia.enabled) return [];
    const survey = await sharedNewmediaSurvey(input, ctx);
    const out: FindingDraft[] = [...survey.linkFindings];
    for (const a of survey.accounts) {
      const acc = a.read.account;
      if (a.read.outcome === 'error') {
        const suspected = a.read.status === 403 || a.read.status === 429 || a.read.status === 401;
        out.push({
          check: 'newmedia.broken',
          key: a.read.id,
          severity: 'error',
          certainty: suspected ? 'suspected' : 'certain',
          url: acc.url,
          target: acc.url,
          account: acc.name,
          evidence: {
            error: a.read.error,
            ...(a.read.status !== undefined ? { status: a.read.status } : {}),
            message: `政务新媒体“${acc.name}”的页面无法打开（${a.read.error}）${suspected ? '，可能是访问限制，请人工确认' : ''}`,
            ...accountEvidence(acc, ctx.config),
          },
        });
      } else if (a.read.interactionClosed) {
        out.push({
          check: 'newmedia.broken',
          key: `${a.read.id}:interaction`,
          severity: 'veto',
          certainty: 'certain',
          url: acc.url,
          account: acc.name,
          evidence: { error: 'interaction-closed', snippet: a.read.interactionClosed, message: `政务新媒体“${acc.name}”未提供有效互动功能（页面显示“${a.read.interactionClosed}”）`, ...accountEvidence(acc, ctx.config) },
        });
      }
    }
    return out;
  },
};
