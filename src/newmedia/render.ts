// new-media stage: rendering script-drawn mirrors (Weibo-like timelines) in Debian's Chromium. One browser per
// site survey, launched on first use; every request the page makes is answered through the product's HTTP client
// (the crawl's route helper), so the resolver and the address guard apply here too.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { answer } from '../crawl/browser-crawler.ts';
import { CHROMIUM_ARGS, findChromium } from '../crawl/chromium.ts';
import type { HttpClient } from '../crawl/http-client.ts';

/** Renders pages on demand; `close()` when the survey is done. */
export class MirrorRenderer {
  private browser?: Promise<{ browser: Browser; context: BrowserContext }>;

  constructor(
    private readonly http: HttpClient,
    private readonly executablePath: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  /** A renderer using the configured or an installed Chromium. `available` is false when none was found. */
  static create(http: HttpClient, configured: string | undefined, timeoutMs: number): MirrorRenderer {
    return new MirrorRenderer(http, findChromium(configured).path, timeoutMs);
  }

  get available(): boolean {
    return Boolean(this.executablePath);
  }

  private start() {
    this.browser ??= (async () => {
      const browser = await chromium.launch({ executablePath: this.executablePath!, args: CHROMIUM_ARGS, headless: true, timeout: this.timeoutMs });
      const context = await browser.newContext({ javaScriptEnabled: true });
      await context.route('**/*', (route) => answer(route, this.http));
      return { browser, context };
    })();
    return this.browser;
  }

  /** The page's HTML after its scripts ran: waits for `readySelector` (bounded), else a short pause. */
  async render(url: string, readySelector?: string): Promise<string> {
    if (!this.executablePath) throw new Error('no Chromium found for a script-rendered mirror');
    const { context } = await this.start();
    const page = await context.newPage();
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.timeoutMs });
      if (readySelector) await page.waitForSelector(readySelector, { timeout: Math.min(5000, this.timeoutMs) }).catch(() => undefined);
      else await page.waitForTimeout(200);
      return await page.content();
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.browser) return;
    const b = await this.browser.catch(() => undefined);
    this.browser = undefined;
    await b?.browser.close().catch(() => undefined);
  }
}
