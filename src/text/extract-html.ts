// text stage: the visible text of an HTML page, kept apart by region (title, main, navigation, header, footer,
// aside, hidden), so that a footer repeated on every page can be recognised as the same text.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** Where on the page a text comes from. `hidden` is content hidden by CSS or attributes (spam hides there). */
export type TextRegion = 'title' | 'main' | 'nav' | 'header' | 'footer' | 'aside' | 'hidden';

/** One region's text. Lines are separated by `\n`, table cells by `\t`. */
export interface RegionText {
  region: TextRegion;
  text: string;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'head', 'select', 'option']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul', 'caption', 'center',
]);
const CELL = new Set(['td', 'th']);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px)?\s*(?:;|$)|(?:left|top|text-indent)\s*:\s*-\d{3,}px)/i;

function regionOf(el: Element, inherited: TextRegion): TextRegion {
  if (inherited === 'hidden') return 'hidden';
  const attrs = el.attribs ?? {};
  if ('hidden' in attrs || attrs['aria-hidden'] === 'true' || HIDDEN_STYLE.test(attrs.style ?? '')) return 'hidden';
  const tag = el.tagName?.toLowerCase();
  if (tag === 'nav') return 'nav';
  if (tag === 'footer') return 'footer';
  if (tag === 'header') return 'header';
  if (tag === 'aside') return 'aside';
  if (inherited !== 'main') return inherited;
  const role = (attrs.role ?? '').toLowerCase();
  if (role === 'navigation') return 'nav';
  if (role === 'contentinfo') return 'footer';
  if (role === 'banner') return 'header';
  const idClass = `${attrs.id ?? ''} ${attrs.class ?? ''}`.toLowerCase();
  if (/(^|[\s_-])(foot|footer|bottom|copyright|copy)([\s_-]|$)/.test(idClass)) return 'footer';
  if (/(^|[\s_-])(nav|navbar|menu|breadcrumb|crumb|sidebar-nav)([\s_-]|$)/.test(idClass)) return 'nav';
  if (/(^|[\s_-])(header|head|top|banner|logo)([\s_-]|$)/.test(idClass)) return 'header';
  return inherited;
}

/** Collapses runs of spaces inside lines and drops empty lines. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \u00a0\u3000\r\f\v]+/g, ' ').replace(/ ?\t ?/g, '\t').replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((l) => l.length > 0)
    .join('\n');
}

/** Visible text of a page by region. Accepts the crawler's parsed document or raw HTML. */
export function extractHtmlText(input: CheerioAPI | string): RegionText[] {
  const $ = typeof input === 'string' ? load(input) : input;
  const buffers = new Map<TextRegion, string[]>();
  const push = (r: TextRegion, s: string) => {
    let b = buffers.get(r);
    if (!b) buffers.set(r, (b = []));
    b.push(s);
  };
  const title = $('head > title').first().text().trim() || $('title').first().text().trim();
  if (title) push('title', title);

  const walk = (node: AnyNode, region: TextRegion) => {
    if (node.type === 'text') {
      push(region, (node as unknown as { data: string }).data.replace(/[\r\n\t]+/g, ' '));
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const el = node as Element;
    const tag = el.tagName?.toLowerCase();
    if (tag && SKIP.has(tag)) return;
    const r = node.type === 'root' ? region : regionOf(el, region);
    if (tag === 'img' && el.attribs?.alt) push(r, ` ${el.attribs.alt} `);
    const block = tag ? BLOCK.has(tag) : false;
    if (block) push(r, '\n');
    for (const child of el.children ?? []) walk(child, r);
    if (block) push(r, '\n');
    else if (tag && CELL.has(tag)) push(r, '\t');
    else if (tag === 'a' && r !== 'main') push(r, ' ');
  };
  const body = $('body').get(0);
  const roots = body ? [body] : ($.root().get(0)?.children ?? []);
  for (const root of roots) walk(root as AnyNode, 'main');

  const order: TextRegion[] = ['title', 'header', 'nav', 'main', 'aside', 'footer', 'hidden'];
  return order.flatMap((region) => {
    const text = tidy((buffers.get(region) ?? []).join(''));
    return text ? [{ region, text }] : [];
  });
}
