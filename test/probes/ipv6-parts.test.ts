import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/storage/index.ts';
import { linkLevelsFromCrawl, sampleEvenly } from '../../src/probes/ipv6-link-levels.ts';
import { seedCrawls } from '../fixtures/ipv6-sites/scenario.ts';
import { compareDigests, digestPage } from '../../src/probes/ipv6-content.ts';
import { median } from '../../src/probes/ipv6-host.ts';
import { RouteCache, kernelRouteCheck } from '../../src/probes/ipv6-route.ts';
import { summariseIpv6 } from '../../src/probes/ipv6-summary.ts';
import { ipv6SettingsSchema } from '../../src/config/schema-ipv6.ts';
import { configSchema, siteSchema } from '../../src/config/schema.ts';

const html = (title: string, body: string) => Buffer.from(`<html><head><title>${title}</title><script>var x=1</script></head><body><main>${body}</main></body></html>`);
const TEXT = '全面推进政务公开，加快建设法治政府、创新政府、廉洁政府和服务型政府，持续优化营商环境，方便企业和群众办事。';

describe('IPv6/IPv4 homepage consistency', () => {
  it('calls two pages consistent when only a counter differs, within the tolerance', () => {
    const c = compareDigests(digestPage(200, html('某市', TEXT + '访问量：1'), 'text/html'), digestPage(200, html('某市', TEXT + '访问量：2'), 'text/html'), 0.1);
    expect(c).toMatchObject({ consistent: true, sameStatus: true, sameTitle: true, differences: [] });
    expect(c.similarity).toBeGreaterThan(0.9);
    expect(c.similarity).toBeLessThan(1);
  });

  it('reports the status, the title and the content that differ', () => {
    const c = compareDigests(digestPage(200, html('Welcome to nginx!', 'It works'), undefined), digestPage(404, html('某市', TEXT), undefined), 0.1);
    expect(c).toMatchObject({ consistent: false, differences: ['status', 'title', 'content'], similarity: 0 });
  });

  it('decodes GBK pages before comparing, and ignores scripts', () => {
    const gbk = Buffer.concat([Buffer.from('<html><head><meta charset="gbk"><title>'), Buffer.from([0xd5, 0xfe, 0xb8, 0xae]), Buffer.from('</title></head><body>x</body></html>')]);
    expect(digestPage(200, gbk, 'text/html').title).toBe('政府');
    expect(digestPage(200, html('t', 'abc'), undefined).textLength).toBe(3);
  });
});

describe('IPv6 probe parts', () => {
  it('samples links evenly and deterministically', () => {
    expect(sampleEvenly([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(sampleEvenly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
  });

  it('takes medians of odd and even lists', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('asks the route check once per address and lists the unrouted ones', async () => {
    const asked: string[] = [];
    const routes = new RouteCache(async (a) => (asked.push(a), a === '::1'));
    expect(await routes.has('::1')).toBe(true);
    expect(await routes.has('2001:db8::1')).toBe(false);
    expect(await routes.has('2001:db8::1')).toBe(false);
    expect(asked).toEqual(['::1', '2001:db8::1']);
    expect(await routes.unrouted()).toEqual(['2001:db8::1']);
  });

  it('finds a route to ::1 with the kernel check (a UDP connect sends nothing)', async () => {
    expect(await kernelRouteCheck('::1')).toBe(true);
  });

  // A network namespace whose loopback is down is a machine without any IPv6 route (needs root and unshare).
  const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0 && spawnSync('ip', ['-V']).status === 0;
  it.skipIf(!canUnshare)('finds no route in a network namespace without IPv6, and one once loopback is up', () => {
    const script = 'test/fixtures/ipv6-sites/route-check-cli.ts';
    const run = (setup: string) =>
      spawnSync('unshare', ['-n', 'sh', '-c', `${setup} exec node --import tsx/esm ${script}`], { encoding: 'utf8', timeout: 30_000 }).stdout.trim();
    expect(run('')).toBe('false');
    expect(run('ip link set lo up &&')).toBe('true');
  });

  it('summarises shares by level, counting unmeasurable sites apart', () => {
    const s = summariseIpv6([
      { level: '省', verdict: 'supported' },
      { level: '省', verdict: 'partial' },
      { level: '市', verdict: 'unsupported' },
      { level: '市', verdict: 'not-measurable' },
    ]);
    expect(s.all).toEqual({ measured: 3, reachable: 2, supported: 1, notMeasurable: 1, reachableRate: 2 / 3, supportedRate: 1 / 3 });
    expect(s.byLevel.市).toEqual({ measured: 1, reachable: 0, supported: 0, notMeasurable: 1, reachableRate: 0, supportedRate: 0 });
    expect(s.byLevel.县).toEqual({ measured: 0, reachable: 0, supported: 0, notMeasurable: 0 });
  });
});

describe('checks.ipv6 settings', () => {
  it('defaults to 5 probes and the 90% / 85% link thresholds', () => {
    expect(ipv6SettingsSchema.parse({})).toMatchObject({ probes: 5, level2Threshold: 0.9, level3Threshold: 0.85, minSuccessRate: 0.9, slowRatio: 2 });
  });

  it('rejects unknown keys and out-of-range thresholds, naming the key', () => {
    const base = { sites: [{ id: 'a', name: 'A', level: '省', homepage: 'http://a.test/' }] };
    const bad = configSchema.safeParse({ ...base, checks: { ipv6: { level2Threshold: 90, probs: 3 } } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => [...i.path, ...((i as { keys?: string[] }).keys ?? [])].join('.'));
    expect(paths).toContain('checks.ipv6.level2Threshold');
    expect(paths.some((p) => p.includes('probs'))).toBe(true);
    expect(configSchema.parse(base).checks.ipv6.level3Threshold).toBe(0.85);
  });
});

describe('link levels from the crawl graph', () => {
  it('finds 二级 and 三级 same-site links by first appearance, drops fragments, and samples to the cap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govhealth-ipv6-levels-'));
    const store = Store.open(dir);
    try {
      const ports = { dual: 8080, v4Only: 8081 };
      seedCrawls(store, ports);
      const site = siteSchema.parse({ id: 'tree', name: 'T', level: '省', homepage: 'http://www.tree.test:8080/', hosts: ['xxgk.tree.test', 'bs.tree.test'] });
      const full = linkLevelsFromCrawl(store, site, 100)!;
      expect(full.level2.urls.map((u) => u.replace('http://', '').replace(':8080', ''))).toEqual([
        'www.tree.test/bs/', 'www.tree.test/gk/', 'www.tree.test/hd/', 'www.tree.test/news/', 'xxgk.tree.test/',
      ]);
      expect(full.level2.brokenOverIpv4).toEqual(['http://www.tree.test:8080/broken.html']);
      expect(full.level3.found).toBe(8);
      expect(full.level3.urls.some((u) => u.includes('detail'))).toBe(false);
      const capped = linkLevelsFromCrawl(store, site, 3)!;
      expect(capped.level3).toMatchObject({ found: 8 });
      expect(capped.level3.urls).toHaveLength(3);
      // Without the other hosts in the registry, their links are not the site's.
      const narrow = linkLevelsFromCrawl(store, { ...site, hosts: [] }, 100)!;
      expect(narrow.level2.found).toBe(4);
      expect(linkLevelsFromCrawl(store, { ...site, id: 'never-crawled' }, 100)).toBeUndefined();
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
