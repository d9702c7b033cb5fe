// crawl stage: Crawlee's PlaywrightCrawler on Debian's Chromium, for pages that need JavaScript. Every request the
// browser makes is answered through the product's own HTTP client (a route on the browser context), so the browser
// obeys the same resolver, address guard and timeouts, and images, fonts and media are never downloaded. Pages are
// kept open and navigated again rather than opened per URL: a new page costs a renderer process and its set-up,
// about half of the CPU a page took.
import { chromium } from 'playwright-core';
import { PlaywrightCrawler, type Configuration, type PlaywrightCrawlingContext, type RequestQueue } from '@crawlee/playwright';
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { Logger } from '../log/index.ts';
import { CHROMIUM_ARGS } from './chromium.ts';
import { crawleeLog } from './crawlee-log.ts';
import { FetchError } from './fetch-error.ts';
import type { HttpClient } from './http-client.ts';
import type { PageInput } from './page-analysis.ts';

const BLOCKED_TYPES = new Set(['image', 'font', 'media', 'websocket', 'manifest', 'texttrack', 'eventsource']);

/** A page the browser rendered: what the HTTP crawler hands over, less the crawler's name. */
export type BrowserPage = Omit<PageInput, 'renderedBy'>;

export interface BrowserCrawlOptions {
  executablePath: string;
  requestQueue: RequestQueue;
  config: Configuration;
  http: HttpClient;
  log: Logger;
  maxConcurrency: number;
  retries: number;
  timeoutMs: number;
  /** Navigations a page serves before it is closed and a fresh one opened (default 100). */
  navigationsPerPage?: number;
  /** Pages a browser opens before it is replaced by a fresh one (default 10, about 1,000 navigations). */
  pagesPerBrowser?: number;
  onPage(page: BrowserPage): Promise<void>;
  onFailed(url: string, depth: number, error: Error): Promise<void>;
}

/** Answers a browser request through the HTTP client (redirects handed back to the browser to follow). */
export async function answer(route: Route, http: HttpClient): Promise<void> {
  const req = route.request();
  if (BLOCKED_TYPES.has(req.resourceType()) || (req.method() !== 'GET' && req.method() !== 'HEAD')) {
    await route.abort('blockedbyclient');
    return;
  }
  try {
    const res = await http.fetch(req.url(), { method: req.method() as 'GET' | 'HEAD', maxRedirects: 0, maxBytes: 20 * 1024 * 1024 });
    const headers = { ...res.headers };
    delete headers['content-encoding'];
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    await route.fulfill({ status: res.status, headers, body: res.body });
  } catch (err) {
    const kind = err instanceof FetchError ? err.kind : 'network';
    await route.abort(kind === 'timeout' ? 'timedout' : kind === 'dns' ? 'namenotresolved' : kind === 'refused' ? 'connectionrefused' : 'failed');
  }
}

/**
 * How long a page is given to finish: its `load` event (images are never fetched, so it comes soon after the HTML
 * unless a script or frame is slow), then until its DOM has stopped changing for SETTLE_QUIET_MS and no XHR/fetch
 * it made is unanswered. Both waits are bounded: a page that never settles is taken as it is, never a failure.
 */
const LOAD_WAIT_MS = 5000;
const SETTLE_QUIET_MS = 100;
const SETTLE_MAX_MS = 3000;

/** Resource types a script uses to fetch the content it draws. */
const DATA_TYPES = new Set(['xhr', 'fetch']);

/**
 * Resolves with the document's HTML (as Playwright's page.content() serialises it) once the DOM — elements and
 * text, not attributes: tickers animate styles forever — has not changed for `quiet` ms, or after `max` ms. Taking
 * the HTML here saves page.content() a protocol round trip and, on every new document, the injection of
 * Playwright's own script that it needs. Source text, not a function: the page gets it as written, without the
 * transpiler's helpers.
 */
const DOM_QUIET = `(quiet, max) => new Promise((resolve) => {
  let timer;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
  const cap = setTimeout(done, max);
  function done() {
    observer.disconnect(); clearTimeout(timer); clearTimeout(cap);
    const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
    resolve(doctype + (document.documentElement ? document.documentElement.outerHTML : ''));
  }
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  timer = setTimeout(done, quiet);
})`;

