// crawl stage: from decoded HTML to what checks need — the parsed document, its title and its links.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { LinkOccurrence } from '../checks/index.ts';
import { hiddenReason, hidingSelectorsOf } from './hidden.ts';
import { classifyHref } from './url.ts';

/** Link-carrying elements and the attribute that holds the target (every `<a>`: one without href is skipped later). */
const LINK_ATTRS: [LinkOccurrence['tag'], string][] = [
  ['a', 'href'],
  ['area', 'href'],
  ['img', 'src'],
  ['link', 'href'],
  ['script', 'src'],
  ['iframe', 'src'],
  ['embed', 'src'],
  ['source', 'src'],
  ['object', 'data'],
];
const LINK_ATTR = new Map(LINK_ATTRS);

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

/** Whether a node is an element (domhandler gives <script> and <style> types of their own). */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * Calls `visit` on every element under `root` in document order (the order of CSS selector results), descending
 * into every node with children (template contents included). `visit` returning false skips that element's subtree.
 */
export function walkElements(root: AnyNode | AnyNode[], visit: (el: Element) => boolean | void): void {
  walkNodes(root, (node) => !isElement(node) || visit(node));
}

/** Depth first over every node in document order (iterative: deep pages must not overflow the stack). */
function walkNodes(root: AnyNode | AnyNode[], visit: (node: AnyNode) => boolean | void): void {
  const stack: AnyNode[][] = [Array.isArray(root) ? root : [root]];
  const index: number[] = [0];
  while (stack.length) {
    const top = stack.length - 1;
    const nodes = stack[top]!;
    if (index[top]! >= nodes.length) {
      stack.pop();
      index.pop();
      continue;
    }
    const node = nodes[index[top]!++]!;
    if (visit(node) === false) continue;
    const children = (node as { children?: AnyNode[] }).children;
    if (children?.length) {
      stack.push(children);
      index.push(0);
    }
  }
}

/** The text content of nodes, as cheerio's `.text()` gives it (comments ignored, script and style text kept). */
export function textOf(nodes: AnyNode[]): string {
  const parts: string[] = [];
  walkNodes(nodes, (node) => {
    if (node.type === 'text') parts.push((node as { data: string }).data);
    return node.type !== 'comment';
  });
  return parts.join('');
}

/** An attribute as cheerio's `.attr()` reads it (own attributes only). */
export function attr(el: Element, name: string): string | undefined {
  const attribs = el.attribs;
  return attribs && Object.prototype.hasOwnProperty.call(attribs, name) ? attribs[name] : undefined;
}

/**
 * Frees a parsed document once nothing will read it again. `cheerio.load` builds a class per document whose methods
 * close over it, and V8 keeps such a class — and so the whole DOM — alive through every minor GC until the next full
 * one: each page's DOM was copied and promoted, and the crawl spent about three times the parse itself in the garbage
 * collector. Detaching the nodes from the document leaves the class holding an empty one.
 */
export function releaseDocument($: CheerioAPI): void {
  const root = $.root()[0] as { children: AnyNode[] } | undefined;
  if (root) root.children = [];
}

/** Parses a page and extracts every link with its anchor text and hidden state, in one walk over the document. */
export function parsePage(html: string, pageUrl: string): ParsedPage {
  const $ = cheerio.load(html);
  let baseEl: Element | undefined;
  let titleEl: Element | undefined;
  const styles: Element[] = [];
  const byTag = new Map<string, Element[]>(LINK_ATTRS.map(([tag]) => [tag, []]));
  walkElements($.root()[0]!.children, (el) => {
    const name = el.name;
    const attrName = LINK_ATTR.get(name as LinkOccurrence['tag']);
    if (attrName && (name === 'a' || attr(el, attrName) !== undefined)) byTag.get(name)!.push(el);
    else if (name === 'style') styles.push(el);
    else if (name === 'title') titleEl ??= el;
    else if (name === 'base' && !baseEl && attr(el, 'href') !== undefined) baseEl = el;
  });
  let base = pageUrl;
  const baseHref = baseEl && attr(baseEl, 'href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* an invalid <base> is ignored, as browsers do */
    }
  }
  const title = titleEl ? textOf([titleEl]).trim().replace(/\s+/g, ' ') : '';
  const selectors = hidingSelectorsOf(styles.map((el) => textOf([el])));
  const cache = new Map<AnyNode, string | null>();
  const links: LinkOccurrence[] = [];
  const placeholders: ParsedPage['placeholders'] = [];
  const fileLinks: ParsedPage['fileLinks'] = [];
  for (const [tag, attrName] of LINK_ATTRS) {
    for (const el of byTag.get(tag)!) {
      if (tag === 'link' && LINK_REL_IGNORED.test(attr(el, 'rel') ?? '')) continue;
      const raw = attr(el, attrName);
      // <a name="..."> is an anchor target, not a link.
      if (tag === 'a' && raw === undefined) continue;
      const anchor = anchorText(el, tag);
      const hidden = hiddenReason(el, selectors, cache);
      const kind = classifyHref(raw, base);
      switch (kind.kind) {
        case 'web':
          links.push({ target: kind.url, raw: raw ?? '', tag, anchor, ...(hidden ? { hidden } : {}) });
          break;
        case 'placeholder': {
          const handled = Boolean(
            attr(el, 'onclick') || attr(el, 'role') || attr(el, 'ng-click') || attr(el, '@click') || attr(el, 'v-on:click') ||
              Object.keys(el.attribs ?? {}).some((k) => k.startsWith('data-') && /toggle|target|action|click|url|href|id/.test(k)),
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
    }
  }
  return { $, title, links, placeholders, fileLinks, base };
}

function anchorText(el: Element, tag: string): string {
  if (tag === 'img') return (attr(el, 'alt') ?? attr(el, 'title') ?? '').trim().slice(0, 200);
  const text = textOf([el]).replace(/\s+/g, ' ').trim();
  if (text) return text.slice(0, 200);
  let img: Element | undefined;
  walkElements(el.children, (child) => {
    if (img) return false;
    if (child.name === 'img') img = child;
  });
  return (attr(el, 'title') ?? (img && attr(img, 'alt')) ?? '').trim().slice(0, 200);
}
