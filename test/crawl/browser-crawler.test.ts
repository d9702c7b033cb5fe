// The browser crawler in Debian's Chromium against a loopback site: what scripts draw after the HTML is waited for
// (bounded), pages are reused across URLs, every request still goes through the HTTP client and its address guard,
// and a page that hangs fails alone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Configuration, RequestQueue } from '@crawlee/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, HttpClient, Resolver } from '../../src/crawl/index.ts';
import { createBrowserCrawler, type BrowserPage } from '../../src/crawl/browser-crawler.ts';
import { silentLogger } from '../../src/log/index.ts';

const chromium = findChromium().path;

/** Pages of the loopback site, by path. `forbidden` is the origin of a server the guard must keep the browser from. */
function pages(forbidden: string): Record<string, string> {
  const doc = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
  return {
    // Items drawn one by one, 60 ms apart, starting after load: a fixed pause after load would see the first two.
    '/drip.html': doc(`<ul id="list"></ul><script>
window.addEventListener('load', function () {
  var n = 0;
  var timer = setInterval(function () {
    var li = document.createElement('li'); li.textContent = '条目' + (++n); document.getElementById('list').appendChild(li);
    if (n === 8) clearInterval(timer);
  }, 60);
});</script>`),
    // A list drawn from data the page fetches; the server takes 400 ms to answer.
    '/xhr.html': doc(`<ul id="news"></ul><script>
fetch('/data.json').then(function (r) { return r.json(); }).then(function (rows) {
  rows.forEach(function (row) { var li = document.createElement('li'); li.innerHTML = '<a href="' + row.href + '">' + row.t + '</a>'; document.getElementById('news').appendChild(li); });
});</script>`),
    // Requests to a host outside the allowed ranges, by script, frame, popup and stylesheet.
    '/escape.html': doc(`<p>外链</p><iframe src="${forbidden}/frame"></iframe><link rel="stylesheet" href="${forbidden}/s.css">
<script>fetch('${forbidden}/data').catch(function () {}); window.open('${forbidden}/popup');</script>`),
    '/hang.html': doc(`<p>卡住</p><script>for (;;) {}</script>`),
    ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`/p${i}.html`, doc(`<p>第${i}页</p><img src="/img${i}.png">`)])),
    ...Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`/opener${i}.html`, doc(`<p>弹窗${i}</p><script>window.open('/p${i}.html');</script>`)])),
  };
}

