// crawl stage: checks link targets the crawler does not fetch as pages (attachments, images, external links,
// pages past the limits) — straight through the HTTP client, one p-queue per host, never through the crawler.
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import PQueue from 'p-queue';
import type { TargetFacts } from '../checks/index.ts';
import type { Logger } from '../log/index.ts';
import { intranetHostReason } from './address-guard.ts';
import { decodeHtml } from './decode.ts';
import { releaseDocument, textOf, walkElements } from './page-parser.ts';
import { FetchError } from './fetch-error.ts';
import { BROWSER_USER_AGENT, type FetchResult, type HttpClient } from './http-client.ts';
import { extensionOf } from './url.ts';

export interface ProbeOptions {
  /** Parallel requests to one host of the site / to one external host. */
  siteConcurrency: number;
  externalConcurrency: number;
  /** Pause between requests to one host of the site, ms. */
  siteDelayMs: number;
  /** Host names of the site. */
  siteHosts: string[];
  /** Check links to other sites. */
  external: boolean;
  /** The longest Retry-After we wait for, seconds. */
  maxRetryAfterS?: number;
  /** Extensions that are attachments: checked with HEAD first. */
  attachmentExtensions: string[];
  /** URLs matching these are not checked. */
  exclude: RegExp[];
}

const BROWSER_HEADERS = {
  'user-agent': BROWSER_USER_AGENT,
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
};

const ASSET_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'ico', 'bmp', 'css', 'js', 'mp4', 'mp3', 'swf', 'flv', 'woff', 'woff2', 'ttf']);

/** Probes link targets and returns their facts. */
export class LinkProber {
  private readonly queues = new Map<string, PQueue>();
  private readonly sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  constructor(
    private readonly http: HttpClient,
    private readonly options: ProbeOptions,
    private readonly log: Logger,
  ) {}

  /** Probes every URL (deduplicated by the caller), calling `onFacts` as each completes. */
  async probeAll(urls: string[], onFacts: (facts: TargetFacts) => void): Promise<void> {
    await Promise.all(
      urls.map((url) =>
        this.probe(url).then(onFacts, (err: unknown) => {
          this.log.error({ err, url }, 'link probe failed unexpectedly');
          onFacts({ url, outcome: 'error', errorKind: 'network', errorMessage: String(err) });
        }),
      ),
    );
  }

  /** Facts about one target. Literal intranet URLs and excluded ones are classified without a connection. */
  async probe(url: string): Promise<TargetFacts> {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase();
    const sameSite = this.options.siteHosts.includes(host);
    if (!sameSite && intranetHostReason(host)) return { url, outcome: 'excluded', errorKind: 'intranet', errorMessage: intranetHostReason(host) };
    if (this.options.exclude.some((re) => re.test(url))) return { url, outcome: 'excluded', errorMessage: 'excluded by the site config' };
    if (!sameSite && !this.options.external) return { url, outcome: 'excluded', errorMessage: 'external links are not checked (checks.links.external)' };
    const queue = this.queueFor(parsed.host, sameSite);
    return (await queue.add(() => this.check(url))) as TargetFacts;
  }

  private queueFor(host: string, sameSite: boolean): PQueue {
    let q = this.queues.get(host);
    if (!q) {
      const delay = sameSite ? this.options.siteDelayMs : 0;
      q = new PQueue({
        concurrency: sameSite ? this.options.siteConcurrency : this.options.externalConcurrency,
        ...(delay > 0 ? { interval: delay, intervalCap: 1 } : {}),
      });
      this.queues.set(host, q);
    }
    return q;
  }

  private async check(url: string): Promise<TargetFacts> {
    const ext = extensionOf(url);
    const headFirst = ASSET_EXTENSIONS.has(ext) || this.options.attachmentExtensions.includes(ext);
    try {
      let res = headFirst ? await this.request(url, 'HEAD') : await this.request(url, 'GET');
      let method: TargetFacts['method'] = headFirst ? 'HEAD' : 'GET';
      // Servers that refuse or mishandle HEAD get a GET.
      if (headFirst && (res.status === 405 || res.status === 501 || res.status === 400 || res.status === 403 || res.status >= 500)) {
        res = await this.request(url, 'GET');
        method = 'GET';
      }
      if (res.status === 429 || res.status === 503) {
        const wait = retryAfterSeconds(res.headers['retry-after']);
        if (wait !== undefined && wait <= (this.options.maxRetryAfterS ?? 10)) {
          await this.sleep(wait * 1000);
          res = await this.request(url, 'GET');
          method = 'GET';
        }
      }
      let confirmed: boolean | undefined;
      if (res.status === 403 || res.status === 429) {
        // Bot blocking is common: ask again the way a browser would before calling it broken.
        const again = await this.request(url, 'GET', BROWSER_HEADERS);
        if (again.status < 400) {
          res = again;
          method = 'GET';
        } else confirmed = false;
      }
      return { ...factsOf(url, res, method), ...(confirmed === false ? { confirmed: false } : {}) };
    } catch (err) {
      const fe = err instanceof FetchError ? err : undefined;
      return {
        url,
        outcome: 'error',
        errorKind: fe?.kind ?? 'network',
        errorMessage: (err as Error).message,
        ...((err as { redirects?: string[] }).redirects ? { redirects: (err as { redirects: string[] }).redirects } : {}),
      };
    }
  }

  private request(url: string, method: 'GET' | 'HEAD', headers?: Record<string, string>): Promise<FetchResult> {
    return this.http.fetch(url, { method, headers, maxBytes: method === 'GET' ? 256 * 1024 : 0 });
  }
}

/** The facts of an HTTP answer; for HTML, the title and the start of the visible text (soft-404 judgement). */
export function factsOf(url: string, res: FetchResult, method: TargetFacts['method']): TargetFacts {
  const contentType = res.headers['content-type'];
  const facts: TargetFacts = {
    url,
    outcome: 'fetched',
    status: res.status,
    finalUrl: res.finalUrl,
    ...(res.redirects.length ? { redirects: res.redirects } : {}),
    ...(contentType ? { contentType } : {}),
    method,
  };
  if (method !== 'HEAD' && /html/i.test(contentType ?? '') && res.body.length) {
    const $ = cheerio.load(decodeHtml(res.body, contentType).text);
    Object.assign(facts, pageTextFacts($));
    releaseDocument($);
  }
  return facts;
}

/** Title, visible text length and start of a parsed page (the document is left as it was). */
export function pageTextFacts($: cheerio.CheerioAPI): Pick<TargetFacts, 'title' | 'textLength' | 'textStart'> {
  let titleEl: Element | undefined;
  const bodies: Element[] = [];
  walkElements($.root()[0]!.children, (el) => {
    if (el.name === 'title') titleEl ??= el;
    else if (el.name === 'body') bodies.push(el);
  });
  const title = titleEl ? textOf([titleEl]).trim().replace(/\s+/g, ' ') : '';
  let text = textOf(bodies);
  // Script and style text is not visible: each block's text is cut out (its first occurrence, block by block).
  walkElements(
    bodies.flatMap((b) => b.children),
    (el) => {
      if (!JUNK.has(el.name)) return;
      const junk = textOf([el]);
      if (junk) text = text.replace(junk, ' ');
    },
  );
  text = text.replace(/\s+/g, ' ').trim();
  return { title, textLength: text.length, textStart: text.slice(0, 300) };
}

const JUNK = new Set(['script', 'style', 'noscript', 'template']);

function retryAfterSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
