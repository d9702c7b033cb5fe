// The nightly crawl end to end on the fixture county site: every planted link defect found with the right check,
// nothing else reported, stable ids across runs, and a killed crawl that resumes to the same findings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/storage/index.ts';
import { startGovSite, type GovSite } from '../fixtures/gov-site/index.ts';
import { compareLinkFindings, type JsonFinding } from '../helpers/link-manifest.ts';
import { runCli, spawnCli } from './cli-run.ts';

const NOW = '2026-11-20T08:00:00+08:00';
const NEXT_NIGHT = '2026-11-21T08:00:00+08:00';

let site: GovSite;
let root: string;

function writeConfig(name: string, opts: Parameters<GovSite['configYaml']>[0] = {}): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(file, site.configYaml({ dataDir: join(root, name), ...opts }));
  return file;
}

async function findings(config: string): Promise<JsonFinding[]> {
  const res = await runCli(['findings', '--config', config, '--format', 'json']);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as JsonFinding[];
}

beforeAll(async () => {
  site = await startGovSite();
  root = mkdtempSync(join(tmpdir(), 'gh-e2e-'));
});
afterAll(async () => {
  await site?.close();
});

describe('crawl of the fixture county site (HTTP)', () => {
  let config: string;
  let first: JsonFinding[];

  beforeAll(async () => {
    config = writeConfig('plain');
    const res = await runCli(['crawl', '--config', config, '--now', NOW]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    first = await findings(config);
  }, 300_000);

  it('finds exactly the planted link defects, with the right check, kind, place and certainty', () => {
    expect(compareLinkFindings(first, site.manifest, { browser: false })).toEqual([]);
  });

  it('crawls every page reachable over plain HTTP and decodes the GBK pages', () => {
    const store = Store.open(join(root, 'plain'));
    const run = store.runs.latestDone('demo-county', 'crawl')!;
    const pages = store.pages.pages(run.id);
    const html = pages.filter((p) => p.status === 200 && /html/.test(p.contentType ?? '') && p.finalUrl === p.url);
    expect(html.length).toBeGreaterThanOrEqual(1500);
    expect(html.length).toBe(site.manifest.pageCount);
    for (const sample of site.manifest.gbkSamples) {
      expect({ url: sample.url, title: pages.find((p) => p.url === sample.url)?.title }).toEqual({ url: sample.url, title: sample.title });
    }
    // The browser-only column was not rendered in this mode, and nothing says it was.
    expect(pages.some((p) => site.manifest.browserOnlyUrls.includes(p.url))).toBe(false);
    store.close();
  });

  it('gives every finding the documented JSON fields', () => {
    const broken = first.find((f) => f.check === 'link.broken' && f.onHomepage)!;
    expect(Object.keys(broken).sort()).toEqual(
      ['account', 'certainty', 'check', 'column', 'evidence', 'firstSeen', 'id', 'lastSeen', 'onHomepage', 'pageCount', 'severity', 'siteId', 'status', 'target', 'url'].sort(),
    );
    expect(broken).toMatchObject({ siteId: 'demo-county', status: 'open', url: site.homepage, firstSeen: new Date(NOW).toISOString() });
    expect(broken.evidence.anchor).toBeTruthy();
  });

  it('keeps finding ids on the next night and only moves lastSeen', async () => {
    const res = await runCli(['crawl', '--config', config, '--now', NEXT_NIGHT]);
    expect(res.code).toBe(0);
    const second = await findings(config);
    const ids = (list: JsonFinding[]) => list.map((f) => f.id).sort();
    expect(ids(second)).toEqual(ids(first));
    expect(new Set(second.map((f) => f.firstSeen))).toEqual(new Set([new Date(NOW).toISOString()]));
    expect(new Set(second.map((f) => f.lastSeen))).toEqual(new Set([new Date(NEXT_NIGHT).toISOString()]));
  }, 300_000);

  it('resumes a crawl killed half way and ends with the same findings as an uninterrupted run', async () => {
    const killed = writeConfig('killed');
    const child = spawnCli(['crawl', '--config', killed, '--now', NOW]);
    const dbFile = join(root, 'killed', 'govhealth.sqlite');
    // Kill it hard once a few hundred pages are in (no chance to clean up).
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        try {
          const db = new Database(dbFile, { readonly: true, fileMustExist: true });
          const n = db.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number;
          db.close();
          if (n >= 400) {
            clearInterval(timer);
            child.kill('SIGKILL');
            resolve();
          }
        } catch {
          /* not created yet */
        }
      }, 100);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the crawl finished before it could be killed'));
      });
    });
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare("SELECT status FROM runs").pluck().all()).toEqual(['running']);
    db.close();
    const res = await runCli(['crawl', '--config', killed, '--now', NOW]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('resumed');
    const resumed = await findings(killed);
    const shape = (list: JsonFinding[]) => list.map((f) => `${f.id} ${f.check} ${f.target} ${f.firstSeen}`).sort();
    expect(shape(resumed)).toEqual(shape(first));
    expect(compareLinkFindings(resumed, site.manifest, { browser: false })).toEqual([]);
  }, 300_000);
});
