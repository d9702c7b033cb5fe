// crawl stage: Crawlee's PlaywrightCrawler on Debian's Chromium, for pages that need JavaScript. Every request the
// browser makes is answered through the product's own HTTP client (page.route), so the browser obeys the same
// resolver, address guard and timeouts, and images, fonts and media are never downloaded.
import { chromium } from 'playwright-core';
import { PlaywrightCrawler, type Configuration, type PlaywrightCrawlingContext, type RequestQueue } from '@crawlee/playwright';
import type { Page, Route } from 'playwright-core';
import type { Logger } from '../log/index.ts';
import { CHROMIUM_ARGS } from './chromium.ts';
import { crawleeLog } from './crawlee-log.ts';
import { FetchError } from './fetch-error.ts';
import type { HttpClient } from './http-client.ts';

const BLOCKED_TYPES = new Set(['image', 'font', 'media', 'websocket', 'manifest', 'texttrack', 'eventsource']);

export interface BrowserPage {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  html: string;
  depth: number;
}

export interface BrowserCrawlOptions {
  executablePath: string;
  requestQueue: RequestQueue;
  config: Configuration;
  http: HttpClient;
  log: Logger;
  maxConcurrency: number;
  retries: number;
  timeoutMs: number;
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

/** Builds the browser crawler for one site's browser queue. */
export function createBrowserCrawler(options: BrowserCrawlOptions): PlaywrightCrawler {
  const routed = new WeakSet<Page>();
  return new PlaywrightCrawler(
    {
      requestQueue: options.requestQueue,
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
      browserPoolOptions: { useFingerprints: false, retireBrowserAfterPageCount: 500 },
      preNavigationHooks: [
        async ({ page }: PlaywrightCrawlingContext, gotoOptions) => {
          if (gotoOptions) gotoOptions.waitUntil = 'load';
          if (!routed.has(page)) {
            routed.add(page);
            await page.route('**/*', (route: Route) => answer(route, options.http));
          }
        },
      ],
      requestHandler: async ({ page, request, response }) => {
        // Scripts that build content after load get a moment, bounded (not network idle).
        await page.waitForLoadState('domcontentloaded');
        await page.waitForTimeout(100);
        const html = await page.content();
        await options.onPage({
          url: request.url,
          finalUrl: page.url(),
          status: response?.status() ?? 200,
          contentType: (await response?.headerValue('content-type')) ?? 'text/html',
          html,
          depth: (request.userData.depth as number) ?? 0,
        });
      },
      failedRequestHandler: async ({ request }, error) => {
        await options.onFailed(request.url, (request.userData.depth as number) ?? 0, error);
      },
    },
    options.config,
  );
}
