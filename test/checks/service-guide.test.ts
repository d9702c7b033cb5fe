// service.guide (服务不实用) against the service-sites fixture: exact findings per site, what each guide lacks, the
// traps (empty values, labels only in the footer or a tab bar, synonyms), the bounds, and the verdict's item after a
// real crawl (triggered / clear / not assessed for a site without a services block).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, type CheckContext, type FindingDraft } from '../../src/checks/index.ts';
import { serviceGuide } from '../../src/checks/service-guide.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { HttpClient, Resolver, runCrawl } from '../../src/crawl/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { indicatorsFor, verdictFromStore } from '../../src/rules/index.ts';
import { LabelSet, parseGuideList, readGuidePage } from '../../src/services/index.ts';
import { Store } from '../../src/storage/index.ts';
import { buildSites, configYaml, guidePath, INTRANET_GUIDE, MANIFEST, missingOf, NOW, renderSite, startServiceSites, type ServiceServer } from '../fixtures/service-sites/index.ts';

let server: ServiceServer;
let dir: string;
let config: LoadedConfig;
let http: HttpClient;
const drafts = new Map<string, FindingDraft[]>();
const requestedBefore = new Map<string, number>();

/** Every URL the check asked the HTTP client for. */
const fetched: string[] = [];

function ctxFor(cfg: LoadedConfig, siteId: string): CheckContext {
  const recording = { fetch: (url: string, o?: Parameters<HttpClient['fetch']>[1]) => (fetched.push(url), http.fetch(url, o)) } as unknown as HttpClient;
  return { site: cfg.sites.find((s) => s.id === siteId)!, config: cfg, now: NOW, log: silentLogger(), http: recording, services: {} };
}
const input = { runId: 1, homepage: '', linkTargets: async function* () {} };

beforeAll(async () => {
  server = await startServiceSites();
  dir = mkdtempSync(join(tmpdir(), 'govhealth-svc-'));
  config = parseConfig(configYaml(server, join(dir, 'data')), '<inline>');
  http = new HttpClient(config.network, new Resolver(config.network));
  for (const s of server.sites) {
    drafts.set(s.spec.id, await serviceGuide.onSite!(input, ctxFor(config, s.spec.id)));
    requestedBefore.set(s.spec.id, s.requested.length);
  }
}, 60_000);

