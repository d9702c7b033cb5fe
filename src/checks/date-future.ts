// checks stage: date.future (弄虚作假 — a publish date later than the check, part of 严重表述错误、安全泄密). An
// article whose own date line says 发布时间/发布日期 is a day after tomorrow or later, in the site's time zone.
//
// Precision first: only the labelled date on the article's own date line counts — a short line before the article
// text, the label starting it or following a separator (来源：… 发布时间：…), a full date with its year right after
// the label and nothing but a time, a space or the end after it. A date in the body (a meeting, a deadline,
// 成绩发布时间), in the footer, on the homepage or on a list page (several labelled lines) is never taken, and the
// day after the check is allowed for CMS clocks and time zones. What is left is a page stating, in so many words,
// a publish date that has not come yet: the finding is `certain`, so the verdict's veto fires on it (a suspected
// one would only be a warning awaiting a human, which a planted date would never leave).
import type { AnyNode, Element } from 'domhandler';
import type { CheerioAPI } from 'cheerio';
import type { Check, FindingDraft } from './check.ts';
import { dayIn, daysBetween, findDates } from '../text/dates.ts';

/** Parts of a page that are never the article's date line. */
const FURNITURE = 'script, style, noscript, template, header, footer, nav, .nav, #nav, .header, #header, .footer, #footer, .foot, #foot, .bottom, #bottom, .copyright, .menu, aside, .sidebar';
const LABEL = /发布(?:时间|日期)/;
const LABEL_G = /(发布(?:时间|日期))[\s\u3000]*[:：]?[\s\u3000]*/g;
/** Before the label: the start of the line, a space, or a separator (来源：… | 发布时间：…). */
const BEFORE = /[\s\u3000|｜丨/／·•,，;；】\])）>]/;
/** Inline elements: a date line is the nearest element around the label that is not one of these. */
const INLINE = new Set(['span', 'font', 'em', 'i', 'b', 'strong', 'a', 'label', 'small', 'time', 'u', 'sup', 'sub', 'big', 'cite', 'abbr', 'bdi', 'bdo']);
/** A date line is short; prose is not. */
const MAX_LINE = 150;
/** Text this long outside the date line means the article text has started. */
const PROSE = 60;
/** More labelled lines than this: a list of items, each with its own date (judged on its own page). */
const MAX_LINES = 2;
/** Days ahead that are still allowed: tomorrow (CMS clocks and time zones differ). */
const ALLOWED_AHEAD = 1;

interface DateLine {
  text: string;
  label: string;
  date: string;
  time?: string;
  /** The article text had started before this line. */
  afterProse: boolean;
}

/** The text of an element with its text nodes joined by spaces (span boundaries count as separators). */
function joinedText(el: AnyNode): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
    else if ('children' in n) for (const c of (n as Element).children) walk(c);
  };
  walk(el);
  return parts.join(' ').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** The labelled date on a line, when the line is a date line. */
function dateOnLine(text: string, today: string): Omit<DateLine, 'afterProse'> | undefined {
  if (text.length > MAX_LINE) return undefined;
  for (const m of text.matchAll(LABEL_G)) {
    if (m.index > 0 && !BEFORE.test(text[m.index - 1]!)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const d = findDates(after, { today }).find((x) => x.index === 0 && !x.yearImplied);
    if (!d) continue;
    const rest = after.slice(d.raw.length);
    if (rest && !/^[\s|｜丨]/.test(rest)) continue;
    return { text, label: m[1]!, date: d.date, ...(d.time ? { time: d.time } : {}) };
  }
  return undefined;
}

/** The labelled date lines of a page, in document order, outside the furniture. */
function dateLines($: CheerioAPI, today: string): DateLine[] {
  const skip = new Set<AnyNode>($(FURNITURE).toArray());
  const seen = new Set<AnyNode>();
  const lines: DateLine[] = [];
  let prose = false;
  const walk = (n: AnyNode, inHeading: boolean) => {
    if (skip.has(n)) return;
    if (n.type === 'text') {
      const t = (n as unknown as { data: string }).data;
      if (LABEL.test(t)) {
        let box = n.parent as Element | null;
        while (box && box.type === 'tag' && INLINE.has(box.name) && box.parent) box = box.parent as Element;
        if (box && !seen.has(box)) {
          seen.add(box);
          const found = dateOnLine(joinedText(box), today);
          if (found) lines.push({ ...found, afterProse: prose });
        }
      } else if (!inHeading && t.replace(/\s+/g, '').length >= PROSE) prose = true;
      return;
    }
    if (n.type !== 'tag' && n.type !== 'root') return;
    const el = n as Element;
    if (n.type === 'tag' && el.name === 'p' && !prose) {
      const t = joinedText(el);
      if (t.length >= PROSE && !LABEL.test(t)) prose = true;
    }
    const heading = inHeading || (n.type === 'tag' && /^h[1-6]$/.test(el.name));
    for (const c of el.children) walk(c, heading);
  };
  walk($('body').get(0) ?? $.root().get(0)!, false);
  return lines;
}

export const dateFuture: Check = {
  id: 'date.future',
  title: '发布时间晚于检查时间',
  description:
    'Reports an article whose own date line (发布时间/发布日期, before the article text) states a publish date after the day following the check, in the site time zone: a forged publish date (弄虚作假), a veto under 严重表述错误、安全泄密.',
  group: 'freshness',
  onPage(page, ctx) {
    if (!ctx.config.checks.freshness.enabled || page.isHomepage || page.status >= 400 || !LABEL.test(page.html)) return [];
    const today = dayIn(ctx.now, ctx.config.timeZone);
    const lines = dateLines(page.$, today);
    const own = lines[0];
    if (!own || own.afterProse || lines.length > MAX_LINES) return [];
    const ahead = daysBetween(today, own.date);
    if (ahead <= ALLOWED_AHEAD) return [];
    const finding: FindingDraft = {
      check: 'date.future',
      key: page.url,
      severity: 'veto',
      certainty: 'certain',
      url: page.url,
      evidence: {
        message: `文章标注的${own.label} ${own.date} 晚于检查日期 ${today}（提前 ${ahead} 天）：发布日期不实`,
        snippet: own.text.slice(0, 120),
        label: own.label,
        published: own.date,
        ...(own.time ? { time: own.time } : {}),
        today,
        aheadDays: ahead,
      },
    };
    return [finding];
  },
};
