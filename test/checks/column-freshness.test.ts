import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { HttpClient, Resolver } from '../../src/crawl/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { runFreshness } from '../../src/rules/index.ts';
import { HOMEPAGE_COLUMN, Store } from '../../src/storage/index.ts';
import { configYaml, manifest, NOW, startFreshnessSites, type FreshnessServer } from '../fixtures/freshness-sites/index.ts';

let server: FreshnessServer;
let config: LoadedConfig;
let store: Store;
let http: HttpClient;
let dir: string;
const planted = manifest();

beforeAll(async () => {
  server = await startFreshnessSites();
  dir = mkdtempSync(join(tmpdir(), 'govhealth-fresh-'));
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

const run = (siteId: string, now = NOW) =>
  runFreshness({ store, config, site: config.sites.find((s) => s.id === siteId)!, now, http, log: silentLogger() });

describe('column freshness checks against the fixture manifest', () => {
  for (const siteId of Object.keys(planted)) {
    it(`column checks report exactly the planted stale, blank and near-stale columns of site ${siteId}`, async () => {
      const { findings } = await run(siteId);
      const m = planted[siteId]!;
      const keys = (check: string) => findings.filter((f) => f.check === check).map((f) => f.key).sort();
      expect(keys('column.stale')).toEqual(m.stale);
      expect(keys('column.blank')).toEqual(m.blank);
      expect(keys('column.warning')).toEqual(m.warning);
      const home = findings.find((f) => f.check === 'homepage.stale');
      if (m.homepage === 'fresh') expect(home).toBeUndefined();
      else expect(home?.severity).toBe(m.homepage === 'stale' ? 'veto' : 'warning');
    });
  }

  it('stores a snapshot per column per run with newest date, count and the newest items', () => {
    const snaps = store.snapshots.latest('pass', NOW);
    const byId = Object.fromEntries(snaps.map((s) => [s.columnId, s]));
    expect(Object.keys(byId).sort()).toEqual([...Object.keys(planted.pass!.columns), HOMEPAGE_COLUMN].sort());
    for (const [id, state] of Object.entries(planted.pass!.columns)) expect(byId[id]!.state, id).toBe(state);
    expect(byId.bdyw).toMatchObject({ newestDate: '2026-11-18', ageDays: 2, itemCount: 12 });
    expect(byId.bdyw!.topItems).toHaveLength(5);
    // Oldest first: page 1, then straight to the last page (尾页); the middle page cannot change the answer.
    expect(byId.gsxx).toMatchObject({ newestDate: '2026-08-12', ageDays: 100, itemCount: 15 });
    expect(byId.gzdt).toMatchObject({ newestDate: '2026-10-26', undatedCount: 2 });
    expect(byId.hdjl).toMatchObject({ state: 'blank', itemCount: 0 });
    // 通知公告 is served as GBK: titles come out readable.
    expect(byId.tzgg!.topItems[0]!.title).toContain('（通知公告第1号）');
  });

  it('a stale column finding carries class, window, age and the newest item as evidence', async () => {
    const { findings } = await run('pass');
    const f = findings.find((x) => x.key === 'gfxwj')!;
    expect(f.evidence).toMatchObject({ class: '政策文件', windowDays: 180, ageDays: 200, newestDate: '2026-05-04', topLevel: true });
    expect(String(f.evidence.message)).toContain('已 200 天未更新');
    const undated = (await run('columns-stale')).findings.find((x) => x.key === 'cs-zc')!;
    expect(String(undated.evidence.message)).toContain('均未注明发布时间');
  });

  it('moving the clock two weeks on turns near-stale 动态要闻 columns stale and fresh ones near-stale', async () => {
    const later = new Date(NOW.getTime() + 5 * 86_400_000);
    const { findings } = await run('pass', later);
    const stale = findings.filter((f) => f.check === 'column.stale').map((f) => f.key).sort();
    expect(stale).toContain('bmdt'); // 11 + 5 = 16 days > 14
    expect(findings.filter((f) => f.check === 'column.warning').map((f) => f.key)).not.toContain('bmdt');
    await run('pass'); // back to the fixture's day for the other tests
  });

  it('columns discovered from the homepage navigation are judged by the class their name implies', async () => {
    const site = { ...config.sites.find((x) => x.id === 'columns-stale')!, columns: [] };
    const discovering = { ...config, checks: { ...config.checks, freshness: { ...config.checks.freshness, discoverColumns: ['columns-stale'] } } };
    const { findings } = await runFreshness({ store, config: discovering, site, now: NOW, http, log: silentLogger() });
    const keys = (check: string) => findings.filter((f) => f.check === check).map((f) => f.key).sort();
    // The navigation lists the first six columns; 政策文件 and 人事信息 are not in it.
    expect(keys('column.stale')).toEqual(['nav:区县动态', 'nav:工作进展', 'nav:科室公告', 'nav:通知公告', 'nav:部门动态']);
    expect(keys('column.warning')).toEqual(['nav:本地要闻']);
    expect(findings.find((f) => f.key === 'nav:工作进展')!.evidence).toMatchObject({ class: '动态要闻', discovered: true });
  });
});
