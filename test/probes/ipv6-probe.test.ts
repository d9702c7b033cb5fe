import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config/index.ts';
import { Store } from '../../src/storage/index.ts';
import { probeIpv6 } from '../../src/probes/ipv6-probe.ts';
import type { Ipv6RunResult, SiteIpv6Result } from '../../src/probes/ipv6-types.ts';
import { ipv6NoAaaa } from '../../src/checks/ipv6-no-aaaa.ts';
import { ipv6Unreachable } from '../../src/checks/ipv6-unreachable.ts';
import { ipv6Inconsistent } from '../../src/checks/ipv6-inconsistent.ts';
import { ipv6Links } from '../../src/checks/ipv6-links.ts';
import { ipv6Slow } from '../../src/checks/ipv6-slow.ts';
import { startIpv6Scenario, seedCrawls, type Ipv6Scenario } from '../fixtures/ipv6-sites/scenario.ts';
import { SLOW_V6_DELAY_MS, brokenOverIpv4, expected } from '../fixtures/ipv6-sites/manifest.ts';

const CHECKS = [ipv6NoAaaa, ipv6Unreachable, ipv6Inconsistent, ipv6Links, ipv6Slow];
const NOW = new Date('2026-11-23T08:00:00+08:00');

const findingKeys = (r: SiteIpv6Result): string[] => r.findings.map((f) => `${f.check} ${f.key}`).sort();
const bySite = (run: Ipv6RunResult, id: string): SiteIpv6Result => run.sites.find((s) => s.siteId === id)!;

