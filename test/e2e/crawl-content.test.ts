// Content checks through a real crawl: the content scenario's pages and attachments mounted on the sample site,
// crawled, stored — exactly the expected findings (a repeated footer typo once with its page count, personal data
// masked in the database too).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/storage/index.ts';
import { ATTACHMENT_FILES, EXPECTED, PAGES } from '../fixtures/content/site-pages.ts';
import { startGovSite, type GovSite } from '../fixtures/gov-site/index.ts';
import { runCli } from './cli-run.ts';

let site: GovSite;
let root: string;

beforeAll(async () => {
  site = await startGovSite({
    extraPages: PAGES,
    attachmentFiles: Object.fromEntries(ATTACHMENT_FILES.map((f) => [`/content/files/${f}`, f])),
  });
  root = mkdtempSync(join(tmpdir(), 'gh-content-'));
});
afterAll(async () => {
  await site?.close();
});

describe('content checks in a crawl', () => {
  it('store exactly the planted content findings of the scenario pages and attachments', async () => {
    const yaml = site
      .configYaml({ dataDir: join(root, 'data') })
      .replace('    render: http\n', `    render: http\n    include: ["^http://www\\\\.demo-county\\\\.gov\\\\.test:\\\\d+/(content/.*)?$"]\n`)
      .replace('  links: { external: true }\n', '  links: { external: false }\n  freshness: { enabled: false }\n');
    const file = join(root, 'c.yaml');
    writeFileSync(file, yaml);
    const res = await runCli(['crawl', '--config', file, '--now', '2026-11-20T08:00:00+08:00']);
    expect(res.code).toBe(0);
    const store = Store.open(join(root, 'data'));
    const origin = site.origin('www');
    const content = store.findings
      .list({ siteId: 'demo-county' })
      .filter((f) => !f.check.startsWith('link.') && new URL(f.url).pathname.startsWith('/content/'));
    const got = content.map((f) => {
      const e = f.evidence;
      const text = e.outcome === 'skipped' ? 'skipped' : String(e.masked ?? e.wrong ?? e.term ?? e.marking);
      return `${f.check}|${f.severity}|${text}|${f.url.replace(origin, '')}|${f.pageCount}`;
    });
    expect(got.sort()).toEqual(EXPECTED.map((e) => `${e.check}|${e.severity}|${e.text}|${e.path}|${e.pageCount}`).sort());
    // The product must not become a second leak: no full ID or mobile number anywhere in the database file.
    store.close();
    const raw = readFileSync(join(root, 'data', 'govhealth.sqlite')).toString('latin1');
    expect(raw).not.toMatch(/3325021978022622\d\d|13812341234/);
  }, 300_000);
});
