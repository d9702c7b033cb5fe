import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { HttpClient, Resolver } from '../../src/crawl/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { runFreshness } from '../../src/rules/index.ts';
import { HOMEPAGE_COLUMN, Store } from '../../src/storage/index.ts';
import { configYaml, NOW, startFreshnessSites, type FreshnessServer, type SiteSpec } from '../fixtures/freshness-sites/index.ts';

const DAY = 86_400_000;
const spec = (id: string, address: string, newestAge?: number): SiteSpec => ({
  id,
  name: `${id} 测试站`,
  level: '县',
  address,
  homepage: { ...(newestAge !== undefined ? { newestAge } : {}), expect: 'fresh' },
  columns: [],
  failEvery: 0,
  expect: { result: '合格', vetoes: [], score: 100 },
});

let server: FreshnessServer;
let config: LoadedConfig;
let store: Store;
let http: HttpClient;
let dir: string;

beforeAll(async () => {
  server = await startFreshnessSites([spec('undated', '127.0.0.7'), spec('dated', '127.0.0.8', 9)]);
  dir = mkdtempSync(join(tmpdir(), 'govhealth-home-'));
  config = parseConfig(configYaml(server, dir), '<inline>');
  store = Store.open(dir);
  http = new HttpClient(config.network, new Resolver(config.network));
});

afterAll(async () => {
  await http?.close();
  store?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (days: number) => new Date(NOW.getTime() + days * DAY);
async function judge(siteId: string, days: number) {
  const { findings } = await runFreshness({ store, config, site: config.sites.find((s) => s.id === siteId)!, now: at(days), http, log: silentLogger() });
  const f = findings.find((x) => x.check === 'homepage.stale');
  return { severity: f?.severity, evidence: f?.evidence, snapshot: store.snapshots.latest(siteId, at(days)).find((s) => s.columnId === HOMEPAGE_COLUMN)! };
}

function page(items: string[], volatile: string): string {
  const list = items.map((t, i) => `<li><a href="/news/${encodeURIComponent(t)}.html">${t}</a></li>`).join('');
  return `<html><body><div class="header">${volatile}</div><div class="main"><ul>${list}</ul>
<p><a href="/weather.html">今日天气：${volatile}</a> <a href="/count.html">网站访问量：${volatile.length * 1000}</a></p></div></body></html>`;
}

describe('homepage staleness across runs (clock moved, nothing sleeps)', () => {
  it('an undated homepage is judged by change of its content items, ignoring clocks, weather and counters', async () => {
    const site = server.site('undated');
    const items = ['县政府召开第十次常务会议', '全县秋冬季森林防火工作部署会召开', '关于开展安全生产大检查的通知'];
    site.setHomepage(page(items, '晴 12℃ 2026-11-20 10:00'));
    expect((await judge('undated', 0)).severity).toBeUndefined(); // first look: nothing to compare yet
    site.setHomepage(page(items, '多云 8℃ 2026-11-25 09:12:33'));
    expect((await judge('undated', 5)).severity).toBeUndefined();
    site.setHomepage(page(items, '小雨 6℃ 2026-11-30 17:45'));
    const ten = await judge('undated', 10);
    expect(ten.severity).toBe('warning');
    expect(ten.evidence).toMatchObject({ ageDays: 10, basis: 'unchanged-observed' });
    site.setHomepage(page(['县长主持召开专题会议研究冬季供暖工作', ...items], '阴 5℃'));
    const changed = await judge('undated', 12);
    expect(changed.severity).toBeUndefined();
    expect(changed.snapshot.changedAt).toBe(at(12).toISOString());
    expect((await judge('undated', 21)).severity).toBeUndefined(); // 9 days after the change
    const stale = await judge('undated', 26);
    expect(stale.severity).toBe('veto');
    expect(stale.evidence).toMatchObject({ ageDays: 14, basis: 'content-change', lastUpdate: '2026-12-02' });
    expect(store.findings.list({ siteId: 'undated', check: 'homepage.stale' })).toHaveLength(1);
  });

  it('a dated homepage warns at 10 days and is a veto at 14 days after its newest item', async () => {
    expect((await judge('dated', 0)).severity).toBeUndefined(); // newest item 9 days old
    const warn = await judge('dated', 1);
    expect(warn.severity).toBe('warning');
    expect(String(warn.evidence!.message)).toContain('4 天后将达到 14 天单项否决标准');
    expect((await judge('dated', 5)).severity).toBe('veto');
    // The editor publishes: the finding is resolved on the next run.
    server.site('dated').setHomepage(page(['关于2026年冬季征兵工作的通告'], '').replace('</a></li>', '</a><span>2026-11-25</span></li>'));
    expect((await judge('dated', 6)).severity).toBeUndefined();
    expect(store.findings.list({ siteId: 'dated', check: 'homepage.stale', status: 'open' })).toHaveLength(0);
  });
});