describe('IPv6 probe on the fixture scenario', () => {
  let scenario: Ipv6Scenario;
  let config: AppConfig;
  let store: Store;
  let run: Ipv6RunResult;

  beforeAll(async () => {
    scenario = await startIpv6Scenario();
    config = loadConfig(scenario.configPath, { vars: {} });
    store = Store.open(config.dataDir);
    seedCrawls(store, scenario.ports);
    run = await probeIpv6(config.sites, { config, checks: CHECKS, store, now: NOW });
  });

  afterAll(async () => {
    store?.close();
    await scenario?.close();
  });

  it('reports each site exactly as the manifest plants it: verdict, host statuses and findings', () => {
    const want = expected(scenario.ports);
    for (const [id, site] of Object.entries(want)) {
      const got = bySite(run, id);
      expect({ id, verdict: got.verdict }).toEqual({ id, verdict: site.verdict });
      expect(Object.fromEntries(got.hosts.map((h) => [h.host, h.status]))).toEqual(site.hosts);
      expect(findingKeys(got)).toEqual([...site.findings].sort());
    }
    expect(run.notice).toBeUndefined();
    expect(run.unrouted).toEqual([]);
  });

  it('gives exact 二级/三级 support rates from the crawl link graph, with the failing URLs', () => {
    const want = expected(scenario.ports);
    for (const id of ['good', 'tree']) {
      const links = bySite(run, id).links!;
      expect([links.level2.supported, links.level2.tested]).toEqual(want[id]!.level2);
      expect([links.level3.supported, links.level3.tested]).toEqual(want[id]!.level3);
    }
    const tree = bySite(run, 'tree').links!;
    expect(tree.level2.rate).toBe(0.8);
    expect(tree.level3.rate).toBe(0.625);
    expect(tree.level2.failing.map((f) => f.url)).toEqual(want.tree!.failing2);
    expect(tree.level3.failing.map((f) => f.url)).toEqual(want.tree!.failing3);
    expect(tree.level2.brokenOverIpv4).toEqual(brokenOverIpv4(scenario.ports));
    expect(tree.level3.failing.find((f) => f.url.includes('bs.tree.test'))).toMatchObject({ status: 502, error: 'http-502' });
    expect(tree.level3.failing.find((f) => f.url.includes('xxgk.tree.test'))).toMatchObject({ error: 'no-aaaa' });
  });

  it('reports AAAA-but-unreachable distinctly from no AAAA', () => {
    const dead = bySite(run, 'dead').hosts[0]!;
    expect(dead).toMatchObject({ status: 'unreachable', aaaa: ['::1'], address: '::1' });
    expect(dead.v6).toMatchObject({ attempts: 3, successes: 0, successRate: 0 });
    expect(dead.v6!.samples.every((s) => s.error === 'refused')).toBe(true);
    expect(dead.v4).toMatchObject({ attempts: 3, successes: 3 });
    const f = bySite(run, 'dead').findings[0]!;
    expect(f).toMatchObject({ check: 'ipv6.unreachable', severity: 'error', certainty: 'certain', evidence: { error: 'refused' } });
    const none = bySite(run, 'noaaaa');
    expect(none.hosts[0]).toMatchObject({ status: 'no-aaaa', aaaa: [], a: ['127.0.0.1'] });
    expect(none.hosts[0]!.v6).toBeUndefined();
    expect(none.findings[0]).toMatchObject({ check: 'ipv6.no-aaaa', severity: 'error' });
    // The other hosts of a site are warnings.
    const tree = bySite(run, 'tree').findings;
    expect(tree.find((x) => x.key === 'xxgk.tree.test')!.severity).toBe('warning');
    expect(tree.find((x) => x.key === 'bs.tree.test')).toMatchObject({ severity: 'warning', evidence: { error: 'http-502' } });
  });

  it('fetches over IPv6 by connecting to the AAAA address with the site Host header', () => {
    const log = scenario.servers.log;
    expect(log.filter((l) => l.startsWith('6 www.good.test ')).length).toBeGreaterThanOrEqual(3);
    expect(log.filter((l) => l.startsWith('4 www.good.test /')).length).toBe(3);
    // A-only names are never fetched over IPv6; IPv6 link fetches reach the ::1 server.
    expect(log.some((l) => l.startsWith('6 xxgk.tree.test') || l.startsWith('6 www.noaaaa.test'))).toBe(false);
    expect(log).toContain('6 www.tree.test /news/1.html');
  });

  it('compares the IPv6 homepage with the IPv4 one within the tolerance', () => {
    const good = bySite(run, 'good').hosts[0]!;
    expect(good.consistency).toMatchObject({ consistent: true, sameStatus: true, sameTitle: true });
    expect(good.consistency!.similarity).toBeGreaterThan(0.9);
    expect(good.consistency!.similarity).toBeLessThan(1);
    const differ = bySite(run, 'differ').hosts[0]!.consistency!;
    expect(differ).toMatchObject({ consistent: false, differences: ['title', 'content'] });
    expect(differ.v6.title).toBe('Welcome to nginx!');
  });

  it('flags a host much slower over IPv6 by the ratio of medians, and not a loopback twin', () => {
    const slow = bySite(run, 'slow').hosts[0]!;
    expect(slow.latencyRatio!).toBeGreaterThan(2);
    expect(slow.v6!.totalMedianMs!).toBeGreaterThanOrEqual(SLOW_V6_DELAY_MS);
    expect(bySite(run, 'good').findings.some((f) => f.check === 'ipv6.slow')).toBe(false);
  });

  it('says when there is no crawl and measures the homepage only', () => {
    for (const id of ['differ', 'slow']) {
      const r = bySite(run, id);
      expect(r.links).toBeUndefined();
      expect(r.notes.join()).toContain('没有已完成的爬取');
    }
  });

  it('stores results and findings as an ipv6 run', () => {
    const tree = store.ipv6.latest('tree')!;
    expect(tree).toMatchObject({ verdict: 'partial', homepageStatus: 'ok', level2Rate: 0.8, level3Rate: 0.625 });
    expect(store.runs.latestDone('tree', 'ipv6')).toBeDefined();
    const stored = store.findings.list({ siteId: 'tree' }).map((f) => `${f.check} ${f.key}`).sort();
    expect(stored).toEqual([...expected(scenario.ports).tree!.findings].sort());
    expect(store.ipv6.latestAll().size).toBe(6);
  });
});