async function listen(host: string, handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}`, hits };
}

let site: Awaited<ReturnType<typeof listen>>;
let outside: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  outside = await listen('127.0.0.2', (_req, res) => res.end('intranet'));
  const content = pages(outside.origin);
  site = await listen('127.0.0.1', (req, res) => {
    if (req.url === '/data.json') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ t: '通知一', href: '/n1.html' }, { t: '通知二', href: '/n2.html' }])), 400);
      return;
    }
    const html = content[req.url ?? ''];
    if (html) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<p>404</p>');
  });
});
afterAll(async () => {
  await Promise.all([site, outside].map((s) => s && new Promise((r) => s.server.close(r))));
});

/** Crawls `paths` of the loopback site; returns the pages rendered, the failures and how many pages Chromium opened. */
async function crawl(paths: string[], o: { timeoutMs?: number; maxConcurrency?: number; navigationsPerPage?: number; pagesPerBrowser?: number } = {}) {
  const network = { dnsServers: [], hosts: {}, timeoutMs: 5000, userAgent: 'govhealth-test', allowPrivate: ['127.0.0.1/32'] };
  const http = new HttpClient(network, new Resolver(network));
  const config = new Configuration({ persistStorage: false });
  const requestQueue = await RequestQueue.open(null, { config });
  await requestQueue.addRequests(paths.map((p) => ({ url: site.origin + p, userData: { depth: 1 } })));
  const rendered = new Map<string, BrowserPage>();
  let context: BrowserContext | undefined;
  let mostPagesOpen = 0;
  const failed: string[] = [];
  const crawler = createBrowserCrawler({
    executablePath: chromium!,
    requestQueue,
    config,
    http,
    log: silentLogger(),
    maxConcurrency: o.maxConcurrency ?? 2,
    retries: 0,
    timeoutMs: o.timeoutMs ?? 15_000,
    onPage: async (p) => {
      rendered.set(new URL(p.url).pathname, p);
      mostPagesOpen = Math.max(mostPagesOpen, context?.pages().length ?? 0);
    },
    onFailed: async (url) => void failed.push(new URL(url).pathname),
    navigationsPerPage: o.navigationsPerPage,
    pagesPerBrowser: o.pagesPerBrowser,
  });
  let opened = 0;
  let launched = 0;
  // BROWSER_POOL_EVENTS (a const enum of @crawlee/browser-pool, which the product does not import).
  const events = crawler.browserPool as unknown as NodeJS.EventEmitter;
  events.on('pageCreated', (page: Page) => {
    opened++;
    context = page.context();
  });
  events.on('browserLaunched', () => launched++);
  try {
    await crawler.run();
  } finally {
    await http.close();
  }
  return { rendered, failed, opened, launched, mostPagesOpen };
}

describe.skipIf(!chromium)('browser crawler', () => {
  it('waits for items a script draws one by one after load, and for a list drawn from fetched data', async () => {
    const { rendered, failed } = await crawl(['/drip.html', '/xhr.html']);
    expect(failed).toEqual([]);
    expect(rendered.get('/drip.html')!.html.match(/<li>条目\d<\/li>/g)).toHaveLength(8);
    expect(rendered.get('/xhr.html')!.html).toContain('<a href="/n2.html">通知二</a>');
  }, 60_000);

  it('renders many URLs in as many pages as it runs at once, not one page per URL', async () => {
    const paths = Array.from({ length: 6 }, (_, i) => `/p${i}.html`);
    const { rendered, opened } = await crawl(paths, { maxConcurrency: 2 });
    for (const [i, p] of paths.entries()) expect(rendered.get(p)?.html).toContain(`第${i}页`);
    expect(opened).toBeLessThanOrEqual(2);
    // Images are not fetched at all: the checks read <img> from the HTML and probe the targets themselves.
    expect(site.hits.filter((h) => h.endsWith('.png'))).toEqual([]);
  }, 60_000);

  it('sends no request from a reused page, a frame or a popup to an address outside the allowed ranges', async () => {
    const { rendered } = await crawl(['/p0.html', '/p1.html', '/escape.html', '/p2.html'], { maxConcurrency: 1 });
    expect(rendered.get('/escape.html')?.html).toContain('外链');
    expect(outside.hits).toEqual([]);
  }, 60_000);

  it('closes the popups pages open, so they do not pile up in a page that serves many URLs', async () => {
    const paths = Array.from({ length: 4 }, (_, i) => `/opener${i}.html`);
    const { rendered, mostPagesOpen } = await crawl(paths, { maxConcurrency: 1 });
    for (const [i, p] of paths.entries()) expect(rendered.get(p)?.html).toContain(`弹窗${i}`);
    // The crawling page, the browser's first blank page, and at most the popup just opened.
    expect(mostPagesOpen).toBeLessThanOrEqual(3);
  }, 60_000);

  it('replaces pages and browsers after their share of navigations, the route and guard in place in each', async () => {
    const paths = [...Array.from({ length: 6 }, (_, i) => `/p${i}.html`), '/escape.html', '/xhr.html'];
    const { rendered, failed, opened, launched } = await crawl(paths, { maxConcurrency: 2, navigationsPerPage: 2, pagesPerBrowser: 2 });
    expect(failed).toEqual([]);
    expect([...rendered.keys()].sort()).toEqual([...paths].sort());
    expect(rendered.get('/xhr.html')!.html).toContain('<a href="/n2.html">通知二</a>');
    expect(opened).toBeGreaterThanOrEqual(4);
    expect(launched).toBeGreaterThanOrEqual(2);
    expect(outside.hits).toEqual([]);
  }, 60_000);

  it('fails a page whose script never ends without holding up the pages after it', async () => {
    const { rendered, failed } = await crawl(['/hang.html', '/p3.html', '/p4.html'], { timeoutMs: 3000, maxConcurrency: 1 });
    expect(failed).toEqual(['/hang.html']);
    expect(rendered.get('/p3.html')?.html).toContain('第3页');
    expect(rendered.get('/p4.html')?.html).toContain('第4页');
  }, 60_000);
});
