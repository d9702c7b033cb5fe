// interaction stage: working days (工作日) — weekends are off, configured public holidays are off, configured
// make-up days (调休上班) are on. Dates are YYYY-MM-DD calendar days; no clock is read here.
import { addDays } from '../text/dates.ts';

/** Holidays and make-up working days of the calendar in use. */
export interface WorkCalendar {
  holidays: readonly string[];
  workdays: readonly string[];
}

/** Whether a day is a working day. */
export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(day)) return true;
  if (cal.holidays.includes(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * Working days from `from` to `to`: the working days after `from` up to and including `to` (a reply on the day
 * of the question is 0, on the next working day 1). Negative spans give 0.
 */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  if (to <= from) return 0;
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}
