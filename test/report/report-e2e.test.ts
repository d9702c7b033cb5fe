// The quarterly report end to end: the freshness fixture sites surveyed by the real checks (verdict --survey),
// availability probed, a province site with planted content findings (an ID number, a <script> in evidence,
// 暗链) and two new-media accounts, a 2026Q3 report to track fixes against, then `report --quarter 2026Q4`.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { HttpClient, Resolver } from '../../src/crawl/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { ANNEX_COLUMNS, SHEETS, type ReportModel } from '../../src/report/index.ts';
import { indicatorsFor, runProbe } from '../../src/rules/index.ts';
import { Store } from '../../src/storage/index.ts';
import { runCli } from '../e2e/cli-run.ts';
import { configYaml, manifest, NOW, startFreshnessSites, type FreshnessServer } from '../fixtures/freshness-sites/index.ts';
import { runReport } from './cli.ts';

const ID_NUMBER = '330102199001011234';
const PLANTED_SCRIPT = '<script>window.__planted = 1</script><img src=x onerror="window.__planted = 2">';
const PROVINCE = `
  - id: province
    name: 示例省人民政府
    code: "3300000001"
    level: 省
    region: 示例省
    homepage: "http://www.province.invalid/"
    columns: []
    accounts:
      - { id: wx, platform: 微信, name: 示例省政府发布, url: "http://mp.province.invalid/wx" }
      - { id: wb, platform: 微博, name: 示例省政务微博, url: "http://weibo.province.invalid/sz" }
`;
const DEPARTMENT = `
  - id: dept-rsj
    name: 示例省人力资源和社会保障厅
    code: "3300000042"
    level: 部门
    region: 示例省人力社保厅
    homepage: "http://rsj.province.invalid/"
    columns: []
`;
const REPORT_BLOCK = `report:
  issuer: 示例省人民政府办公厅
  area: 全省
  fixDeadlineWorkingDays: 10
`;

let server: FreshnessServer;
let dir: string;
let configFile: string;
let config: LoadedConfig;
const planted = manifest();
let q4: ReportModel;
let q4Dir: string;
let html: string;

function withoutGeneratedAt(json: string): string {
  const m = JSON.parse(json) as Record<string, unknown>;
  delete m.generatedAt;
  return JSON.stringify(m);
}

/** Inserts a finished run with findings for the province site, as a crawl would. */
function crawlRun(store: Store, at: string, checks: string[], findings: Parameters<Store['findings']['record']>[3], siteId = 'province'): void {
  const now = new Date(at);
  const run = store.runs.start(siteId, 'crawl', now, now, checks);
  store.findings.record(siteId, run.id, now, findings);
  store.findings.resolveUnseen(siteId, run.id, checks, now);
  store.runs.finish(run.id, 'done', now, { findings: findings.length });
}

const linkBroken = (target: string) => ({
  check: 'link.broken',
  key: target,
  severity: 'error' as const,
  url: 'http://www.province.invalid/',
  target,
  onHomepage: true,
  evidence: { status: 404, message: '链接返回 HTTP 404', anchor: '旧链接' },
});

