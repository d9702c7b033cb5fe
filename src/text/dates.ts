// text stage: publish dates as Chinese government sites print them — 2026-11-18, 2026/11/18, 2026.11.18,
// 2026年11月18日, [11-18], 11-18 (year implied by context), with or without a time, and the 发布时间：/发布日期：
// labels of article pages. Dates are calendar days in the site's time zone; no Date objects leak into parsing.

/** A calendar date found in text. */
export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm when a time followed the date. */
  time?: string;
  /** True when the text had no year and it was implied from the reference day. */
  yearImplied: boolean;
  /** Offset of the match in the text. */
  index: number;
  /** The text matched. */
  raw: string;
}

export interface DateContext {
  /** Today as YYYY-MM-DD in the site's time zone: a year-less date is put in the latest year not after it. */
  today: string;
  /** A year seen nearby (e.g. in a page heading) that a year-less date should take instead. */
  year?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function validTime(h: string | undefined, min: string | undefined): string | undefined {
  if (h === undefined || min === undefined) return undefined;
  const hh = Number(h);
  const mm = Number(min);
  if (hh > 23 || mm > 59) return undefined;
  return `${pad(hh)}:${pad(mm)}`;
}

// Full dates: year first with -, /, . or 年月日 as separators; an optional time after whitespace or T.
const FULL =
  /(?<![\d.\/-])(\d{4})\s*(?:([-\/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?![\d])(?:(?:\s+|T|\s*日?\s*)(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?/g;

// Month-day dates: [11-18], 11-18, 11/18, 11月18日; not part of a longer number (phone numbers, full dates).
const MONTH_DAY = /(?<![\d.\/:-])\[?\s*(\d{1,2})(?:([-\/])(\d{1,2})|月(\d{1,2})日)\s*\]?(?![\d.\/:-])(?:\s+(\d{1,2}):(\d{2}))?/g;

/** The year a year-less month-day takes: the context year, else the latest year that does not put it after today. */
export function impliedYear(month: number, day: number, ctx: DateContext): number {
  if (ctx.year !== undefined) return ctx.year;
  const [ty, tm, td] = ctx.today.split('-').map(Number) as [number, number, number];
  // A date up to one day ahead is still this year (clocks and time zones of CMS servers differ).
  const candidate = Date.UTC(ty, month - 1, day);
  const limit = Date.UTC(ty, tm - 1, td) + 86_400_000;
  return candidate > limit ? ty - 1 : ty;
}

/** Every date in a piece of text, in order of appearance. Full dates win over month-day dates inside them. */
export function findDates(text: string, ctx: DateContext): FoundDate[] {
  const found: FoundDate[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(FULL)) {
    const y = Number(m[1]);
    const month = Number(m[3] ?? m[5]);
    const day = Number(m[4] ?? m[6]);
    const date = validDate(y, month, day);
    if (!date) continue;
    const time = validTime(m[7], m[8]);
    found.push({ date, ...(time ? { time } : {}), yearImplied: false, index: m.index, raw: m[0] });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    const start = m.index;
    if (taken.some(([a, b]) => start < b && start + m[0].length > a)) continue;
    const month = Number(m[1]);
    const day = Number(m[3] ?? m[4]);
    const year = impliedYear(month, day, ctx);
    const date = validDate(year, month, day);
    if (!date) continue;
    const time = validTime(m[5], m[6]);
    found.push({ date, ...(time ? { time } : {}), yearImplied: true, index: start, raw: m[0] });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The first date in a short text (a list row's date cell), or undefined. */
export function parseDate(text: string, ctx: DateContext): FoundDate | undefined {
  return findDates(text, ctx)[0];
}

const PUBLISH_LABEL = /(发布时间|发布日期|发文日期|成文日期|更新时间|时间|日期)\s*[:：]\s*/g;
const LABEL_RANK: Record<string, number> = { 发布时间: 0, 发布日期: 0, 发文日期: 1, 更新时间: 2, 成文日期: 3, 时间: 4, 日期: 4 };

/**
 * The publish date on an article page's text: the date after 发布时间：/发布日期： (then weaker labels such as
 * 时间：), or undefined. Only full dates count here; an article page carries its year.
 */
export function findPublishDate(text: string, ctx: DateContext): FoundDate | undefined {
  let best: { rank: number; date: FoundDate } | undefined;
  for (const m of text.matchAll(PUBLISH_LABEL)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const d = findDates(after, ctx).find((x) => x.index === 0 && !x.yearImplied);
    if (!d) continue;
    const rank = LABEL_RANK[m[1]!] ?? 9;
    if (!best || rank < best.rank) best = { rank, date: { ...d, index: m.index + m[0].length } };
  }
  return best?.date;
}

/** Meta tags that CMSs (TRS, Hanweb …) fill with the publish time. */
export const PUBLISH_META_NAMES = ['pubdate', 'publishdate', 'firstpublishedtime', 'publish_time', 'article:published_time', 'maketime'];

/** Today (YYYY-MM-DD) at an instant in a time zone. */
export function dayIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD each): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