afterAll(async () => {
  await http?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

describe('service.guide reads what each planted guide lacks', () => {
  const labels = new LabelSet();
  for (const site of buildSites()) {
    const pages = renderSite(site);
    for (const g of site.guides.filter((x) => !x.serve)) {
      it(`${site.id}/${g.id} (${g.layout}${g.labels ? `, synonyms ${g.labels}` : ''}) misses exactly ${missingOf(g).join('、') || 'nothing'}`, () => {
        const r = readGuidePage(String(pages.get(guidePath(g))!.body), labels);
        expect(r.labelled).toBe(true);
        expect(r.missing).toEqual(missingOf(g));
      });
    }
  }

  it('a label with an empty value is listed as such, and counts as missing', () => {
    const g10 = buildSites()[0]!.guides.find((g) => g.id === 'g10')!;
    const r = readGuidePage(String(renderSite(buildSites()[0]!).get(guidePath(g10))!.body), labels);
    expect(r.emptyLabels).toEqual(['收费标准', '办理时间']);
  });

  it('labels in the footer or the navigation, and a tab bar of links, are not the guide’s', () => {
    const html = `<html><body><nav><a href="/">首页</a> 办理流程：见大厅</nav><ul class="tabs"><li><a href="#a">设定依据</a></li><li><a href="#b">办理流程</a></li></ul>
      <div class="detail"><h1>养犬登记</h1><p>办理机构：县公安局</p></div><div class="footer">联系电话：0572-5000000 办公地址：人民路1号</div></body></html>`;
    const r = readGuidePage(html, labels);
    expect(r.present).toEqual(['事项名称', '办理机构']);
  });

  it('a site’s own labels (checks.services.extraLabels) are recognised; a page without any label is not read as a guide', () => {
    const html = '<html><body><h1>养犬登记</h1><p>服务窗口：县行政服务中心</p></body></html>';
    expect(readGuidePage(html, labels).labelled).toBe(false);
    const r = readGuidePage(html, new LabelSet({ 办理地点: ['服务窗口'] }));
    expect(r.present).toEqual(['事项名称', '办理地点']);
  });

  it('the list reader takes one guide per row, named by the row when its link says only 查看指南', () => {
    const site = buildSites()[0]!;
    const origin = 'http://www.demo.test';
    const list = parseGuideList(String(renderSite(site).get('/bszn/index.html')!.body), `${origin}/bszn/index.html`, '2026-11-20');
    expect(list.guides.map((g) => g.title)).toEqual(site.guides.map((g) => g.title));
    expect(list.guides[3]).toEqual({ title: '残疾人两项补贴申领', url: `${origin}/bszn/g04.html` });
  });
});

describe('service.guide against the service-sites manifest', () => {
  for (const [siteId, planted] of Object.entries(MANIFEST)) {
    it(`site ${siteId}: exactly the planted findings`, () => {
      const base = server.site(siteId).origin;
      const got = drafts.get(siteId)!.map((f) => ({ key: f.key, severity: f.severity }));
      const want = planted.findings.map((p) => ({ ...p, key: p.key.replace('@base', base) }));
      expect(got.sort(byKey)).toEqual(want.sort(byKey));
      for (const f of drafts.get(siteId)!) expect(f.check).toBe('service.guide');
    });
  }

  it('a guide finding names the guide, its URL and the elements it misses', () => {
    const base = server.site('svc-clear').origin;
    const f = drafts.get('svc-clear')!.find((x) => x.key === `guide:${base}/bszn/g10.html`)!;
    expect(f).toMatchObject({ severity: 'error', url: `${base}/bszn/g10.html` });
    expect(f.evidence).toMatchObject({ title: '殡葬补贴申领', url: `${base}/bszn/g10.html`, missing: ['设定依据', '收费标准', '办理时间', '办理流程'], emptyLabels: ['收费标准', '办理时间'] });
    expect(f.evidence.message).toBe('办事指南《殡葬补贴申领》缺少 4 个要素：设定依据、收费标准、办理时间、办理流程（缺少 4 个及以上即要素缺失）');
  });

  it('the veto names the five guides, read across both list pages', () => {
    const site = server.site('svc-veto');
    const veto = drafts.get('svc-veto')!.find((x) => x.key === 'guides')!;
    expect(veto).toMatchObject({ severity: 'veto', url: `${site.origin}/bszn/index.html` });
    expect((veto.evidence.guides as { title: string }[]).map((g) => g.title)).toEqual(['食品经营许可', '药品零售许可', '建筑工程施工许可', '道路运输经营许可', '取水许可']);
    expect(veto.evidence.judged).toBe(7);
    expect(veto.evidence.message).toContain('5 个办事指南缺少 4 个以上要素');
    expect(site.requested).toContain('/bszn/index_1.html');
  });

  it('a list that does not open, or lists nothing, is 未提供办事服务', () => {
    const broken = drafts.get('svc-broken')![0]!;
    expect(broken.evidence.message).toBe(`未提供办事服务：${server.site('svc-broken').origin}/bszn/index.html 无法打开（http-404）`);
    expect(drafts.get('svc-empty')![0]!.evidence.message).toContain('未列出任何办事指南（“暂无信息”）');
  });

  it('guides that do not open are errors; the one on an intranet address is refused by the address guard, never fetched', () => {
    const base = server.site('svc-clear').origin;
    const all = drafts.get('svc-clear')!;
    expect(all.find((x) => x.key === `broken:${base}/bszn/g14.html`)!.evidence).toMatchObject({ error: 'http-404', status: 404 });
    expect(all.find((x) => x.key === `broken:${INTRANET_GUIDE}`)!.evidence.error).toBe('private-address');
    expect(all.find((x) => x.key === `unread:${base}/bszn/g13.pdf`)!.evidence.message).toContain('不是网页');
    // Everything went through the run's client, to the fixture sites only.
    const origins = server.sites.map((x) => x.origin);
    expect(fetched.filter((u) => !origins.some((o) => u.startsWith(`${o}/`)))).toEqual([]);
  });

  it('a site without a services block is not checked: no finding and no request', () => {
    expect(drafts.get('svc-none')).toEqual([]);
    expect(requestedBefore.get('svc-none')).toBe(0);
  });

  it('reads at most maxGuides guides, and the veto.service thresholds come from the indicators (overridable)', async () => {
    const veto = server.site('svc-veto');
    const bounded = parseConfig(configYaml(server, join(dir, 'b'), 'maxGuides: 3'), '<inline>');
    const before = veto.requested.length;
    const out = await serviceGuide.onSite!(input, ctxFor(bounded, 'svc-veto'));
    expect(veto.requested.slice(before).filter((p) => /\/bszn\/v\d+\.html$/.test(p))).toHaveLength(3);
    expect(out.map((f) => f.key).sort()).toEqual([`guide:${veto.origin}/bszn/v02.html`, `guide:${veto.origin}/bszn/v03.html`]);
    const lenient = parseConfig(configYaml(server, join(dir, 'c')).replace('checks:\n', 'checks:\n  freshness: { overrides: { veto.service.guides: 6 } }\n'), '<inline>');
    expect((await serviceGuide.onSite!(input, ctxFor(lenient, 'svc-veto'))).some((f) => f.key === 'guides')).toBe(false);
  });

  it('the services block is strict: unknown keys and an empty list are configuration errors', () => {
    const yaml = (services: string) => `sites:\n  - { id: s, name: 测试县, level: 县, homepage: "http://www.s.test/", services: ${services} }\n`;
    expect(() => parseConfig(yaml('{ lists: ["http://www.s.test/bszn/"], urls: [] }'), '<inline>')).toThrow(/unknown key "urls"/);
    expect(() => parseConfig(yaml('{ lists: [] }'), '<inline>')).toThrow(/services\.lists.*at least one/);
    expect(() => parseConfig(`checks:\n  services: { extraLabels: { 办理窗口: [服务窗口] } }\n${yaml('{ lists: ["http://www.s.test/bszn/"] }')}`, '<inline>')).toThrow(/extraLabels/);
  });
});

describe('the verdict’s 服务不实用 item after a crawl', () => {
  let verdicts: Map<string, ReturnType<typeof verdictFromStore>>;

  beforeAll(async () => {
    const store = Store.open(config.dataDir);
    try {
      await runCrawl({ config, store, log: silentLogger(), now: NOW, checks: [serviceGuide] });
      const ind = indicatorsFor(config);
      verdicts = new Map(config.sites.map((s) => [s.id, verdictFromStore(store, config, s, NOW, ind, CHECKS.map((c) => c.id))]));
      // The crawl stores what the check found, exactly as it reported it.
      for (const [siteId, planted] of Object.entries(MANIFEST)) {
        const stored = store.findings.list({ siteId, status: 'open' }).filter((f) => f.check === 'service.guide');
        expect(stored.map((f) => f.key).sort(), siteId).toEqual(planted.findings.map((p) => p.key.replace('@base', server.site(siteId).origin)).sort());
      }
    } finally {
      store.close();
    }
  }, 120_000);

  for (const [siteId, planted] of Object.entries(MANIFEST)) {
    it(`site ${siteId}: 服务不实用 is ${planted.verdict}`, () => {
      const item = verdicts.get(siteId)!.vetoes.find((v) => v.id === 'veto.service')!;
      expect(item.name).toBe('服务不实用');
      expect(item.status).toBe(planted.verdict);
      if (planted.verdict === 'triggered') expect(verdicts.get(siteId)!.result).toBe('不合格');
    });
  }

  it('names the guides behind the veto, says why an item was not assessed, and warns short of the veto', () => {
    const veto = verdicts.get('svc-veto')!.vetoes.find((v) => v.id === 'veto.service')!;
    expect(veto.evidence[0]!.text).toContain('《食品经营许可》');
    expect(verdicts.get('svc-none')!.vetoes.find((v) => v.id === 'veto.service')!.summary).toBe('本站未配置办事指南列表（sites[].services），未评估');
    expect(verdicts.get('svc-script')!.vetoes.find((v) => v.id === 'veto.service')!.summary).toContain('列表由脚本生成');
    const clear = verdicts.get('svc-clear')!.vetoes.find((v) => v.id === 'veto.service')!;
    expect(clear.summary).toBe('缺少 4 个以上要素的办事指南 3 个（否决线 5 个）');
    expect(clear.evidence.map((e) => e.url)).toEqual(['g10', 'g11', 'g12'].map((id) => `${server.site('svc-clear').origin}/bszn/${id}.html`));
  });
});
