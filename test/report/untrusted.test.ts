// Everything from a crawled page is untrusted: the HTML escapes it and never links anything but http(s), the
// workbook never lets it become a formula. Built over a small database filled through the stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { buildReport, parseQuarter, renderHtml, renderXlsx, type ReportModel } from '../../src/report/index.ts';
import { indicatorsFor } from '../../src/rules/index.ts';
import { Store } from '../../src/storage/index.ts';

let dir: string;
let model: ReportModel;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'govhealth-report-untrusted-'));
  const config: LoadedConfig = parseConfig(
    [`dataDir: ${JSON.stringify(dir)}`, 'sites:', '  - id: county', '    name: 某县人民政府', '    level: 县', '    homepage: "http://www.county.invalid/"', ''].join('\n'),
    '<inline>',
  );
  const store = Store.open(dir);
  try {
    const now = new Date('2026-11-10T02:00:00Z');
    const checks = ['link.broken', 'typo.serious'];
    const run = store.runs.start('county', 'crawl', now, now, checks);
    store.findings.record('county', run.id, now, [
      {
        check: 'link.broken',
        key: 'javascript:alert(1)',
        severity: 'error',
        url: 'http://www.county.invalid/a.html',
        target: 'javascript:alert(document.cookie)',
        evidence: { message: '=HYPERLINK("http://evil.invalid","点击")', anchor: '"><svg onload=alert(1)>' },
      },
      { check: 'typo.serious', key: 'x', severity: 'veto', url: 'http://www.county.invalid/b.html?q="><script>alert(2)</script>', evidence: { message: "</title><script>alert('t')</script>" } },
    ]);
    store.runs.finish(run.id, 'done', now, {});
    model = buildReport(store, config, { quarter: parseQuarter('2026Q4'), ratio: 'all', seed: 1, now, generatedAt: now, indicators: indicatorsFor(config) });
  } finally {
    store.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('untrusted text in the outputs', () => {
  it('the HTML carries no markup from crawled pages and links only http(s) URLs', () => {
    const html = renderHtml(model);
    expect(html).not.toMatch(/<script|<svg onload|href="javascript:/i);
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;');
    expect(html).toContain('javascript:alert(document.cookie)');
    expect(html.match(/<title>/g)).toHaveLength(1);
  });

  it('the workbook stores a formula-like description as text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题清单')!;
    const cells: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    expect(cells).toContain(`'=HYPERLINK("http://evil.invalid","点击")`);
  });
});
