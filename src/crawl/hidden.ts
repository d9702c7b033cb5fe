// crawl stage: is an element hidden by CSS? Inline styles, the `hidden` attribute, and simple class/id rules from
// <style> blocks — the tricks defaced sites use to hide spam links (暗链). Hand-written because no library
// computes styles without a browser; the browser crawler renders the same HTML through this code too.
import type { AnyNode, Element } from 'domhandler';

/** Declarations that hide content, with a short name of the trick. */
const HIDING_RULES: [RegExp, string][] = [
  [/(^|;)\s*display\s*:\s*none/i, 'display:none'],
  [/(^|;)\s*visibility\s*:\s*hidden/i, 'visibility:hidden'],
  [/(^|;)\s*font-size\s*:\s*0(\.0+)?\s*(px|em|rem|pt|%)?\s*(;|$|!)/i, 'font-size:0'],
  [/(^|;)\s*(left|top|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}(\.\d+)?\s*(px|em|rem|pt)?/i, 'off-screen'],
  [/(^|;)\s*opacity\s*:\s*0(\.0+)?\s*(;|$|!)/i, 'opacity:0'],
  [/(^|;)\s*(clip|clip-path)\s*:\s*(rect\(\s*0|inset\(\s*50%)/i, 'clip'],
];

function zeroSize(style: string): boolean {
  const zero = (prop: string) => new RegExp(`(^|;)\\s*${prop}\\s*:\\s*0(\\.0+)?\\s*(px|em|rem|pt|%)?\\s*(;|$|!)`, 'i').test(style);
  return (zero('width') || zero('height') || zero('max-height') || zero('max-width')) && /overflow\s*:\s*hidden/i.test(style);
}

/** Why a style declaration hides its element, or undefined. */
export function hidingReason(style: string): string | undefined {
  for (const [re, name] of HIDING_RULES) if (re.test(style)) return name;
  if (zeroSize(style)) return 'zero-size';
  return undefined;
}

/** Class and id selectors that hide, parsed from the text of <style> blocks (in document order). */
export function hidingSelectorsOf(styleTexts: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of styleTexts) {
    const css = text.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const reason = hidingReason(m[2]!);
      if (!reason) continue;
      for (const sel of m[1]!.split(',')) {
        const s = sel.trim();
        if (/^[.#][\w-]+$/.test(s)) out.set(s, reason);
      }
    }
  }
  return out;
}

/**
 * Returns the reason an element is hidden (itself or an ancestor), or undefined. `cache` memoises ancestors so
 * a page's links cost one walk per ancestor.
 */
export function hiddenReason(el: AnyNode, selectors: Map<string, string>, cache: Map<AnyNode, string | null>): string | undefined {
  const chain: AnyNode[] = [];
  let node: AnyNode | null = el;
  let found: string | null = null;
  while (node && node.type === 'tag') {
    const cached = cache.get(node);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    chain.push(node);
    const own = ownReason(node as Element, selectors);
    if (own) {
      found = own;
      break;
    }
    node = node.parent;
  }
  for (const n of chain) cache.set(n, found);
  return found ?? undefined;
}

function ownReason(el: Element, selectors: Map<string, string>): string | undefined {
  const attrs = el.attribs ?? {};
  if ('hidden' in attrs) return 'hidden-attribute';
  if (attrs.style) {
    const r = hidingReason(attrs.style);
    if (r) return r;
  }
  if (el.name === 'marquee' && /^[01](px)?$/.test((attrs.height ?? attrs.width ?? '').trim())) return 'zero-size';
  if (selectors.size) {
    if (attrs.id && selectors.has('#' + attrs.id)) return selectors.get('#' + attrs.id);
    for (const c of (attrs.class ?? '').split(/\s+/)) if (c && selectors.has('.' + c)) return selectors.get('.' + c);
  }
  return undefined;
}
