// checks stage: newmedia.unlisted — the site's own 政务新媒体 page and the registry disagree: an account the page
// lists is not registered, or a registered account is missing from the page (the 1+N matrix is out of date).
import type { Check, FindingDraft } from './check.ts';
import { accountEvidence } from '../newmedia/post-checks.ts';
import { accountId } from '../newmedia/read-account.ts';
import { sharedNewmediaSurvey } from '../newmedia/survey.ts';

export const newmediaUnlisted: Check = {
  id: 'newmedia.unlisted',
  title: '政务新媒体台账不一致',
  description: "Reports an account the site's 政务新媒体 listing page (sites[].newmediaListing) shows but the registry lacks, and a registered account the page does not show.",
  group: 'newmedia',
  async onSite(input, ctx) {
    if (!ctx.config.checks.newmedia.enabled) return [];
    const survey = await sharedNewmediaSurvey(input, ctx);
    if (!survey.listing || survey.listing.outcome !== 'read') return [];
    const out: FindingDraft[] = [];
    for (const acc of survey.notListed) {
      out.push({
        check: 'newmedia.unlisted',
        key: `registry:${accountId(acc)}`,
        severity: 'warning',
        url: survey.listing.url,
        account: acc.name,
        evidence: { direction: 'not-listed', message: `台账中的政务新媒体“${acc.name}”（${acc.platform}）未在本站政务新媒体页面列出`, ...accountEvidence(acc, ctx.config) },
      });
    }
    for (const e of survey.notRegistered) {
      out.push({
        check: 'newmedia.unlisted',
        key: `listing:${e.name}`,
        severity: 'warning',
        url: survey.listing.url,
        account: e.name,
        evidence: { direction: 'not-registered', rowText: e.text.slice(0, 120), message: `本站政务新媒体页面列出的“${e.name}”不在台账中（请补登记或从页面撤下）` },
      });
    }
    return out;
  },
};