beforeAll(async () => {
  server = await startFreshnessSites();
  dir = mkdtempSync(join(tmpdir(), 'govhealth-report-'));
  configFile = join(dir, 'sites.yaml');
  const yaml = configYaml(server, join(dir, 'data'));
  writeFileSync(configFile, yaml.replace('sites:\n', `${REPORT_BLOCK}sites:\n`) + PROVINCE.slice(1) + DEPARTMENT.slice(1));
  config = parseConfig(readFileSync(configFile, 'utf8'), configFile);

  const store = Store.open(config.dataDir);
  const checks = ['link.broken', 'typo.serious', 'privacy.id-number', 'link.hidden'];
  try {
    // 2026Q3: three problems on the province site, reported in the Q3 notice.
    crawlRun(store, '2026-09-10T02:00:00Z', checks, [
      linkBroken('http://www.province.invalid/old-a.html'),
      linkBroken('http://www.province.invalid/old-b.html'),
      { check: 'typo.serious', key: '攻府', severity: 'veto', url: 'http://www.province.invalid/art/1.html', evidence: { message: '严重错别字：攻府→政府', snippet: '省攻府办公厅' } },
    ]);
  } finally {
    store.close();
  }
  const q3 = await runReport(['--config', configFile, '--quarter', '2026Q3', '--now', '2026-09-30T08:00:00+08:00', '--out', join(dir, 'q3')]);
  expect(q3.stderr).toBe('');
  expect(q3.code).toBe(0);

  // 2026Q4: the real freshness checks over the fixture sites (through the CLI), probes for the two sites whose
  // availability is planted, and the province site's Q4 crawl (one old link still broken, two problems fixed).
  const survey = await runCli(['verdict', '--config', configFile, '--survey', '--now', NOW.toISOString(), '--format', 'json']);
  expect(survey.stderr).toBe('');
  const store4 = Store.open(config.dataDir);
  const http = new HttpClient(config.network, new Resolver(config.network));
  try {
    const ind = indicatorsFor(config);
    const week = 7 * 86_400_000;
    for (const id of ['unreachable', 'flaky']) {
      const site = config.sites.find((s) => s.id === id)!;
      for (let i = 1; i <= 140; i++) {
        await runProbe({ store: store4, config, site, now: new Date(NOW.getTime() - week + (i * week) / 140), http, log: silentLogger(), services: { indicators: ind } });
      }
    }
    crawlRun(store4, '2026-11-15T02:00:00Z', checks, [
      linkBroken('http://www.province.invalid/old-b.html'),
      {
        check: 'privacy.id-number',
        key: 'http://www.province.invalid/gs/2.html#id',
        severity: 'error',
        url: 'http://www.province.invalid/gs/2.html',
        column: '公示公告',
        evidence: { message: `公示名单含身份证号 ${ID_NUMBER}`, snippet: `张三 ${ID_NUMBER} ${PLANTED_SCRIPT}` },
      },
      {
        check: 'link.hidden',
        key: 'http://casino.invalid/',
        severity: 'veto',
        url: 'http://www.province.invalid/',
        target: 'http://casino.invalid/',
        onHomepage: true,
        evidence: { message: `隐藏的外部链接 ${PLANTED_SCRIPT}`, anchor: '娱乐城' },
      },
    ]);
    // A department site failing the two remaining veto items: a message unanswered for over 3 months, and
    // service guides missing their elements.
    crawlRun(
      store4,
      '2026-11-18T02:00:00Z',
      ['interaction.missing', 'interaction.unanswered', 'service.guide'],
      [
        { check: 'interaction.unanswered', key: 'msg-1', severity: 'veto', url: 'http://rsj.province.invalid/hdjl/1.html', column: '咨询投诉', evidence: { message: '2026-06-02 的留言超过 3 个月未答复（手机 13912345678）' } },
        { check: 'service.guide', key: 'guides', severity: 'veto', url: 'http://rsj.province.invalid/bszn/', evidence: { message: '6 个办事指南缺少 4 个以上要素' } },
      ],
      'dept-rsj',
    );
    const media = store4.runs.start('province', 'newmedia', new Date('2026-11-16T02:00:00Z'), new Date('2026-11-16T02:00:00Z'), ['newmedia.stale', 'newmedia.broken']);
    store4.findings.record('province', media.id, new Date('2026-11-16T02:00:00Z'), [
      { check: 'newmedia.broken', key: 'wx', severity: 'veto', url: 'http://mp.province.invalid/wx', account: '示例省政府发布', evidence: { message: '留言功能已关闭，未提供有效互动功能' } },
    ]);
    store4.runs.finish(media.id, 'done', new Date('2026-11-16T02:00:00Z'), {});
  } finally {
    await http.close();
    store4.close();
  }

  q4Dir = join(dir, 'q4');
  const r = await runReport(['--config', configFile, '--quarter', '2026Q4', '--sample', 'all', '--seed', '7', '--now', NOW.toISOString(), '--out', q4Dir]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('示例省人民政府办公厅关于2026年第四季度全省政府网站和政务新媒体检查情况的通报');
  q4 = JSON.parse(readFileSync(join(q4Dir, 'report-2026Q4.json'), 'utf8')) as ReportModel;
  html = readFileSync(join(q4Dir, 'report-2026Q4.html'), 'utf8');
}, 240_000);

afterAll(async () => {
  await server?.close();
  // GOVHEALTH_KEEP_REPORT=<dir> keeps the generated 2026Q4 outputs for a human look.
  if (process.env.GOVHEALTH_KEEP_REPORT && q4Dir) cpSync(q4Dir, process.env.GOVHEALTH_KEEP_REPORT, { recursive: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('report model of 2026Q4 over the fixture sites', () => {
  it('judges every fixture site as its manifest says, and the province site fails on its 暗链', () => {
    const byId = new Map(q4.sites.map((s) => [s.siteId, s]));
    for (const [id, m] of Object.entries(planted)) {
      expect(byId.get(id)?.result, id).toBe(m.result);
      expect(byId.get(id)!.vetoes.map((v) => v.id), id).toEqual(m.vetoes);
    }
    expect(byId.get('province')!.result).toBe('不合格');
    // Its account's closed 留言 fails the account (新媒体名单), not the website.
    expect(byId.get('province')!.vetoes.map((v) => v.id)).toEqual(['veto.serious-error']);
    expect(q4.accounts.map((a) => [a.name, a.result])).toEqual([['示例省政府发布', '不合格'], ['示例省政务微博', '合格']]);
    expect(byId.get('dept-rsj')!.vetoes.map((v) => v.id)).toEqual(['veto.interaction', 'veto.service']);
    // Every kind of website veto fails at least one listed site.
    const failedOn = new Set(q4.sites.flatMap((x) => x.vetoes.map((v) => v.id)));
    for (const id of ['veto.unreachable', 'veto.homepage-stale', 'veto.column-stale', 'veto.serious-error', 'veto.interaction', 'veto.service']) expect(failedOn, id).toContain(id);
    expect(q4.title).toBe('示例省人民政府办公厅关于2026年第四季度全省政府网站和政务新媒体检查情况的通报');
  });

  it('every number of 总体情况 is the sum over the listed sites and accounts', () => {
    const s = q4.summary;
    expect(s.sitesRunning).toBe(config.sites.length);
    expect(s.sitesChecked).toBe(q4.sites.length);
    expect(s.sitesChecked).toBe(9);
    expect(s.sitesPassed).toBe(q4.sites.filter((x) => x.result === '合格').length);
    expect(s.sitesFailed).toBe(q4.sites.filter((x) => x.result === '不合格').length);
    expect(s.sitesNoData).toBe(0);
    expect(s.sitesPassed + s.sitesFailed + s.sitesNoData).toBe(s.sitesChecked);
    // Fixture: pass and flaky pass; five planted failures, the province and the department site fail.
    expect([s.sitesPassed, s.sitesFailed]).toEqual([2, 7]);
    expect(s.passRate).toEqual({ numerator: 2, denominator: 9, percent: 22.2 });
    for (const l of s.byLevel) {
      const of = q4.sites.filter((x) => x.level === l.level);
      expect(l.checked, l.level).toBe(of.length);
      expect(l.passed, l.level).toBe(of.filter((x) => x.result === '合格').length);
    }
    expect(s.byLevel.reduce((n, l) => n + l.checked, 0)).toBe(s.sitesChecked);
    const problems = [...q4.sites.flatMap((x) => x.problems), ...q4.accounts.flatMap((a) => a.problems)];
    expect(s.problems).toBe(problems.length);
    expect(s.problemsFixed).toBe(problems.filter((p) => p.fixedAt).length);
    expect(s.byType.reduce((n, t) => n + t.count, 0)).toBe(s.problems);
    expect(q4.mainProblems.reduce((n, t) => n + t.count, 0)).toBe(s.problems);
    expect([s.accountsRunning, s.accountsChecked, s.accountsPassed, s.accountsFailed]).toEqual([2, 2, 1, 1]);
    expect(q4.annex.failedSites).toHaveLength(s.sitesFailed);
    expect(q4.annex.accounts).toHaveLength(2);
  });

  it('tracks the fixes of the problems the 2026Q3 notice published (整改率)', () => {
    const f = q4.summary.fixRate;
    expect(f).toMatchObject({ previousQuarter: '2026Q3', previousReport: true, numerator: 2, denominator: 3, percent: 66.7 });
    const still = q4.fixTracking.items.filter((i) => !i.fixed);
    expect(still.map((i) => i.url)).toEqual(['http://www.province.invalid/']);
    expect(still[0]!.description).toContain('HTTP 404');
    expect(q4.trend.map((t) => [t.quarter, t.passRate])).toEqual([['2026Q1', undefined], ['2026Q2', undefined], ['2026Q3', 0], ['2026Q4', 22.2]]);
  });

  it('draws no conclusion on a sampled site without checks in the quarter (the 2026Q3 report)', () => {
    const q3 = JSON.parse(readFileSync(join(dir, 'q3', 'report-2026Q3.json'), 'utf8')) as ReportModel;
    expect(q3.sites.filter((x) => x.result !== '无检查数据').map((x) => [x.siteId, x.result])).toEqual([['province', '不合格']]);
    expect(q3.summary).toMatchObject({ sitesChecked: 9, sitesPassed: 0, sitesFailed: 1, sitesNoData: 8, passRate: { numerator: 0, denominator: 1, percent: 0 } });
    expect(q3.annex.failedSites.map((r) => r.name)).toEqual(['示例省人民政府']);
  });

  it('gives each problem its proof: where, what, first and last seen, and whether fixed since', () => {
    const unreachable = q4.sites.find((s) => s.siteId === 'unreachable')!;
    expect(unreachable.availability).toMatchObject({ probes: 140, failures: 14 });
    expect(unreachable.problems.map((p) => p.type)).toContain('站点无法访问');
    const stale = q4.sites.find((s) => s.siteId === 'columns-stale')!.problems.filter((p) => p.type === '更新不及时');
    expect(stale.length).toBeGreaterThanOrEqual(5);
    expect(stale.every((p) => p.url.startsWith('http://127.0.0.4') && p.firstSeen && p.lastSeen)).toBe(true);
    const province = q4.sites.find((s) => s.siteId === 'province')!;
    const fixed = province.problems.filter((p) => p.fixedAt);
    // The Q3 problems fixed in Q4 were seen during Q4? No: they were last seen in Q3, so they are not Q4 problems.
    expect(fixed).toEqual([]);
    expect(province.problems.map((p) => p.type).sort()).toEqual(['个人信息泄露', '暗链', '链接不可用']);
  });
});

describe('the four outputs', () => {
  it('mask personal data everywhere: the ID number never appears in full', async () => {
    const json = readFileSync(join(q4Dir, 'report-2026Q4.json'), 'utf8');
    expect(json).not.toContain(ID_NUMBER);
    expect(json).toContain('330102********1234');
    expect(json).not.toContain('13912345678');
    expect(json).toContain('139****5678');
    expect(html).not.toContain(ID_NUMBER);
    expect(html).toContain('330102********1234');
    const docx = await mammoth.extractRawText({ path: join(q4Dir, 'report-2026Q4.docx') });
    expect(docx.value).not.toContain(ID_NUMBER);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(q4Dir, 'report-2026Q4.xlsx'));
    const all: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => all.push(JSON.stringify(row.values))));
    expect(all.join('\n')).not.toContain(ID_NUMBER);
    expect(all.join('\n')).toContain('330102********1234');
  });

  it('escape what came from crawled pages in the HTML', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;window.__planted = 1&lt;/script&gt;');
  });

  it('HTML has the notice structure and the annex tables with the exact columns', () => {
    for (const s of ['一、总体情况', '二、主要问题', '三、整改要求', '附件1：不合格网站名单', '附件2：新媒体名单', '10个工作日内']) expect(html).toContain(s);
    expect(html).toContain('整改率66.7%');
    expect(html.match(/<svg/g)).toHaveLength(3);
  });

  it('DOCX reads back with the title, the three parts and the annex tables', async () => {
    const text = (await mammoth.extractRawText({ path: join(q4Dir, 'report-2026Q4.docx') })).value;
    for (const s of [q4.title, '一、总体情况', '二、主要问题', '三、整改要求', '附件1：不合格网站名单', '附件2：新媒体名单', ...ANNEX_COLUMNS]) expect(text).toContain(s);
    for (const row of q4.annex.failedSites) expect(text).toContain(row.name);
    const htmlOut = (await mammoth.convertToHtml({ path: join(q4Dir, 'report-2026Q4.docx') })).value;
    // Level table, failed sites, accounts.
    expect(htmlOut.match(/<table>/g)).toHaveLength(3);
  });

  it('XLSX reads back: one sheet per table, the annex columns, one row per problem', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(q4Dir, 'report-2026Q4.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEETS]);
    const failed = wb.getWorksheet('不合格网站名单')!;
    expect((failed.getRow(1).values as unknown[]).slice(1)).toEqual([...ANNEX_COLUMNS]);
    expect(failed.rowCount - 1).toBe(q4.summary.sitesFailed);
    expect(wb.getWorksheet('问题清单')!.rowCount - 1).toBe(q4.summary.problems);
    expect(wb.getWorksheet('新媒体名单')!.rowCount - 1).toBe(2);
    expect(wb.getWorksheet('整改情况')!.rowCount - 1).toBe(3);
    expect(wb.getWorksheet('抽查名单')!.rowCount - 1).toBe(9);
  });

  it('the same database, quarter and seed give byte-identical JSON (generation time aside) and identical tables', async () => {
    const again = join(dir, 'q4-again');
    const r = await runReport(['--config', configFile, '--quarter', '2026Q4', '--sample', 'all', '--seed', '7', '--now', NOW.toISOString(), '--out', again]);
    expect(r.code).toBe(0);
    const a = readFileSync(join(q4Dir, 'report-2026Q4.json'), 'utf8');
    const b = readFileSync(join(again, 'report-2026Q4.json'), 'utf8');
    expect(withoutGeneratedAt(b)).toBe(withoutGeneratedAt(a));
    expect(b.replace(/"generatedAt": "[^"]+"/, '')).toBe(a.replace(/"generatedAt": "[^"]+"/, ''));
    const tables = (h: string) => h.match(/<table[\s\S]*?<\/table>/g)!.join('\n');
    expect(tables(readFileSync(join(again, 'report-2026Q4.html'), 'utf8'))).toBe(tables(html));
  });

  it('a 30% sample is stratified and reproducible, and its seed is written into the report', async () => {
    const run = async (seed: string, out: string) => {
      const r = await runReport(['--config', configFile, '--quarter', '2026Q4', '--sample', '30%', '--seed', seed, '--now', NOW.toISOString(), '--out', join(dir, out)]);
      expect(r.code).toBe(0);
      return JSON.parse(readFileSync(join(dir, out, 'report-2026Q4.json'), 'utf8')) as ReportModel;
    };
    const a = await run('11', 's1');
    const b = await run('11', 's2');
    expect(a.sample).toEqual(b.sample);
    expect(a.sample.seed).toBe(11);
    expect(a.sample.byLevel.map((l) => [l.level, l.sampled])).toEqual([['省', 1], ['市', 1], ['县', 2], ['部门', 1]]);
    expect(a.sites.map((s) => s.siteId)).toEqual(a.sample.siteIds);
    expect(a.summary.sitesChecked).toBe(5);
    expect(a.sample.byLevel.find((l) => l.level === '部门')).toEqual({ level: '部门', total: 2, sampled: 1 });
  });

  it('writes the four outputs under reports/<quarter>/ of the working folder by default', async () => {
    const cwd = join(dir, 'cwd');
    const r = await runReport(['--config', configFile, '--quarter', '2026Q4', '--now', NOW.toISOString()], cwd);
    expect(r.code).toBe(0);
    for (const ext of ['html', 'docx', 'xlsx', 'json']) expect(readFileSync(join(cwd, 'reports', '2026Q4', `report-2026Q4.${ext}`)).length).toBeGreaterThan(1000);
  });

  it('refuses a bad quarter or sample with exit code 3', async () => {
    expect((await runReport(['--config', configFile, '--quarter', '2026-13'])).code).toBe(3);
    expect((await runReport(['--config', configFile, '--quarter', '2026Q4', '--sample', '2'])).code).toBe(3);
    expect((await runReport(['--config', configFile, '--quarter', '2026Q4', '--seed', 'x'])).code).toBe(3);
    const future = await runReport(['--config', configFile, '--quarter', '2027Q1', '--now', NOW.toISOString()]);
    expect([future.code, future.stderr]).toEqual([3, expect.stringContaining('has not started')]);
  });
});

describe('the HTML in headless Chromium', () => {
  it('renders with its tables and charts, runs no script, and prints on A4', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.GOVHEALTH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(pathToFileURL(join(q4Dir, 'report-2026Q4.html')).href, { waitUntil: 'load', timeout: 30_000 });
      const seen = await page.evaluate(() => ({
        title: document.querySelector('h1')?.textContent,
        sections: [...document.querySelectorAll('h2')].map((h) => h.textContent),
        annexHeaders: [...document.querySelectorAll('table.annex')].map((t) => [...t.querySelectorAll('thead th')].map((th) => th.textContent)),
        failedRows: document.querySelectorAll('table.failed-sites tbody tr').length,
        accountRows: document.querySelectorAll('table.accounts tbody tr').length,
        detailRows: document.querySelectorAll('table.details tbody tr').length,
        fixRows: document.querySelectorAll('table.fixes tbody tr').length,
        charts: [...document.querySelectorAll('figure svg')].map((svg) => {
          const r = svg.getBoundingClientRect();
          return { w: Math.round(r.width), h: Math.round(r.height), bars: svg.querySelectorAll('path').length };
        }),
        planted: (window as unknown as { __planted?: number }).__planted,
        scripts: document.scripts.length,
      }));
      expect(errors).toEqual([]);
      expect(seen.title).toBe(q4.title);
      expect(seen.sections).toEqual(['一、总体情况', '二、主要问题', '三、整改要求', '附件1：不合格网站名单', '附件2：新媒体名单', '附件3：问题明细', '附件4：上季度问题整改情况']);
      expect(seen.annexHeaders).toEqual([[...ANNEX_COLUMNS], [...ANNEX_COLUMNS]]);
      expect(seen.failedRows).toBe(q4.summary.sitesFailed);
      expect(seen.accountRows).toBe(2);
      expect(seen.detailRows).toBe(q4.summary.problems);
      expect(seen.fixRows).toBe(3);
      expect(seen.charts).toHaveLength(3);
      for (const c of seen.charts) expect(c.w > 200 && c.h > 100 && c.bars > 5, JSON.stringify(c)).toBe(true);
      expect(seen.planted).toBeUndefined();
      expect(seen.scripts).toBe(0);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(4);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
