// crawl stage: what a link is — normalising URLs, telling placeholders, schemes we never fetch, and attachments.
/** Schemes that are not web links and are never checked (mail, phone …). */
const NON_WEB_SCHEMES = /^(mailto|tel|sms|callto|weixin|data|blob|about):/i;

export type LinkKind =
  | { kind: 'web'; url: string }
  | { kind: 'placeholder'; raw: string }
  | { kind: 'javascript'; raw: string }
  | { kind: 'file'; raw: string; url: string }
  | { kind: 'fragment'; raw: string }
  | { kind: 'ignored'; raw: string }
  | { kind: 'invalid'; raw: string };

/** The form of a URL used as its identity in a run: no fragment, host lower-cased (by URL), default port dropped. */
export function normalizeUrl(url: string | URL): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/** Classifies a raw href/src as written on a page, resolving it against the page URL. */
export function classifyHref(raw: string | undefined, base: string): LinkKind {
  const value = (raw ?? '').trim();
  if (value === '' || value === '#') return { kind: 'placeholder', raw: value };
  if (/^javascript:/i.test(value)) {
    const code = value.slice('javascript:'.length).trim().replace(/;$/, '').trim();
    return code === '' || /^void\s*\(?\s*0?\s*\)?$/i.test(code) ? { kind: 'placeholder', raw: value } : { kind: 'javascript', raw: value };
  }
  if (value.startsWith('#')) return { kind: 'fragment', raw: value };
  if (NON_WEB_SCHEMES.test(value)) return { kind: 'ignored', raw: value };
  if (/^file:/i.test(value)) {
    try {
      return { kind: 'file', raw: value, url: new URL(value).href };
    } catch {
      return { kind: 'file', raw: value, url: value };
    }
  }
  try {
    const u = new URL(value, base);
    if (u.protocol === 'file:') return { kind: 'file', raw: value, url: u.href };
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { kind: 'ignored', raw: value };
    u.hash = '';
    return { kind: 'web', url: u.href };
  } catch {
    return { kind: 'invalid', raw: value };
  }
}

/** The absolute http(s) URL an href points at (fragment dropped), or undefined for placeholders, fragments, mailto: … */
export function absoluteWebUrl(href: string | undefined, base: string): string | undefined {
  const kind = classifyHref(href, base);
  return kind.kind === 'web' ? kind.url : undefined;
}

/** The lower-case file extension of a URL's path, or ''. */
export function extensionOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    const m = /\.([a-z0-9]{1,5})$/i.exec(path);
    return m ? m[1]!.toLowerCase() : '';
  } catch {
    return '';
  }
}

const PAGE_EXTENSIONS = new Set(['', 'html', 'htm', 'shtml', 'xhtml', 'jsp', 'asp', 'aspx', 'php', 'do', 'action', 'cgi']);

/** Whether a link target is worth crawling as a page (rather than just checking that it opens). */
export function looksLikePage(url: string, tag: string): boolean {
  if (tag !== 'a' && tag !== 'area' && tag !== 'iframe') return false;
  return PAGE_EXTENSIONS.has(extensionOf(url));
}
