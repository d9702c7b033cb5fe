// crawl stage: from decoded HTML to what checks need — the parsed document, its title and its links.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { LinkOccurrence } from '../checks/index.ts';
import { hiddenReason, hidingSelectors } from './hidden.ts';
import { classifyHref } from './url.ts';

/** Link-carrying elements and the attribute that holds the target. */
const LINK_ATTRS: [LinkOccurrence['tag'], string, string][] = [
  ['a', 'a[href], a:not([href])', 'href'],
  ['area', 'area[href]', 'href'],
  ['img', 'img[src]', 'src'],
  ['link', 'link[href]', 'href'],
  ['script', 'script[src]', 'src'],
  ['iframe', 'iframe[src]', 'src'],
  ['embed', 'embed[src]', 'src'],
  ['source', 'source[src]', 'src'],
  ['object', 'object[data]', 'data'],
];

/** A `<link>` whose rel makes the browser fetch it (stylesheets, icons); `canonical`/`alternate` are not links a reader follows but are checked too. */
const LINK_REL_IGNORED = /^(dns-prefetch|preconnect)$/i;

export interface ParsedPage {
  $: CheerioAPI;
  title: string;
  links: LinkOccurrence[];
  /** Anchors with a placeholder href (`#`, empty, `javascript:void(0)`), with whether a script handles them. */
  placeholders: { raw: string; anchor: string; handled: boolean; hidden?: string }[];
  /** `file://` links (`url` is the resolved, percent-encoded form). */
  fileLinks: { raw: string; url: string; anchor: string; tag: string }[];
  /** The base URL links resolve against (<base href> or the page URL). */
  base: string;
}

/** Parses a page and extracts every link with its anchor text and hidden state. */
export function parsePage(html: string, pageUrl: string): ParsedPage {
  const $ = cheerio.load(html);
  let base = pageUrl;
  const baseHref = $('base[href]').attr('href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* an invalid <base> is ignored, as browsers do */
    }
  }
  const title = $('title').first().text().trim().replace(/\s+/g, ' ');
  const selectors = hidingSelectors($);
  const cache = new Map<AnyNode, string | null>();
  const links: LinkOccurrence[] = [];
  const placeholders: ParsedPage['placeholders'] = [];
  const fileLinks: ParsedPage['fileLinks'] = [];
  for (const [tag, selector, attr] of LINK_ATTRS) {
    $(selector).each((_, el) => {
      if (tag === 'link' && LINK_REL_IGNORED.test($(el).attr('rel') ?? '')) return;
      const raw = $(el).attr(attr);
      const anchor = anchorText($, el, tag);
      const hidden = hiddenReason(el, selectors, cache);
      if (tag === 'a' && raw === undefined) {
        // <a name="..."> is an anchor target, not a link.
        return;
      }
      const kind = classifyHref(raw, base);
      switch (kind.kind) {
        case 'web':
          links.push({ target: kind.url, raw: raw ?? '', tag, anchor, ...(hidden ? { hidden } : {}) });
          break;
        case 'placeholder': {
          const a = $(el);
          const handled = Boolean(
            a.attr('onclick') || a.attr('role') || a.attr('ng-click') || a.attr('@click') || a.attr('v-on:click') ||
              Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}).some((k) => k.startsWith('data-') && /toggle|target|action|click|url|href|id/.test(k)),
          );
          placeholders.push({ raw: raw ?? '', anchor, handled, ...(hidden ? { hidden } : {}) });
          break;
        }
        case 'file':
          fileLinks.push({ raw: kind.raw, url: kind.url, anchor, tag });
          break;
        default:
          break;
      }
    });
  }
  return { $, title, links, placeholders, fileLinks, base };
}

function anchorText($: CheerioAPI, el: AnyNode, tag: string): string {
  const node = $(el);
  if (tag === 'img') return (node.attr('alt') ?? node.attr('title') ?? '').trim().slice(0, 200);
  const text = node.text().replace(/\s+/g, ' ').trim();
  if (text) return text.slice(0, 200);
  return (node.attr('title') ?? node.find('img').attr('alt') ?? '').trim().slice(0, 200);
}
