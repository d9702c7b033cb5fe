// The dashboard in real Chromium against a database filled by crawling the fixture county site: log in, the
// failing site first, open it, filter findings, mark a false positive and see it gone after the next crawl, the
// pre-publication page highlighting a planted typo, an editor refused another unit's site. Screenshots of the main
// pages go to test-output/web/ for review.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { Store } from '../../src/storage/index.ts';
import { buildWebApp, hashPassword } from '../../src/web/index.ts';
import { runCli } from '../e2e/cli-run.ts';
import { startGovSite, type GovSite } from '../fixtures/gov-site/index.ts';

const NOW = '2026-11-20T08:00:00+08:00';
const NEXT_NIGHT = '2026-11-21T08:00:00+08:00';
const PASSWORD = 'dashboard-test-口令';
const SHOTS = fileURLToPath(new URL('../../test-output/web/', import.meta.url));
const DRAFT = readFileSync(fileURLToPath(new URL('../fixtures/content/draft.txt', import.meta.url)), 'utf8');

/** A page of the fixture site whose link texts carry a script element and attribute-breaking text (both 404 links). */
const PLANTED = `<!doctype html><html><head><meta charset="utf-8"><title>专题 &lt;script&gt;window.__pwned=3&lt;/script&gt;</title></head>
<body><div class="content"><h1>专题</h1><p>本专题汇集相关信息。</p><ul>
<li><a href="/planted/missing-script.html">&lt;script&gt;window.__pwned=1&lt;/script&gt;</a></li>
<li><a href="/planted/missing-attr.html">&quot; onmouseover=&quot;window.__pwned=2&quot; x=&quot;</a></li>
</ul></div></body></html>`;

let site: GovSite;
let root: string;
let configFile: string;
let store: Store;
let close: () => Promise<void>;
let base: string;
let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function loginAs(name: string): Promise<void> {
  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
}

async function crawl(now: string): Promise<void> {
  const res = await runCli(['crawl', '--config', configFile, '--site', 'demo-county', '--now', now]);
  expect([0, 2], res.stderr).toContain(res.code);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startGovSite({ extraPages: [{ path: '/planted/index.html', html: PLANTED }] });
  root = mkdtempSync(join(tmpdir(), 'gh-web-browser-'));
  // The fixture config plus another unit's site (owned by another editor) that the county's editor must not see.
  const yaml = site
    .configYaml({ dataDir: join(root, 'data') })
    .replace('editors:\n', 'editors:\n  - { id: li, name: 李编辑 }\n')
    .concat('  - id: other-dept\n    name: 示范市教育局\n    level: 部门\n    region: 示范市\n    homepage: http://jyj.other.gov.test/\n    owner: li\n');
  configFile = join(root, 'config.yaml');
  writeFileSync(configFile, yaml);
  await crawl(NOW);

  const config = loadConfig(configFile, { vars: {} });
  store = Store.open(config.dataDir);
  const hash = await hashPassword(PASSWORD);
  store.users.upsert({ name: 'boss', role: 'supervisor', passwordHash: hash }, new Date());
  store.users.upsert({ name: 'wang', role: 'editor', editorId: 'wang', passwordHash: hash }, new Date());
  const built = await buildWebApp({ config, store, now: () => new Date(NEXT_NIGHT) });
  base = (await built.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  close = () => built.app.close();

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  store?.close();
  await site?.close();
});

describe('the dashboard in Chromium', () => {
  it('logs a supervisor in and lists the failing county site first', async () => {
    await loginAs('boss');
    const first = page.locator('#sites tbody tr').first();
    expect(await first.getAttribute('data-site')).toBe('demo-county');
    expect(await first.getAttribute('data-state')).toBe('fail');
    await expect.poll(() => first.locator('.badge').first().textContent()).toBe('不合格');
    await shot('overview');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('overview-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens the site page, where the planted script and attribute text from the crawl stay inert text', async () => {
    await Promise.all([page.waitForURL(/\/sites\/demo-county$/), page.click('#sites a[href="/sites/demo-county"]')]);
    expect(await page.locator('h1').textContent()).toContain('示范县人民政府');
    const anchors = await page.locator('q.anchor').allTextContents();
    expect(anchors).toContain('<script>window.__pwned=1</script>');
    expect(anchors).toContain('" onmouseover="window.__pwned=2" x="');
    await page.locator('q.anchor', { hasText: 'onmouseover' }).first().hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await shot('site');
  });

  let plantedId: string;
  it('filters the findings by check', async () => {
    await page.goto(`${base}/findings`);
    // Choosing a filter applies it at once (progressive enhancement; the 筛选 button does the same without script).
    await Promise.all([page.waitForURL(/check=link\.broken/), page.selectOption('select[name=check]', 'link.broken')]);
    const checks = await page.locator('#findings tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check')));
    expect(checks.length).toBeGreaterThan(2);
    expect(new Set(checks)).toEqual(new Set(['link.broken']));
    const row = page.locator('#findings tbody tr', { has: page.locator('q.anchor', { hasText: '<script>window.__pwned=1</script>' }) });
    expect(await row.count()).toBe(1);
    plantedId = (await row.getAttribute('data-finding'))!;
    await shot('findings');
  });

  it('marks a false positive with a reason, and after the next crawl it is not reported again', async () => {
    const row = page.locator(`#findings tr[data-finding="${plantedId}"]`);
    await row.locator('input[name=reason]').fill('测试页面，链接由测试故意写入');
    await Promise.all([page.waitForURL(/check=link\.broken/), row.locator('form.fp button').click()]);
    expect(await page.locator(`#findings tr[data-finding="${plantedId}"]`).textContent()).toContain('已标记误报');

    await crawl(NEXT_NIGHT);
    await page.reload();
    expect(await page.locator(`#findings tr[data-finding="${plantedId}"]`).count()).toBe(0);
    // The other planted 404 link of the same page is still reported: only the marked problem is allowed.
    expect(await page.locator('q.anchor', { hasText: 'onmouseover' }).count()).toBeGreaterThan(0);
    expect(store.findings.get(plantedId)!.status).toBe('resolved');
    await shot('findings-after-recrawl');
  }, 900_000);

  it('highlights the planted typo of a pasted draft on the pre-publication page', async () => {
    await page.goto(`${base}/check`);
    await page.fill('textarea[name=text]', DRAFT);
    await Promise.all([page.waitForURL(`${base}/check`), page.click('#check-form button[type=submit]')]);
    const marks = await page.locator('#checked-text mark.hit').allTextContents();
    expect(marks).toContain('秸杆');
    expect(marks).toContain('习进平总书记');
    await shot('check');
  });

  it("refuses the county's editor another unit's site with 403", async () => {
    await page.click('header form button[type=submit]');
    await page.waitForURL(/\/login/);
    await loginAs('wang');
    expect(await page.locator('#sites tbody tr[data-site="other-dept"]').count()).toBe(0);
    const res = await page.goto(`${base}/sites/other-dept`);
    expect(res!.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('无权访问');
    await shot('editor-403');
  });
});
