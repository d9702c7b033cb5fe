import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, createServices, type CheckServices, type Finding, type FindingDraft } from '../../src/checks/index.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { HttpClient, Resolver } from '../../src/crawl/index.ts';
import { statsFromFindings } from '../../src/interaction/index.ts';
import { accountVerdicts } from '../../src/newmedia/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { indicatorsFor, judgeSite } from '../../src/rules/index.ts';
import { configYaml, MANIFEST, NOW, startNewmediaSites, type NewmediaServer } from '../fixtures/newmedia-sites/index.ts';

const OURS = ['newmedia.stale', 'newmedia.dormant', 'newmedia.unlisted', 'newmedia.broken', 'interaction.slow', 'interaction.unanswered', 'interaction.missing'];

let server: NewmediaServer;
let config: LoadedConfig;
let http: HttpClient;
let services: CheckServices;
let dir: string;
const drafts = new Map<string, FindingDraft[]>();

async function runSite(siteId: string): Promise<FindingDraft[]> {
  const site = config.sites.find((s) => s.id === siteId)!;
  const ctx = { site, config, now: NOW, log: silentLogger(), http, services };
  const input = { runId: 1, homepage: site.homepage, linkTargets: async function* () {} };
  const out: FindingDraft[] = [];
  for (const id of OURS) out.push(...((await CHECKS.find((c) => c.id === id)!.onSite!(input, ctx)) ?? []));
  return out;
}

beforeAll(async () => {
  server = await startNewmediaSites();
  dir = mkdtempSync(join(tmpdir(), 'govhealth-nm-'));
  config = parseConfig(configYaml(server, dir), '<inline>');
  http = new HttpClient(config.network, new Resolver(config.network));
  services = await createServices(config);
  for (const id of Object.keys(MANIFEST)) drafts.set(id, await runSite(id));
}, 60_000);

afterAll(async () => {
  await http?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const origin = (siteId: string) => (siteId === 'nm-county' ? server.a.origin : server.b.origin);
const shape = (f: FindingDraft) => ({
  check: f.check,
  key: f.check === 'typo.serious' ? f.key.replace(/:[0-9a-f]{12}$/, ':*') : f.key,
  severity: f.severity,
  ...(f.account ? { account: f.account } : {}),
  ...(f.evidence.editor ? { editor: f.evidence.editor as string } : {}),
  ...(f.column ? { column: f.column } : {}),
});
const sortKey = (x: { check: string; key: string }) => `${x.check}|${x.key}`;

describe('new-media and interaction checks against the newmedia-sites manifest', () => {
  for (const siteId of Object.keys(MANIFEST)) {
    it(`site ${siteId}: exactly the planted findings, with accounts and editors`, () => {
      const planted = MANIFEST[siteId]!.findings.map((p) => ({ ...p, key: p.key.replace('@base', origin(siteId)) }));
      const got = drafts.get(siteId)!.map(shape);
      expect(got.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(planted.sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
    });
  }

  it('reads the script-drawn Weibo-like timeline in Chromium (11 days old, dated 2026-11-09)', () => {
    const f = drafts.get('nm-county')!.find((x) => x.check === 'newmedia.stale' && x.key === 'wb-fb')!;
    expect(f.evidence).toMatchObject({ renderedBy: 'browser', profile: 'weibo', newestDate: '2026-11-09', ageDays: 11, postCount: 2, editorName: '李主任' });
  });

  it('stale, dormant and broken findings say how old the newest post is and what failed', () => {
    const all = drafts.get('nm-county')!;
    expect(all.find((x) => x.check === 'newmedia.stale' && x.key === 'dy')!.evidence).toMatchObject({ profile: 'generic', newestDate: '2026-10-31', ageDays: 20 });
    expect(all.find((x) => x.check === 'newmedia.dormant')!.evidence).toMatchObject({ newestDate: '2026-05-01', ageDays: 203, dormantDays: 90 });
    expect(all.find((x) => x.key === 'ks' && x.check === 'newmedia.broken')!.evidence).toMatchObject({ error: 'http-404', status: 404 });
    const typo = all.find((x) => x.check === 'typo.serious')!;
    expect(typo.url).toBe(`${server.a.origin}/mirror/wechat/a1.html`);
    expect(typo.evidence).toMatchObject({ wrong: '秸杆', right: '秸秆', postTitle: '示范县部署秋冬季秸秆禁烧工作', editorName: '张编辑', region: 'newmedia-post' });
  });

  it('response-time statistics per site: median, 90th percentile and share within the limit', () => {
    const stats = statsFromFindings(drafts.get('nm-county')!);
    expect(stats).toEqual(MANIFEST['nm-county']!.stats);
    expect(statsFromFindings(drafts.get('nm-quiet')!)).toBeUndefined();
  });

  it('each account gets its own verdict: 不合格 on a veto, 未检查 when its mirror did not open, 合格 otherwise', () => {
    const site = config.sites.find((s) => s.id === 'nm-county')!;
    const findings: Finding[] = drafts.get('nm-county')!.map((d, i) => ({ ...d, id: `f${i}`, siteId: 'nm-county', firstSeen: '', lastSeen: '', status: 'open', pageCount: 1 }));
    const v = accountVerdicts(site, findings);
    expect(v.map((a) => [a.accountId, a.result, a.editor, a.vetoes.map((x) => x.check).sort(), a.problems.map((x) => x.check).sort()])).toEqual([
      ['wx-fb', '合格', 'zhang', [], ['link.broken', 'typo.serious']],
      ['wb-fb', '合格', 'li', [], ['newmedia.stale']],
      ['dy', '不合格', 'wang', ['newmedia.stale'], []],
      ['tt', '不合格', 'wang', ['newmedia.broken', 'newmedia.stale'], ['newmedia.dormant']],
      ['ks', '未检查', 'li', [], ['newmedia.broken', 'newmedia.unlisted']],
    ]);
  });

  for (const siteId of Object.keys(MANIFEST)) {
    it(`site ${siteId}: the verdict shows the planted veto items triggered (and the new-media items)`, () => {
      const site = config.sites.find((s) => s.id === siteId)!;
      const findings: Finding[] = drafts.get(siteId)!.map((d, i) => ({ ...d, id: `f${i}`, siteId, firstSeen: NOW.toISOString(), lastSeen: NOW.toISOString(), status: 'open', pageCount: 1 }));
      const v = judgeSite({
        site,
        now: NOW,
        indicators: indicatorsFor(config),
        findings,
        checksRun: CHECKS.map((c) => c.id),
        registered: CHECKS.map((c) => c.id),
        hasPublicServices: true,
      });
      expect(v.vetoes.filter((x) => x.status === 'triggered').map((x) => x.id).sort()).toEqual([...MANIFEST[siteId]!.vetoes].sort());
      expect(v.result).toBe('不合格');
      const nm = v.vetoes.filter((x) => x.id.startsWith('veto.newmedia-')).map((x) => x.name);
      expect(nm).toEqual(['政务新媒体内容不更新', '政务新媒体互动回应差']);
      if (siteId === 'nm-quiet') expect(v.vetoes.filter((x) => x.id.startsWith('veto.newmedia-')).map((x) => x.status)).toEqual(['clear', 'clear']);
    });
  }
});
