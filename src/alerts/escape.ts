// alerts stage: escaping of untrusted text (anything from a crawled page) for HTML mail and chat markdown, and
// masking of personal data before anything leaves the product.
import { maskText } from '../text/mask.ts';

/** Masks personal data, drops control characters and collapses whitespace to single spaces. */
export function clean(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const flat = maskText(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** HTML text and attribute escaping. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FULL_WIDTH: Record<string, string> = {
  '\\': '＼', '`': '｀', '*': '＊', '_': '＿', '[': '［', ']': '］', '(': '（', ')': '）', '#': '＃',
  '<': '＜', '>': '＞', '|': '｜', '~': '～', '@': '＠', '!': '！',
};

/**
 * Markdown neutralising for DingTalk, WeCom and Feishu. Their markdown subsets do not reliably honour backslash
 * escapes (a `\-` may show as is), so every character with a meaning there — emphasis, links, images, headings,
 * quotes, code, tags, @-mentions — is replaced by its full-width form, which reads the same in Chinese text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()#<>|~@!]/g, (c) => FULL_WIDTH[c]!);
}

/**
 * A URL safe to put in a link: only http(s), normalised by the URL parser, with characters that could end a
 * markdown link or an HTML attribute percent-encoded. Undefined when the text is not such a URL.
 */
export function safeUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return u.href.replace(/[()<>"'\s\\`]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}
