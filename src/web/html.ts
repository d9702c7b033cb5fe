// web stage: HTML building with escaping by default. Every interpolated value is escaped unless it is already
// `SafeHtml` built here; URLs from crawled pages only become links when they are http(s).

/** A fragment of HTML that is safe to insert as is (built by `html` or `raw`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

type Part = SafeHtml | string | number | boolean | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(part);
}

/** Tagged template: literal parts are trusted markup, every `${value}` is escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks markup built elsewhere in this stage as safe. Never pass text that came from a request or a crawl. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** The URL when it is an absolute http(s) URL, else undefined (so `javascript:` and the like never become links). */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link to an external (crawled) URL that opens in a new tab without a referrer; plain text when not http(s). */
export function extLink(url: string | undefined, text?: string): SafeHtml {
  const href = safeHref(url);
  const label = text ?? url ?? '';
  if (!href) return html`<span class="url">${label}</span>`;
  return html`<a class="url" href="${href}" target="_blank" rel="noopener noreferrer nofollow">${label}</a>`;
}

/** A query string from the set values of an object. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
