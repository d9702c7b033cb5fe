// checks stage: interaction.slow (留言答复不及时) — a message replied after the column's limit in working days
// (default 5; simple consultations 1), or still unreplied past it. Also records the site's response-time
// statistics (median, 90th percentile, share within limit) as an info finding keyed `stats`.
import type { Check, FindingDraft } from './check.ts';
import { sharedInteractionSurvey, STATS_KEY, type ChannelJudgement, type MessageJudgement } from '../interaction/index.ts';

/** Evidence every message finding carries. */
export function messageEvidence(c: ChannelJudgement, j: MessageJudgement): Record<string, unknown> {
  return {
    channel: c.id,
    channelName: c.column.name,
    ...(c.column.editor ? { editor: c.column.editor } : {}),
    title: j.message.title,
    state: j.state,
    ...(j.message.asked ? { asked: j.message.asked } : {}),
    ...(j.message.replied ? { replied: j.message.replied, replySource: j.message.replySource } : {}),
    limitDays: j.limitDays,
    ...(j.workingDays !== undefined ? { workingDays: j.workingDays } : {}),
    ...(j.calendarDays !== undefined ? { calendarDays: j.calendarDays } : {}),
  };
}

/** The finding key of a message: its detail URL, else its title and question date. */
export const messageKey = (c: ChannelJudgement, j: MessageJudgement): string => `${c.id}:${j.message.url ?? `${j.message.title}|${j.message.asked ?? ''}`}`;

export const interactionSlow: Check = {
  id: 'interaction.slow',
  title: '留言答复不及时',
  description: 'Reports a message (留言/咨询/信箱) replied after the reply limit in working days (default 5; simple consultations 1), or unreplied past it; weekends and configured holidays are skipped.',
  group: 'newmedia',
  async onSite(input, ctx) {
    if (!ctx.config.checks.newmedia.enabled) return [];
    const survey = await sharedInteractionSurvey(input, ctx);
    const out: FindingDraft[] = [];
    for (const c of survey.channels) {
      for (const j of c.messages) {
        if (j.state !== 'late' && j.state !== 'overdue') continue;
        const message =
          j.state === 'late'
            ? `“${c.column.name}”留言《${j.message.title}》${j.message.asked} 提交，${j.message.replied} 答复，用时 ${j.workingDays} 个工作日（时限 ${j.limitDays} 个工作日）`
            : `“${c.column.name}”留言《${j.message.title}》${j.message.asked} 提交，至今 ${j.workingDays} 个工作日未答复（时限 ${j.limitDays} 个工作日）`;
        out.push({ check: 'interaction.slow', key: messageKey(c, j), severity: 'warning', url: j.message.url ?? c.column.url, column: c.column.name, evidence: { message, ...messageEvidence(c, j) } });
      }
    }
    // The statistics are kept only where there are messages to count: "0 条" is not worth a line in a list.
    if (survey.channels.length && survey.stats.messages > 0) {
      const s = survey.stats;
      const share = s.withinLimitShare !== undefined ? `${Math.round(s.withinLimitShare * 1000) / 10}%` : '无';
      out.push({
        check: 'interaction.slow',
        key: STATS_KEY,
        severity: 'info',
        url: survey.channels[0]!.column.url,
        evidence: {
          message: `留言 ${s.messages} 条，已答复 ${s.replied} 条；答复用时中位数 ${s.medianDays ?? '—'} 个工作日，90% 分位 ${s.p90Days ?? '—'} 个工作日，按时答复率 ${share}`,
          stats: s,
          channels: survey.channels.map((c) => ({ id: c.id, name: c.column.name, url: c.column.url, limitDays: c.limitDays, outcome: c.read.outcome, stats: c.stats })),
        },
      });
    }
    return out;
  },
};
