// checks stage: interaction.unanswered (互动回应差) — within the year before the check, a valid message left
// without a reply (or replied) after more than 3 months: the website veto.
import type { Check, FindingDraft } from './check.ts';
import { messageEvidence, messageKey } from './interaction-slow.ts';
import { sharedInteractionSurvey } from '../interaction/index.ts';

export const interactionUnanswered: Check = {
  id: 'interaction.unanswered',
  title: '留言超过3个月未回应',
  description: 'Reports a message asked within the last year (veto.interaction.windowDays in the indicators) that went unanswered, or was answered, after more than 90 calendar days: the 互动回应差 veto.',
  group: 'newmedia',
  async onSite(input, ctx) {
    if (!ctx.config.checks.newmedia.enabled) return [];
    const survey = await sharedInteractionSurvey(input, ctx);
    const out: FindingDraft[] = [];
    for (const c of survey.channels) {
      for (const j of c.messages) {
        if (j.state !== 'unanswered') continue;
        const message = j.message.replied
          ? `“${c.column.name}”留言《${j.message.title}》${j.message.asked} 提交，${j.message.replied} 才答复，超过 3 个月（${j.calendarDays} 天）`
          : `“${c.column.name}”留言《${j.message.title}》${j.message.asked} 提交，${j.calendarDays} 天未回应（超过 3 个月）`;
        out.push({ check: 'interaction.unanswered', key: messageKey(c, j), severity: 'veto', url: j.message.url ?? c.column.url, column: c.column.name, evidence: { message, ...messageEvidence(c, j) } });
      }
    }
    return out;
  },
};