/** XHR/fetch requests of each page still being answered through the HTTP client. */
class PendingData {
  private readonly count = new WeakMap<Page, number>();
  private readonly drained = new WeakMap<Page, (() => void)[]>();

  /** Counts a request while it is answered; returns the function to call when it is. */
  start(page: Page): () => void {
    this.count.set(page, (this.count.get(page) ?? 0) + 1);
    return () => {
      const left = (this.count.get(page) ?? 1) - 1;
      this.count.set(page, left);
      if (left === 0) for (const wake of this.drained.get(page)?.splice(0) ?? []) wake();
    };
  }

  /** Resolves when the page has no request in flight, or after `ms`. */
  async idle(page: Page, ms: number): Promise<void> {
    if (!this.count.get(page)) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      const list = this.drained.get(page) ?? [];
      list.push(resolve);
      this.drained.set(page, list);
    });
    clearTimeout(timer);
  }

  busy(page: Page): boolean {
    return Boolean(this.count.get(page));
  }
}

/** The page of a request, if it has one (a service worker's requests have none). */
function pageOf(route: Route): Page | undefined {
  try {
    return route.request().frame().page();
  } catch {
    return undefined;
  }
}

/**
 * Waits for what a page's scripts draw — the load event (bounded), then until the DOM is quiet and the page's own
 * data requests are answered (bounded) — and returns the page's HTML then. Throws when the page navigates away
 * meanwhile.
 */
async function settle(page: Page, pending: PendingData): Promise<string> {
  await page.waitForLoadState('load', { timeout: LOAD_WAIT_MS }).catch(() => undefined);
  const deadline = Date.now() + SETTLE_MAX_MS;
  for (;;) {
    const html = (await page.evaluate(`(${DOM_QUIET})(${SETTLE_QUIET_MS}, ${Math.max(0, deadline - Date.now())})`)) as string;
    if (!pending.busy(page) || Date.now() >= deadline) return html;
    await pending.idle(page, deadline - Date.now());
  }
}

/**
 * Open pages between requests. A page goes back to the pool only when its request handler finished (a page whose
 * navigation failed or timed out is closed as before), while its browser is still in service, and until it has
 * served `maxUses` navigations (bounding what a renderer can accumulate).
 */
class PagePool {
  constructor(private readonly maxUses: number) {}

  private readonly idle: Page[] = [];
  private readonly uses = new WeakMap<Page, number>();
  private readonly finished = new WeakSet<Page>();

  /** The request handler completed on this page: it may serve another request. */
  markFinished(page: Page): void {
    this.finished.add(page);
  }

  /** Takes an idle page still fit for use; pages that are not are closed. */
  async take(inService: (page: Page) => boolean): Promise<Page | undefined> {
    for (let page; (page = this.idle.pop()); ) {
      if (!page.isClosed() && inService(page)) return page;
      await page.close().catch(() => undefined);
    }
    return undefined;
  }

  /** Keeps the page for the next request; false when it must be closed instead. */
  release(page: Page, inService: (page: Page) => boolean): boolean {
    const finished = this.finished.delete(page);
    const uses = (this.uses.get(page) ?? 0) + 1;
    this.uses.set(page, uses);
    if (!finished || uses >= this.maxUses || page.isClosed() || !inService(page)) return false;
    // Crawlee's PlaywrightCrawler adds a download listener for each request it serves with the page.
    page.removeAllListeners('download');
    this.idle.push(page);
    return true;
  }
}

/** PlaywrightCrawler whose pages serve many requests (Crawlee opens and closes one per request). */
class ReusingPlaywrightCrawler extends PlaywrightCrawler {
  constructor(
    options: ConstructorParameters<typeof PlaywrightCrawler>[0],
    config: Configuration,
    private readonly pages: PagePool,
  ) {
    super(options, config);
    // BrowserPool.newPage is where BrowserCrawler takes the page for a request; an idle page is served first.
    const pool = this.browserPool;
    const open = pool.newPage.bind(pool);
    pool.newPage = (async (pageOptions?: Parameters<typeof open>[0]) =>
      (await this.pages.take((p) => this.inService(p))) ?? open(pageOptions)) as typeof pool.newPage;
  }

