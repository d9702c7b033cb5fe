import { describe, expect, it } from 'vitest';
import { isWorkingDay, judgeMessage, responseStats, workingDaysBetween, type Message } from '../../src/interaction/index.ts';

const NONE = { holidays: [], workdays: [] };
const NATIONAL_DAY = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-09-27', '2026-10-10'] };
const RULE = { unansweredDays: 90, windowDays: 365 };
const msg = (asked: string | undefined, replied?: string, status: Message['status'] = replied ? 'replied' : 'pending'): Message => ({
  title: 't',
  ...(asked ? { asked } : {}),
  ...(replied ? { replied } : {}),
  status,
});

describe('working days', () => {
  it('weekends are off, configured holidays are off, make-up Saturdays and Sundays are on', () => {
    expect(isWorkingDay('2026-11-20', NONE)).toBe(true); // Friday
    expect(isWorkingDay('2026-11-21', NONE)).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-10-10', NATIONAL_DAY)).toBe(true); // Saturday, 调休上班
  });

  it('counts the working days after the question up to the reply: same day 0, Friday to Monday 1', () => {
    expect(workingDaysBetween('2026-11-16', '2026-11-16', NONE)).toBe(0);
    expect(workingDaysBetween('2026-11-13', '2026-11-16', NONE)).toBe(1);
    expect(workingDaysBetween('2026-10-09', '2026-10-23', NONE)).toBe(10);
    expect(workingDaysBetween('2026-11-20', '2026-11-02', NONE)).toBe(0);
  });

  it('a reply across the National Day holidays counts only the working days left by the calendar', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-09', NATIONAL_DAY)).toBe(2); // 10-08 and 10-09
    expect(workingDaysBetween('2026-09-30', '2026-10-09', { holidays: [...NATIONAL_DAY.holidays, '2026-10-08'], workdays: [] })).toBe(1);
    expect(workingDaysBetween('2026-09-30', '2026-10-09', NONE)).toBe(7);
  });
});

describe('judging messages', () => {
  const today = '2026-11-20';
  it('replied within the limit is on time, after it late; unreplied past it overdue, within it pending', () => {
    expect(judgeMessage(msg('2026-11-02', '2026-11-04'), today, 5, RULE, NONE)).toMatchObject({ state: 'on-time', workingDays: 2 });
    expect(judgeMessage(msg('2026-10-09', '2026-10-23'), today, 5, RULE, NONE)).toMatchObject({ state: 'late', workingDays: 10 });
    expect(judgeMessage(msg('2026-11-05'), today, 5, RULE, NONE)).toMatchObject({ state: 'overdue', workingDays: 11 });
    expect(judgeMessage(msg('2026-11-17'), today, 5, RULE, NONE)).toMatchObject({ state: 'pending', workingDays: 3 });
  });

  it('more than 90 calendar days without a reply, or before the reply, is the veto; older than a year is out of scope', () => {
    expect(judgeMessage(msg('2026-07-01'), today, 5, RULE, NONE)).toMatchObject({ state: 'unanswered', calendarDays: 142 });
    expect(judgeMessage(msg('2026-06-01', '2026-09-15'), today, 5, RULE, NONE)).toMatchObject({ state: 'unanswered', calendarDays: 106 });
    expect(judgeMessage(msg('2026-08-22'), today, 5, RULE, NONE).state).toBe('overdue'); // 90 days exactly: not yet
    expect(judgeMessage(msg('2025-09-01'), today, 5, RULE, NONE).state).toBe('outside');
    expect(judgeMessage(msg(undefined), today, 5, RULE, NONE).state).toBe('undated');
    expect(judgeMessage(msg('2026-11-02', undefined, 'replied'), today, 5, RULE, NONE).state).toBe('replied-undated');
  });

  it('statistics: median and 90th percentile of reply working days, share of due messages answered in time', () => {
    const judged = [
      msg('2026-11-02', '2026-11-04'),
      msg('2026-10-09', '2026-10-23'),
      msg('2026-11-16', '2026-11-17'),
      msg('2026-11-05'),
      msg('2026-11-17'),
    ].map((m) => judgeMessage(m, today, 5, RULE, NONE));
    expect(responseStats(judged)).toEqual({ messages: 5, replied: 3, unreplied: 2, medianDays: 2, p90Days: 10, withinLimitShare: 0.5, late: 1, overdue: 1, unanswered: 0 });
    expect(responseStats([])).toEqual({ messages: 0, replied: 0, unreplied: 0, late: 0, overdue: 0, unanswered: 0 });
  });
});