describe('IPv6 probe without an IPv6 route on the probing machine', () => {
  let scenario: Ipv6Scenario;
  let run: Ipv6RunResult;

  beforeAll(async () => {
    scenario = await startIpv6Scenario();
    const config = loadConfig(scenario.configPath, { vars: {} });
    run = await probeIpv6(config.sites, { config, checks: CHECKS, now: NOW, routeCheck: async () => false });
  });
  afterAll(async () => scenario?.close());

  it('says so once and marks sites not measurable instead of failing them', () => {
    expect(run.notice).toMatch(/本机没有到 IPv6 地址的路由/);
    expect(run.unrouted).toEqual(['::1']);
    for (const id of ['good', 'dead', 'differ', 'slow', 'tree']) {
      const r = bySite(run, id);
      expect(r.verdict).toBe('not-measurable');
      expect(r.findings.filter((f) => f.check !== 'ipv6.no-aaaa')).toEqual([]);
    }
    // AAAA presence needs no IPv6 route: still reported.
    expect(bySite(run, 'noaaaa').verdict).toBe('unsupported');
    expect(bySite(run, 'tree').hosts.find((h) => h.host === 'xxgk.tree.test')!.status).toBe('no-aaaa');
    expect(scenario.servers.log.some((l) => l.startsWith('6 '))).toBe(false);
  });
});

describe('IPv6 probe and the address guard', () => {
  let scenario: Ipv6Scenario;
  let run: Ipv6RunResult;

  beforeAll(async () => {
    scenario = await startIpv6Scenario();
    const config = loadConfig(scenario.configPath, { vars: {} });
    config.network.allowPrivate = ['127.0.0.0/8'];
    run = await probeIpv6(config.sites.filter((s) => s.id === 'good'), { config, checks: CHECKS, now: NOW });
  });
  afterAll(async () => scenario?.close());

  it('never connects to an AAAA address the guard refuses', () => {
    const host = bySite(run, 'good').hosts[0]!;
    expect(host.status).toBe('unreachable');
    expect(host.v6!.samples[0]!.error).toBe('private-address');
    expect(scenario.servers.log.some((l) => l.startsWith('6 '))).toBe(false);
  });
});

describe('IPv6 probe findings across runs', () => {
  let scenario: Ipv6Scenario;
  let config: AppConfig;
  let store: Store;

  beforeAll(async () => {
    scenario = await startIpv6Scenario();
    config = loadConfig(scenario.configPath, { vars: {} });
    store = Store.open(config.dataDir);
  });
  afterAll(async () => {
    store?.close();
    await scenario?.close();
  });

  it('keeps a finding open when the machine loses its route, and resolves it once IPv6 is fixed', async () => {
    const sites = config.sites.filter((s) => s.id === 'dead' || s.id === 'noaaaa');
    await probeIpv6(sites, { config, checks: CHECKS, store, now: new Date('2026-11-20T00:00:00Z') });
    expect(store.findings.list({ siteIds: ['dead', 'noaaaa'] }).map((f) => f.check).sort()).toEqual(['ipv6.no-aaaa', 'ipv6.unreachable']);

    // No route: "could not check" resolves nothing.
    await probeIpv6(sites, { config, checks: CHECKS, store, now: new Date('2026-11-21T00:00:00Z'), routeCheck: async () => false });
    expect(store.findings.list({ siteId: 'dead' }).map((f) => f.check)).toEqual(['ipv6.unreachable']);

    // The county adds its AAAA record: the no-aaaa finding is resolved.
    scenario.dns.set('www.noaaaa.test', { A: ['127.0.0.1'], AAAA: ['::1'] });
    const run = await probeIpv6(sites, { config, checks: CHECKS, store, now: new Date('2026-11-22T00:00:00Z') });
    expect(run.sites.find((s) => s.siteId === 'noaaaa')!.verdict).toBe('supported');
    expect(store.findings.list({ siteId: 'noaaaa' })).toEqual([]);
    expect(store.findings.list({ siteId: 'noaaaa', status: 'resolved' }).map((f) => f.check)).toEqual(['ipv6.no-aaaa']);
    expect(store.ipv6.history('noaaaa').map((r) => r.verdict)).toEqual(['supported', 'unsupported', 'unsupported']);
    expect(store.ipv6.history('dead').map((r) => r.verdict)).toEqual(['unsupported', 'not-measurable', 'unsupported']);
  });
});
