// interaction stage: judging messages — the reply time in working days against the column's limit, the
// 3-month rule of the 互动回应差 veto in calendar days, and the response-time statistics of a site.
import { daysBetween } from '../text/dates.ts';
import type { Message } from './reader.ts';
import { workingDaysBetween, type WorkCalendar } from './workdays.ts';

/**
 * `on-time` replied within the limit; `late` replied after it; `overdue` not replied and past the limit;
 * `unanswered` not replied (or replied) after more than `unansweredDays` (the indicators' maxReplyDays) — the veto; `pending` not replied, still
 * within the limit; `undated` no question date; `outside` asked before the window; `replied-undated` replied
 * with no date shown anywhere.
 */
export type MessageState = 'on-time' | 'late' | 'overdue' | 'unanswered' | 'pending' | 'undated' | 'outside' | 'replied-undated';

export interface MessageJudgement {
  message: Message;
  state: MessageState;
  limitDays: number;
  /** Working days from question to reply (or to today when there is no reply). */
  workingDays?: number;
  /** Calendar days from question to reply (or to today). */
  calendarDays?: number;
}

/** Judges one message. Pure. */
export function judgeMessage(m: Message, today: string, limitDays: number, s: { unansweredDays: number; windowDays: number }, cal: WorkCalendar): MessageJudgement {
  if (!m.asked) return { message: m, state: 'undated', limitDays };
  if (daysBetween(m.asked, today) > s.windowDays) return { message: m, state: 'outside', limitDays };
  const end = m.replied ?? (m.status === 'replied' ? undefined : today);
  if (!end) return { message: m, state: 'replied-undated', limitDays };
  const workingDays = workingDaysBetween(m.asked, end, cal);
  const calendarDays = daysBetween(m.asked, end);
  const base = { message: m, limitDays, workingDays, calendarDays };
  if (calendarDays > s.unansweredDays) return { ...base, state: 'unanswered' };
  if (m.replied) return { ...base, state: workingDays > limitDays ? 'late' : 'on-time' };
  return { ...base, state: workingDays > limitDays ? 'overdue' : 'pending' };
}

/** Response-time statistics of a site (or a column), for the verdict and the report. */
export interface ResponseStats {
  /** Messages within the window that have a question date. */
  messages: number;
  /** Of them, replied with a reply date. */
  replied: number;
  /** Not replied (pending, overdue and unanswered without a reply). */
  unreplied: number;
  /** Median working days from question to reply, over replied messages. */
  medianDays?: number;
  /** 90th percentile (nearest rank) of the same. */
  p90Days?: number;
  /** Replies within the limit ÷ messages that are due (replied, or unreplied past the limit); undefined when none is due. */
  withinLimitShare?: number;
  late: number;
  overdue: number;
  unanswered: number;
}

/** The value at quantile q (nearest rank) of sorted numbers. */
function nearestRank(sorted: number[], q: number): number | undefined {
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
}

/** Statistics over judged messages: median, 90th percentile, share within limit. */
export function responseStats(judged: readonly MessageJudgement[]): ResponseStats {
  const counted = judged.filter((j) => j.state !== 'undated' && j.state !== 'outside');
  const repliedDays = counted.filter((j) => j.message.replied && j.workingDays !== undefined).map((j) => j.workingDays!).sort((a, b) => a - b);
  const due = counted.filter((j) => j.message.replied || j.state === 'overdue' || j.state === 'unanswered');
  const within = counted.filter((j) => j.state === 'on-time').length;
  const median = repliedDays.length
    ? repliedDays.length % 2
      ? repliedDays[(repliedDays.length - 1) / 2]!
      : (repliedDays[repliedDays.length / 2 - 1]! + repliedDays[repliedDays.length / 2]!) / 2
    : undefined;
  const p90 = nearestRank(repliedDays, 0.9);
  return {
    messages: counted.length,
    replied: repliedDays.length,
    unreplied: counted.filter((j) => !j.message.replied && j.state !== 'replied-undated').length,
    ...(median !== undefined ? { medianDays: median } : {}),
    ...(p90 !== undefined ? { p90Days: p90 } : {}),
    ...(due.length ? { withinLimitShare: Math.round((within / due.length) * 1000) / 1000 } : {}),
    late: counted.filter((j) => j.state === 'late').length,
    overdue: counted.filter((j) => j.state === 'overdue').length,
    unanswered: counted.filter((j) => j.state === 'unanswered').length,
  };
}

/** Key of the info finding of interaction.slow that carries a site's statistics. */
export const STATS_KEY = 'stats';

/** The site's response-time statistics as the latest interaction.slow info finding recorded them, if any. */
export function statsFromFindings(findings: readonly { check: string; key: string; evidence: Record<string, unknown> }[]): ResponseStats | undefined {
  const f = findings.find((x) => x.check === 'interaction.slow' && x.key === STATS_KEY);
  return f?.evidence.stats as ResponseStats | undefined;
}
