// new-media stage: reading posts out of mirror HTML by CSS selectors — shared by the profiles, which differ only
// in their selectors and date formats. Dates go through src/text/dates.ts; relative ones (3天前) are handled here.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { AccountSelectors } from '../config/schema-newmedia.ts';
import { addDays, findDates, type DateContext } from '../text/dates.ts';
import type { Post, PostLink } from './types.ts';
import { absoluteWebUrl as absolute } from '../crawl/url.ts';

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();


/**
 * A post date from text: absolute dates as sites print them, Unix seconds (data-time), and the relative forms
 * of timelines (刚刚, N分钟前, N小时前, 今天, 昨天, 前天, N天前).
 */
export function postDate(raw: string, ctx: DateContext): { date: string; time?: string } | undefined {
  const t = clean(raw);
  if (/^\d{10}$/.test(t)) {
    const d = new Date(Number(t) * 1000 + 8 * 3_600_000).toISOString();
    return { date: d.slice(0, 10), time: d.slice(11, 16) };
  }
  const found = findDates(t, ctx)[0];
  if (found) return { date: found.date, ...(found.time ? { time: found.time } : {}) };
  if (/刚刚|\d+\s*(?:秒|分钟|小时)前|今天/.test(t)) return { date: ctx.today };
  if (/昨天/.test(t)) return { date: addDays(ctx.today, -1) };
  if (/前天/.test(t)) return { date: addDays(ctx.today, -2) };
  const days = /(\d+)\s*天前/.exec(t);
  if (days) return { date: addDays(ctx.today, -Number(days[1])) };
  return undefined;
}

function dateOf($: CheerioAPI, el: AnyNode, selector: string | undefined, ctx: DateContext) {
  const own = $(el).attr('data-time') ?? $(el).attr('data-date');
  if (own) {
    const d = postDate(own, ctx);
    if (d) return d;
  }
  if (!selector) return undefined;
  for (const node of $(el).find(selector).toArray()) {
    const n = $(node);
    const d = postDate(n.attr('datetime') ?? n.attr('data-time') ?? n.attr('title') ?? n.text(), ctx);
    if (d) return d;
  }
  return undefined;
}

/** Posts of a page read with selectors: one element per post, then title, date, text and links inside it. */
export function parseBySelectors(html: string, pageUrl: string, sel: AccountSelectors, ctx: DateContext): Post[] {
  const $ = load(html);
  $('script, style, noscript').remove();
  const posts: Post[] = [];
  for (const el of $(sel.post).toArray()) {
    const titleEl = sel.title ? $(el).find(sel.title).first() : $(el).find('h1, h2, h3, h4, a[href]').first();
    const textEl = sel.text ? $(el).find(sel.text) : $(el);
    const title = clean(titleEl.text()) || clean(titleEl.attr('title') ?? '');
    const text = clean(textEl.toArray().map((n) => $(n).text()).join('\n'));
    const titleLink = titleEl.is('a[href]') ? titleEl : titleEl.find('a[href]').first();
    const url = absolute(titleLink.attr('href') ?? titleEl.attr('hrefs') ?? titleEl.attr('data-href'), pageUrl);
    const links: PostLink[] = [];
    const seen = new Set<string>();
    for (const a of $(el).find(sel.links ?? 'a[href]').toArray()) {
      const u = absolute($(a).attr('href'), pageUrl);
      if (!u || seen.has(u)) continue;
      seen.add(u);
      links.push({ url: u, anchor: clean($(a).text()).slice(0, 80) });
    }
    if (url && !seen.has(url)) links.unshift({ url, anchor: title.slice(0, 80) });
    const d = dateOf($, el, sel.date, ctx);
    if (!title && !text) continue;
    posts.push({ title: (title || text).slice(0, 200), ...(url ? { url } : {}), ...(d ? d : {}), text, links });
  }
  return posts;
}
