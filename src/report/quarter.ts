// report stage: quarters (`2026Q4`) — parsing, their bounds in the configured time zone, Chinese labels, neighbours.
import { ConfigError } from '../errors/index.ts';

/** A calendar quarter with its bounds as instants in the report's time zone. */
export interface Quarter {
  /** `2026Q4` */
  id: string;
  year: number;
  /** 1–4 */
  q: number;
  /** 2026年第四季度 */
  label: string;
  /** First instant of the quarter. */
  start: Date;
  /** Last instant of the quarter (one millisecond before the next one starts). */
  end: Date;
}

const NUMERALS = ['一', '二', '三', '四'];

/** Offset of a time zone from UTC at an instant, in minutes (Asia/Shanghai: 480). */
function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Midnight starting the given local date in the time zone. */
function localMidnight(year: number, month: number, timeZone: string): Date {
  const utc = Date.UTC(year, month, 1);
  return new Date(utc - offsetMinutes(timeZone, new Date(utc)) * 60_000);
}

/** A quarter by year and number. */
export function quarterOf(year: number, q: number, timeZone = 'Asia/Shanghai'): Quarter {
  const start = localMidnight(year, (q - 1) * 3, timeZone);
  const next = q === 4 ? localMidnight(year + 1, 0, timeZone) : localMidnight(year, q * 3, timeZone);
  return { id: `${year}Q${q}`, year, q, label: `${year}年第${NUMERALS[q - 1]}季度`, start, end: new Date(next.getTime() - 1) };
}

/** Parses `2026Q4` (also `2026q4`, `2026-Q4`); throws a ConfigError naming the option otherwise. */
export function parseQuarter(value: string, timeZone = 'Asia/Shanghai'): Quarter {
  const m = /^(\d{4})-?[Qq]([1-4])$/.exec(value.trim());
  if (!m) throw new ConfigError(`--quarter: expected a quarter such as 2026Q4, got "${value}"`);
  return quarterOf(Number(m[1]), Number(m[2]), timeZone);
}

/** The quarter `n` quarters before (n = 1: the previous one). */
export function quarterBefore(q: Quarter, n = 1, timeZone = 'Asia/Shanghai'): Quarter {
  const index = q.year * 4 + (q.q - 1) - n;
  return quarterOf(Math.floor(index / 4), (index % 4) + 1, timeZone);
}