  private inService(page: Page): boolean {
    const controller = this.browserPool.getBrowserControllerByPage(page);
    return Boolean(controller?.isActive && this.browserPool.activeBrowserControllers.has(controller));
  }

  protected override async _cleanupContext(context: PlaywrightCrawlingContext): Promise<void> {
    if (context.page && this.pages.release(context.page, (p) => this.inService(p))) return;
    await super._cleanupContext(context);
  }
}

/** Builds the browser crawler for one site's browser queue. */
export function createBrowserCrawler(options: BrowserCrawlOptions): PlaywrightCrawler {
  const routed = new WeakMap<BrowserContext, Promise<void>>();
  const pages = new PagePool(options.navigationsPerPage ?? 100);
  const pending = new PendingData();
  const answerCounted = async (route: Route) => {
    const page = DATA_TYPES.has(route.request().resourceType()) ? pageOf(route) : undefined;
    const done = page && pending.start(page);
    try {
      await answer(route, options.http);
    } finally {
      done?.();
    }
  };
  return new ReusingPlaywrightCrawler(
    {
      requestQueue: options.requestQueue,
      // Fixed, like the HTTP crawler's: Crawlee otherwise starts at one page and adds more only while the whole
      // machine's CPU is below 95%, which on a shared server kept the crawl at one page at a time.
      minConcurrency: options.maxConcurrency,
      maxConcurrency: options.maxConcurrency,
      maxRequestRetries: options.retries,
      maxSessionRotations: 0,
      useSessionPool: false,
      persistCookiesPerSession: false,
      navigationTimeoutSecs: Math.ceil(options.timeoutMs / 1000),
      requestHandlerTimeoutSecs: Math.ceil(options.timeoutMs / 1000) + 10,
      log: crawleeLog(options.log),
      headless: true,
      launchContext: {
        launcher: chromium,
        useIncognitoPages: false,
        launchOptions: { executablePath: options.executablePath, args: CHROMIUM_ARGS, headless: true },
      },
      browserPoolOptions: {
        useFingerprints: false,
        // Pages are reused, so this counts hundreds of navigations each: a fresh browser every thousand or so, as
        // before (every 500 pages) a browser process's own state is not left to grow without end.
        retireBrowserAfterPageCount: options.pagesPerBrowser ?? 10,
        // One route for the whole context, in place before any of its pages navigates: it covers every page and
        // popup. Every new page waits for it. Popups are closed as they open: nothing reads them, and in a browser
        // that serves a thousand navigations they would pile up.
        postPageCreateHooks: [
          async (page) => {
            const context = page.context();
            let route = routed.get(context);
            if (!route) {
              context.on('page', (p: Page) => void p.opener().then((opener: Page | null) => opener && p.close()).catch(() => undefined));
              routed.set(context, (route = context.route('**/*', (r: Route) => answerCounted(r))));
            }
            await route;
          },
        ],
      },
      preNavigationHooks: [
        async ({ page, request }: PlaywrightCrawlingContext, gotoOptions) => {
          if (gotoOptions) gotoOptions.waitUntil = 'domcontentloaded';
          // A reused page showing the same document would only scroll to the fragment: load it afresh.
          if (page.url().split('#')[0] === request.url.split('#')[0]) await page.goto('about:blank');
        },
      ],
      requestHandler: async ({ page, request, response }) => {
        // Scripts that build content after the HTML get until the page settles, bounded (not network idle). A page
        // that navigates itself meanwhile is taken once its new document is there.
        const html = await settle(page, pending).catch(async () => {
          await page.waitForLoadState('domcontentloaded');
          return page.content();
        });
        pages.markFinished(page);
        await options.onPage({
          url: request.url,
          finalUrl: page.url(),
          status: response?.status() ?? 200,
          contentType: response?.headers()['content-type'] ?? 'text/html',
          html,
          depth: (request.userData.depth as number) ?? 0,
        });
      },
      failedRequestHandler: async ({ request }, error) => {
        await options.onFailed(request.url, (request.userData.depth as number) ?? 0, error);
      },
    },
    options.config,
    pages,
  );
}
