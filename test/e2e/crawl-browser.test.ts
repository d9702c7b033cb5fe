// The JavaScript-built column crawled with Debian's Chromium: links only a browser can see are found, and
// without a browser the same pages are reported as skipped, never as defects.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/crawl/index.ts';
import { Store } from '../../src/storage/index.ts';
import { startGovSite, type GovSite } from '../fixtures/gov-site/index.ts';
import type { JsonFinding } from '../helpers/link-manifest.ts';
import { runCli } from './cli-run.ts';

const NOW = '2026-11-20T08:00:00+08:00';
let site: GovSite;
let root: string;

/** The fixture config in browser-rules mode, crawling only the homepage and the script-built column. */
function config(name: string, external = true): string {
  const yaml = site
    .configYaml({ dataDir: join(root, name), render: 'browser-rules' })
    .replace('    render: http\n', `    render: http\n    include: ["^http://www\\\\.demo-county\\\\.gov\\\\.test:\\\\d+/(zwdt/jsxw/.*)?$"]\n`)
    .replace('  links: { external: true }\n', `  links: { external: ${external} }\n  content: { enabled: false }\n  freshness: { enabled: false }\n`);
  const file = join(root, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

beforeAll(async () => {
  site = await startGovSite();
  root = mkdtempSync(join(tmpdir(), 'gh-browser-'));
});
afterAll(async () => {
  await site?.close();
});

describe('browser crawl of the script-built column', () => {
  it.skipIf(!findChromium().path)('renders it in Chromium and finds the broken link only a browser can see', async () => {
    const file = config('chromium');
    const res = await runCli(['crawl', '--config', file, '--now', NOW]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const findings = JSON.parse((await runCli(['findings', '--config', file, '--format', 'json'])).stdout) as JsonFinding[];
    const jsOnly = site.manifest.linkDefects.filter((d) => d.browserOnly);
    expect(jsOnly.length).toBeGreaterThan(0);
    for (const d of jsOnly) {
      expect(findings).toContainEqual(expect.objectContaining({ check: d.check, target: d.target, url: d.page, onHomepage: false }));
    }
    const store = Store.open(join(root, 'chromium'));
    const run = store.runs.latestDone('demo-county', 'crawl')!;
    const pages = store.pages.pages(run.id);
    const rendered = pages.filter((p) => p.renderedBy === 'browser' && p.status === 200).map((p) => p.url);
    // Every article the script lists was discovered and rendered; none of them is reported.
    expect(rendered).toEqual(expect.arrayContaining(site.manifest.browserOnlyUrls));
    expect(findings.filter((f) => site.manifest.browserOnlyUrls.includes(f.target ?? ''))).toEqual([]);
    store.close();
  }, 300_000);

  it('without a browser, reports the browser pages as skipped and counts no defect for them', async () => {
    const file = config('nobrowser', false);
    const res = await runCli(['crawl', '--config', file, '--now', NOW], { GOVHEALTH_CHROMIUM: '/nonexistent/chromium' });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/browser pages skipped \(no Chromium\)/);
    const store = Store.open(join(root, 'nobrowser'));
    const run = store.runs.latestDone('demo-county', 'crawl')!;
    const facts = store.pages.target(run.id, site.origin('www') + '/zwdt/jsxw/');
    expect(facts).toMatchObject({ outcome: 'skipped', errorMessage: expect.stringMatching(/no Chromium found/) });
    const findings = store.findings.list({ siteId: 'demo-county' });
    expect(findings.filter((f) => (f.target ?? '').includes('/zwdt/jsxw/'))).toEqual([]);
    store.close();
  }, 300_000);
});
