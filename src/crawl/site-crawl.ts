// crawl stage: the crawl of one site — a self-contained job (queue, pages, link probes, checks, findings) that
// resumes where a killed process left it. Sites are crawled one job each, so the job can later move to a worker.
import { mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { Configuration, RequestQueue, type CheerioCrawlingContext } from '@crawlee/cheerio';
import type { Check, CheckContext, FindingDraft, TargetFacts } from '../checks/index.ts';
import { isInScope, renderModeFor, siteHosts, type AppConfig, type SiteConfig } from '../config/index.ts';
import { BlockedAddressError } from '../errors/index.ts';
import type { Logger } from '../log/index.ts';
import type { Store } from '../storage/index.ts';
import type { AddressGuard } from './address-guard.ts';
import { findChromium } from './chromium.ts';
import { crawleeLog } from './crawlee-log.ts';
import { classifyFetchError } from './fetch-error.ts';
import type { HttpClient } from './http-client.ts';
import { Frontier } from './frontier.ts';
import { GovCheerioCrawler, PageText } from './http-crawler.ts';
import { LinkProber } from './link-prober.ts';
import { analysePage, type PageInput } from './page-analysis.ts';
import { runSiteChecks } from './site-checks.ts';
import { extensionOf, looksLikePage, normalizeUrl } from './url.ts';

export interface SiteCrawlOptions {
  site: SiteConfig;
  config: AppConfig & { dataDir: string };
  store: Store;
  http: HttpClient;
  checks: readonly Check[];
  services: CheckContext['services'];
  /** The clock the checks judge by. */
  now: Date;
  log: Logger;
  /** Called every time a page is done (progress display). */
  onProgress?(progress: CrawlProgress): void;
  /** Environment (for $GOVHEALTH_CHROMIUM); defaults to the process's. */
  env?: Record<string, string | undefined>;
}

export interface CrawlProgress {
  siteId: string;
  pages: number;
  queued: number;
  findings: number;
}

export interface SiteCrawlResult {
  runId: number;
  resumed: boolean;
  pages: number;
  linksChecked: number;
  findings: number;
  browserSkipped: number;
  durationMs: number;
}

/** Crawls one site, runs its checks and stores what was found. */
export async function crawlSite(options: SiteCrawlOptions): Promise<SiteCrawlResult> {
  const { site, config, store, http, now, checks } = options;
  const log = options.log.child({ module: 'crawl', site: site.id });
  const started = performance.now();
  // Only checks with a hook run in a crawl; findings of the others (probes) are never resolved by a crawl.
  const checkIds = checks.filter((c) => c.onPage || c.onSite || c.onAttachment).map((c) => c.id);
  const previous = store.runs.unfinished(site.id, 'crawl');
  const run = previous ?? store.runs.start(site.id, 'crawl', new Date(), now, checkIds);
  const judgedAt = previous ? new Date(previous.judgedAt) : now;
  const resumed = Boolean(previous);
  const storageDir = join(config.dataDir, 'crawl', site.id);
  mkdirSync(storageDir, { recursive: true });
  log.info({ runId: run.id, resumed }, resumed ? 'resuming an interrupted crawl' : 'crawl started');

  // The durable crawl state is the database (pages and their links, written as each page is done): a killed crawl
  // resumes from its frontier there. Crawlee's queues stay in memory (its one-JSON-file-per-request persistence
  // halved the crawl rate) and its storage folder is under the data folder, not the working directory.
  const crawleeConfig = new Configuration({
    persistStorage: false,
    purgeOnStart: true,
    storageClientOptions: { localDataDirectory: storageDir },
  });
  // The HTTP crawler runs at fixed concurrency, so Crawlee's once-a-second system snapshots (a `ps` of the process
  // tree each time) only cost CPU; they are taken once a minute. The browser crawler keeps the default.
  const httpCrawleeConfig = new Configuration({
    persistStorage: false,
    purgeOnStart: false,
    storageClientOptions: { localDataDirectory: storageDir },
    systemInfoIntervalMillis: 60_000,
  });
  // Pages to fetch over HTTP: only what waits or is in flight is held (Crawlee's queue keeps every request it had).
  const httpQueue = new Frontier();
  // The browser queue is opened when the first browser page turns up: a Crawlee queue preallocates its
  // deduplication cache (16 MB), and most sites have no browser pages.
  let browserQueue: RequestQueue | undefined;

  const hosts = siteHosts(site);
  const limits = { ...config.crawl.limits, ...site.limits };
  const politeness = { ...config.crawl.politeness, ...site.politeness };
  // The freshness checks keep per-run snapshots and read the probe history through their stores.
  const services = { ...options.services, snapshots: store.snapshots, probes: store.probes };
  const ctx: CheckContext = { site, config, now: judgedAt, log, http, services };
  const pageChecks = checks.filter((c) => c.onPage);
  let queued = 0;
  let pagesDone = store.pages.pageCount(run.id);
  let findingsCount = 0;
  const chromium = findChromium(config.crawl.chromium, options.env);
  let browserSkipped = 0;

  // URLs already handed to a queue in this process: nav links repeat on every page, so most adds are skipped here
  // (the queues themselves deduplicate across restarts).
  const offered = new Set<string>();
  const enqueue = async (urls: string[], depth: number) => {
    if (depth > limits.maxDepth) return;
    const batches = { http: [] as string[], browser: [] as string[] };
    for (const url of urls) {
      if (offered.has(url)) continue;
      offered.add(url);
      batches[renderModeFor(site, url)].push(url);
    }
    for (const [mode, list] of Object.entries(batches) as ['http' | 'browser', string[]][]) {
      const room = limits.maxPages - queued;
      if (!list.length || room <= 0) continue;
      if (mode === 'http') {
        queued += httpQueue.add(list.slice(0, room), depth);
        continue;
      }
      browserQueue ??= await RequestQueue.open('browser', { config: crawleeConfig });
      const res = await browserQueue.addRequests(list.slice(0, room).map((url) => ({ url, uniqueKey: url, userData: { depth } })));
      queued += res.processedRequests.filter((r) => !r.wasAlreadyPresent).length;
    }
  };

  /** Everything done with a fetched page, whichever crawler fetched it. */
  const handlePage = async (p: { url: string; finalUrl: string; status: number; contentType: string; html: string; depth: number; renderedBy: 'http' | 'browser' }) => {
    const url = normalizeUrl(p.url);
    const finalUrl = normalizeUrl(p.finalUrl);
    // A 403/429 may be bot blocking: the link prober asks again as a browser would before anything is reported.
    if (p.status === 403 || p.status === 429) {
      store.pages.recordPage(run.id, { url, finalUrl, status: p.status, contentType: p.contentType, depth: p.depth, renderedBy: p.renderedBy, fetchedAt: new Date() }, []);
      return;
    }
    // A redirect to another page of the site: that page is crawled (and checked) under its own URL.
    const redirected = finalUrl !== url && isInScope(site, finalUrl, hosts);
    const page: PageInput = { url, finalUrl, status: p.status, contentType: p.contentType, html: p.html, depth: p.depth, renderedBy: p.renderedBy };
    const analysis = analysePage(page, !redirected, pageChecks, ctx);
    // The page's text is not needed any more: let it die young rather than live (and be promoted to the old
    // generation) until its links are queued — an async function keeps its arguments and locals across each await.
    page.html = p.html = '';
    for (const f of analysis.failures) {
      log.error({ err: f.err, check: f.check, url }, 'a page check failed; the page is recorded without it');
    }
    const facts: TargetFacts = {
      url,
      outcome: 'fetched',
      status: p.status,
      finalUrl,
      ...(finalUrl !== url ? { redirects: [finalUrl] } : {}),
      contentType: p.contentType,
      method: p.renderedBy === 'browser' ? 'browser' : 'crawl',
      ...analysis.textFacts,
    };
    const title = analysis.textFacts?.title;
    if (redirected) {
      store.atomically(() => {
        store.pages.recordTarget(run.id, facts);
        store.pages.recordPage(run.id, { url, finalUrl, status: p.status, contentType: p.contentType, title, depth: p.depth, renderedBy: p.renderedBy, fetchedAt: new Date() }, []);
      });
      await enqueue([finalUrl], p.depth);
      return;
    }
    const { links, drafts, contentHash } = analysis;
    // The page, its links, its facts and its findings land together: a killed crawl has all of a page or none.
    store.atomically(() => {
      store.pages.recordTarget(run.id, facts);
      store.pages.recordPage(
        run.id,
        { url, finalUrl, status: p.status, contentType: p.contentType, ...(title !== undefined ? { title } : {}), contentHash, depth: p.depth, renderedBy: p.renderedBy, fetchedAt: new Date() },
        links,
      );
      if (drafts.length) store.findings.record(site.id, run.id, judgedAt, drafts);
    });
    findingsCount += drafts.length;
    await enqueue(
      links.filter((l) => looksLikePage(l.target, l.tag) && isInScope(site, l.target, hosts)).map((l) => l.target),
      p.depth + 1,
    );
    pagesDone++;
    options.onProgress?.({ siteId: site.id, pages: pagesDone, queued, findings: findingsCount });
  };

  const handleFailure = async (rawUrl: string, depth: number, error: Error, renderedBy: 'http' | 'browser') => {
    const url = normalizeUrl(rawUrl);
    const kind = classifyFetchError(error);
    const message = error.message.split('\n')[0]!.slice(0, 300);
    const status = /^(\d{3}) - /.exec(error.message)?.[1];
    // Redirect trouble is left to the link prober, which follows the chain itself and names loops exactly; a
    // transient failure (timeout, reset) gets the prober's request as a second opinion before it is reported.
    const transient = kind === 'timeout' || kind === 'reset' || kind === 'network';
    const deferred = transient || /redirect/i.test(error.name) || /redirected \d+ times/i.test(message);
    if (deferred) {
      store.pages.recordPage(run.id, { url, depth, renderedBy, fetchedAt: new Date(), error: message }, []);
      return;
    }
    const facts: TargetFacts = status
      ? { url, outcome: 'fetched', status: Number(status), method: 'crawl' }
      : { url, outcome: 'error', errorKind: kind, errorMessage: message, method: 'crawl' };
    store.atomically(() => {
      store.pages.recordTarget(run.id, facts);
      store.pages.recordPage(run.id, { url, depth, renderedBy, fetchedAt: new Date(), error: message, ...(status ? { status: Number(status) } : {}) }, []);
    });
    pagesDone++;
    options.onProgress?.({ siteId: site.id, pages: pagesDone, queued, findings: findingsCount });
  };

  if (resumed) {
    const done = store.pages.pageUrls(run.id);
    for (const url of done) offered.add(url);
    queued = done.length;
    const frontier = store.pages.frontier(run.id).filter((f) => looksLikePage(f.url, 'a') && isInScope(site, f.url, hosts));
    for (const f of frontier) await enqueue([f.url], f.depth);
    log.info({ done: done.length, frontier: frontier.length }, 'crawl frontier restored from the database');
  }
  await enqueue([normalizeUrl(site.homepage)], 0);
  const maxConcurrency = Math.min(config.crawl.maxConcurrency, politeness.concurrency * hosts.length);
  // Alternate between the HTTP and the browser queues until both are drained (each can discover pages for the other).
  for (let pass = 0; pass < 20; pass++) {
    let worked = false;
    if (!(await httpQueue.isFinished())) {
      worked = true;
      const crawler = new GovCheerioCrawler(
        {
          // Crawlee takes any request manager here (its CheerioCrawler options do not list `requestManager` yet).
          requestQueue: httpQueue as unknown as RequestQueue,
          maxConcurrency,
          // Start at full (polite) concurrency: the autoscaler's slow ramp-up leaves a loopback-fast site idle.
          minConcurrency: maxConcurrency,
          maxRequestRetries: config.crawl.retries,
          maxSessionRotations: 0,
          useSessionPool: false,
          persistCookiesPerSession: false,
          ignoreSslErrors: false,
          navigationTimeoutSecs: Math.ceil(config.network.timeoutMs / 1000),
          requestHandlerTimeoutSecs: 60,
          additionalMimeTypes: ['*/*'],
          ignoreHttpErrorStatusCodes: Array.from({ length: 100 }, (_, i) => 500 + i),
          ...(politeness.delayMs > 0 ? { sameDomainDelaySecs: politeness.delayMs / 1000 } : {}),
          log: crawleeLog(log),
          preNavigationHooks: [
            (_ctx, gotOptions) => {
              gotOptions.dnsLookup = http.resolver.lookupFunction() as never;
              gotOptions.headers = { ...gotOptions.headers, 'user-agent': config.network.userAgent, 'accept-language': 'zh-CN,zh;q=0.9' };
              (gotOptions as { useHeaderGenerator?: boolean }).useHeaderGenerator = false;
              gotOptions.maxRedirects = 10;
              // A literal address is never looked up, so the guard is applied to it here, on every redirect too.
              const hooks = (gotOptions.hooks ??= {}) as { beforeRedirect?: Array<(o: { url?: URL | string }) => void> };
              hooks.beforeRedirect = [...(hooks.beforeRedirect ?? []), (o) => guardLiteral(http.resolver.guard, o.url)];
            },
          ],
          requestHandler: async (c: CheerioCrawlingContext) => {
            const status = c.response.statusCode ?? 0;
            if ((status === 429 || status === 503) && c.request.retryCount < config.crawl.retries) {
              // Retry-After is honoured (up to 30 s) before the request is tried again.
              const wait = Number(c.response.headers['retry-after']);
              if (Number.isFinite(wait) && wait > 0 && wait <= 30) await new Promise((r) => setTimeout(r, wait * 1000));
              throw new Error(`${status} - busy, retrying after ${Number.isFinite(wait) ? wait : 0} s`);
            }
            // A server error is retried like a network failure before it counts.
            if (status >= 500 && c.request.retryCount < config.crawl.retries) throw new Error(`${status} - server error, retrying`);
            await handlePage({
              url: c.request.url,
              finalUrl: c.request.loadedUrl ?? c.request.url,
              status,
              contentType: String(c.response.headers['content-type'] ?? ''),
              html: c.body instanceof PageText ? c.body.take() : '',
              depth: (c.request.userData.depth as number) ?? 0,
              renderedBy: 'http',
            });
          },
          failedRequestHandler: async ({ request }, error) => handleFailure(request.url, (request.userData.depth as number) ?? 0, error, 'http'),
        },
        httpCrawleeConfig,
      );
      await crawler.run();
    }
    if (browserQueue && !(await browserQueue.isFinished())) {
      worked = true;
      if (!chromium.path) {
        // No browser: every browser target is reported as skipped, never silently dropped, never a defect.
        let req;
        while ((req = await browserQueue.fetchNextRequest())) {
          const url = normalizeUrl(req.url);
          store.pages.recordTarget(run.id, { url, outcome: 'skipped', errorMessage: `no Chromium found (looked at ${chromium.looked.join(', ')})` });
          await browserQueue.markRequestHandled(req);
          browserSkipped++;
        }
        log.warn({ skipped: browserSkipped }, 'pages marked render: browser were skipped: no Chromium (set $GOVHEALTH_CHROMIUM or crawl.chromium)');
      } else {
        // Loaded only when a site has browser pages: Playwright is heavy and most sites never need it.
        const { createBrowserCrawler } = await import('./browser-crawler.ts');
        const crawler = createBrowserCrawler({
          executablePath: chromium.path,
          requestQueue: browserQueue,
          config: crawleeConfig,
          http,
          log,
          maxConcurrency: 2,
          retries: config.crawl.retries,
          timeoutMs: config.crawl.browserTimeoutMs,
          onPage: (p) => handlePage({ ...p, renderedBy: 'browser' }),
          onFailed: (url, depth, error) => handleFailure(url, depth, error, 'browser'),
        });
        await withHardTimeout(crawler.run().then(() => undefined), config.crawl.browserTimeoutMs * 20, async () => {
          log.error('the browser crawl did not finish in time; stopping it');
          await crawler.teardown().catch(() => undefined);
        });
      }
    }
    if (!worked) break;
  }

  // Link targets the crawler did not fetch: attachments, images, external pages, pages past the limits.
  const prober = new LinkProber(
    http,
    {
      siteConcurrency: politeness.concurrency,
      externalConcurrency: config.checks.links.externalConcurrencyPerHost,
      siteDelayMs: politeness.delayMs,
      siteHosts: hosts,
      external: config.checks.links.external,
      attachmentExtensions: config.checks.links.attachmentExtensions,
      exclude: site.exclude.map((p) => new RegExp(p)),
    },
    log,
  );
  store.pages.summariseTargets(run.id, normalizeUrl(site.homepage));
  const toProbe = store.pages.unprobedTargets(run.id);
  log.info({ pages: pagesDone, targets: toProbe.length }, 'pages crawled; probing the other link targets');
  const attachmentChecks = checks.filter((c) => c.onAttachment);
  const buffered: TargetFacts[] = [];
  await prober.probeAll(toProbe, (f) => {
    buffered.push(f);
    if (buffered.length >= 200) store.pages.recordTargets(run.id, buffered.splice(0));
  });
  store.pages.recordTargets(run.id, buffered.splice(0));
  if (attachmentChecks.length) findingsCount += await checkAttachments(options, run.id, ctx, attachmentChecks, hosts, judgedAt);

  findingsCount += await runSiteChecks({ store, runId: run.id, site, checks, ctx, judgedAt });
  const resolved = store.findings.resolveUnseen(site.id, run.id, checkIds, judgedAt);
  const stats = {
    pages: store.pages.pageCount(run.id),
    linksChecked: store.db.prepare('SELECT COUNT(*) FROM targets WHERE run_id = ?').pluck().get(run.id) as number,
    findings: store.findings.list({ siteId: site.id }).length,
    resolved: resolved.length,
    browserSkipped,
    resumed,
  };
  store.runs.finish(run.id, 'done', new Date(), stats);
  await browserQueue?.drop().catch(() => undefined);
  const durationMs = performance.now() - started;
  log.info({ ...stats, durationMs: Math.round(durationMs) }, 'crawl finished');
  return { runId: run.id, resumed, pages: stats.pages, linksChecked: stats.linksChecked, findings: stats.findings, browserSkipped, durationMs };
}

/** Downloads same-site attachments (size-capped) and hands them to the attachment checks. */
async function checkAttachments(
  options: SiteCrawlOptions,
  runId: number,
  ctx: CheckContext,
  checks: Check[],
  hosts: string[],
  judgedAt: Date,
): Promise<number> {
  const { store, http, site, config } = options;
  const exts = new Set(config.checks.links.attachmentExtensions);
  // One byte over the content checks' cap, so an oversized file is reported as over the limit, not as broken.
  const maxBytes = config.checks.content.attachments.maxBytes + 1;
  let count = 0;
  for (let after = ''; ; ) {
    const batch = store.pages.targetBatch(runId, after, 500);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.target;
    for (const { target: url, firstSource: source, facts } of batch) {
      if (!exts.has(extensionOf(url)) || !isInScope(site, url, hosts)) continue;
      if (facts?.outcome !== 'fetched' || (facts.status ?? 500) >= 400) continue;
      try {
        const res = await http.fetch(url, { maxBytes });
        if (res.status >= 400) continue;
        const doc = { url, linkedFrom: source, contentType: res.headers['content-type'] ?? '', body: res.body };
        const drafts: FindingDraft[] = [];
        for (const check of checks) drafts.push(...(await check.onAttachment!(doc, ctx)));
        if (drafts.length) store.findings.record(site.id, runId, judgedAt, drafts);
        count += drafts.length;
      } catch (err) {
        ctx.log.warn({ err, url }, 'attachment could not be downloaded for the content checks');
      }
    }
  }
  return count;
}

/** Throws BlockedAddressError for a URL whose host is a literal address the guard refuses. */
function guardLiteral(guard: AddressGuard, url: URL | string | undefined): void {
  if (!url) return;
  const host = new URL(String(url)).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !guard.permits(host)) throw new BlockedAddressError(host, host);
}

async function withHardTimeout(work: Promise<void>, ms: number, onTimeout: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const result = await Promise.race([work.then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') await onTimeout();
}
