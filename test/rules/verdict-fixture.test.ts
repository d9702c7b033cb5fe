import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { HttpClient, Resolver } from '../../src/crawl/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { formatVerdictTable, indicatorsFor, runFreshness, runProbe, verdictFromStore, type SiteVerdict } from '../../src/rules/index.ts';
import { Store } from '../../src/storage/index.ts';
import { configYaml, manifest, NOW, startFreshnessSites, type FreshnessServer } from '../fixtures/freshness-sites/index.ts';

let server: FreshnessServer;
let config: LoadedConfig;
let store: Store;
let http: HttpClient;
let dir: string;
const planted = manifest();
const verdicts = new Map<string, SiteVerdict>();
const WEEK = 7 * 86_400_000;
const PROBES = 140; // 20 a day for 7 days

beforeAll(async () => {
  server = await startFreshnessSites();
  dir = mkdtempSync(join(tmpdir(), 'govhealth-verdict-'));
  config = parseConfig(configYaml(server, dir), '<inline>');
  store = Store.open(dir);
  http = new HttpClient(config.network, new Resolver(config.network));
  const log = silentLogger();
  const ind = indicatorsFor(config);
  for (const site of config.sites) {
    await runFreshness({ store, config, site, now: NOW, http, log });
    // A week of probes, evenly spread, the last one at NOW: the clock moves, nothing sleeps.
    for (let i = 1; i <= PROBES; i++) {
      await runProbe({ store, config, site, now: new Date(NOW.getTime() - WEEK + (i * WEEK) / PROBES), http, log, services: { indicators: ind } });
    }
    verdicts.set(site.id, verdictFromStore(store, config, site, NOW, ind));
  }
}, 120_000);

afterAll(async () => {
  await http?.close();
  store?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verdict of each fixture site', () => {
  for (const siteId of Object.keys(planted)) {
    it(`site ${siteId} gets the verdict an inspector would give (${planted[siteId]!.result})`, () => {
      const v = verdicts.get(siteId)!;
      const m = planted[siteId]!;
      expect(v.result).toBe(m.result);
      expect(v.vetoes.filter((x) => x.status === 'triggered').map((x) => x.id)).toEqual(m.vetoes);
      expect(v.score.value).toBe(m.score);
      // The assessable items are assessed: availability, homepage and columns are never "not assessed" here.
      for (const id of ['veto.unreachable', 'veto.homepage-stale', 'veto.column-stale']) {
        const status = v.vetoes.find((x) => x.id === id)!.status;
        // A site with no configured columns (and no discovery) cannot have its columns judged: it says so.
        if (id === 'veto.column-stale' && siteId === 'home-nav') expect(status).toBe('not-assessed');
        else expect(status, id).not.toMatch(/not-assessed|insufficient/);
      }
      // Items without a check are listed as not assessed rather than passed.
      expect(v.complete).toBe(false);
      expect(v.notAssessed.map((n) => n.id)).toEqual(expect.arrayContaining(['veto.serious-error', 'veto.interaction', 'veto.service', 'deduction.link-homepage']));
    });
  }

  it('the failing availability site shows the ratio with the probes behind it and the failed probes', () => {
    const item = verdicts.get('unreachable')!.vetoes.find((x) => x.id === 'veto.unreachable')!;
    expect(item.summary).toContain('14/140 次打不开（10.0%）');
    expect(item.evidence[0]!.text).toContain('http-5xx 14');
    expect(item.evidence.length).toBeGreaterThan(1);
  });

  it('a 4% failure ratio is an early warning, not a veto', () => {
    const v = verdicts.get('flaky')!;
    const item = v.vetoes.find((x) => x.id === 'veto.unreachable')!;
    expect(item.status).toBe('clear');
    expect(item.warning).toContain('5/140');
    expect(v.warnings.some((w) => w.startsWith('站点无法访问'))).toBe(true);
  });

  it('the stale-columns site names the columns behind the veto and deducts its stale 政策文件 column once', () => {
    const v = verdicts.get('columns-stale')!;
    const item = v.vetoes.find((x) => x.id === 'veto.column-stale')!;
    expect(item.summary).toContain('动态要闻类及通知公告、政策文件类一级栏目未更新 5 个（≥ 5）');
    expect(item.evidence.map((e) => e.text).join('\n')).toContain('区县动态');
    const d = v.deductions.find((x) => x.id === 'deduction.policy-column-stale')!;
    expect(d).toMatchObject({ status: 'deducted', count: 1, deducted: 5 });
  });

  it('the blank-columns site fails on five blank columns', () => {
    const item = verdicts.get('blank')!.vetoes.find((x) => x.id === 'veto.column-stale')!;
    expect(item.summary).toContain('空白栏目 5 个（≥ 5）');
  });

  it('the navigation-only homepage is judged by its second-level pages', () => {
    const item = verdicts.get('home-nav')!.vetoes.find((x) => x.id === 'veto.homepage-stale')!;
    expect(item.summary).toContain('二级页面');
    expect(item.summary).toContain('16 天');
  });

  it('the passing site passes with a bonus note and near-stale warnings, and the table says it all', () => {
    const v = verdicts.get('pass')!;
    expect(v.bonus.status).toBe('not-assessed');
    expect(v.warnings.join('\n')).toContain('接近更新期限');
    // A list drawn by script could not be read: said, and not counted as a blank column.
    expect(v.vetoes.find((x) => x.id === 'veto.column-stale')!.summary).toContain('检查栏目 15 个（1 个无法读取：办事指南）');
    const text = formatVerdictTable([v, verdicts.get('home-stale')!]);
    // A pass with unassessed items is provisional and says so; a triggered veto is final whatever is unassessed.
    expect(text).toContain('结论：合格（部分指标未评估，结论仅就已评估指标而言）');
    expect(text).toMatch(/结论：不合格\n/);
    expect(text).toContain('[否决] 首页不更新');
  });
});
