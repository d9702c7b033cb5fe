import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { Store } from '../../src/storage/index.ts';
import { runCli } from '../e2e/cli-run.ts';
import { configYaml, MANIFEST, NOW, startNewmediaSites, type NewmediaServer } from '../fixtures/newmedia-sites/index.ts';

// `govhealth crawl` then `govhealth findings` and `govhealth verdict` over the newmedia-sites fixture.
let server: NewmediaServer;
let dir: string;
let cfg: string;
let crawlCode: number;


beforeAll(async () => {
  server = await startNewmediaSites();
  dir = mkdtempSync(join(tmpdir(), 'govhealth-nm-cli-'));
  cfg = join(dir, 'sites.yaml');
  writeFileSync(cfg, configYaml(server, join(dir, 'data')));
  crawlCode = (await runCli(['crawl', '--config', cfg, '--now', NOW.toISOString()])).code;
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('govhealth crawl and verdict on the newmedia-sites fixture', () => {
  it('the crawl stores every planted new-media and interaction finding with its account and editor', async () => {
    expect(crawlCode).not.toBe(1);
    const config = parseConfig(configYaml(server, join(dir, 'data')), '<inline>');
    const editorOf = (account: string | undefined) => config.sites.flatMap((x) => x.accounts).find((a) => a.name === account)?.editor;
    const store = Store.open(join(dir, 'data'));
    const all = store.findings.list({ status: 'open' });
    store.close();
    const listed = JSON.parse((await runCli(['findings', '--config', cfg, '--site', 'nm-county', '--check', 'newmedia.stale', '--format', 'json'])).stdout) as { account: string }[];
    expect(listed.map((f) => f.account).sort()).toEqual(['示范县发布微博', '示范县头条', '示范县抖音']);
    for (const [siteId, planted] of Object.entries(MANIFEST)) {
      const base = siteId === 'nm-county' ? server.a.origin : server.b.origin;
      const ours = all.filter((f) => f.siteId === siteId && (f.check.startsWith('newmedia.') || f.check.startsWith('interaction.') || f.account));
      const got = ours
        .map((f) => ({
          check: f.check,
          key: f.check === 'typo.serious' ? f.key.replace(/:[0-9a-f]{12}$/, ':*') : f.key,
          severity: f.severity,
          ...(f.account ? { account: f.account } : {}),
          // A post link the crawl also reached is one finding (the crawl's evidence, the account added): its editor
          // is the account's in the registry.
          ...(f.evidence.editor || editorOf(f.account) ? { editor: (f.evidence.editor as string | undefined) ?? editorOf(f.account) } : {}),
          ...(f.column ? { column: f.column } : {}),
        }))
        .sort((a, b) => `${a.check}|${a.key}`.localeCompare(`${b.check}|${b.key}`));
      const want = planted.findings.map((p) => ({ ...p, key: p.key.replace('@base', base) })).sort((a, b) => `${a.check}|${a.key}`.localeCompare(`${b.check}|${b.key}`));
      expect(got, siteId).toEqual(want);
    }
    // Nothing else on the quiet site; on the county site only the page-level typo of the mirror page the crawl read.
    expect(all.filter((f) => f.siteId === 'nm-quiet').map((f) => f.check)).toEqual(['interaction.missing']);
    const others = all.filter((f) => f.siteId === 'nm-county' && !f.account && !f.check.startsWith('interaction.') && !f.check.startsWith('newmedia.'));
    expect(others.map((f) => `${f.check} ${f.url}`)).toEqual([`typo.serious ${server.a.origin}/mirror/wechat/index.html`]);
  });

  it('govhealth verdict shows the new-media veto items and the 互动回应差 veto, naming accounts', async () => {
    const res = await runCli(['verdict', '--config', cfg, '--now', NOW.toISOString(), '--format', 'json']);
    expect(res.code).toBe(2);
    const verdicts = JSON.parse(res.stdout) as { siteId: string; result: string; vetoes: { id: string; name: string; status: string; evidence: { text: string }[] }[] }[];
    for (const v of verdicts) {
      expect(v.vetoes.filter((x) => x.status === 'triggered').map((x) => x.id).sort(), v.siteId).toEqual([...MANIFEST[v.siteId]!.vetoes].sort());
      expect(v.result).toBe('不合格');
    }
    const county = verdicts.find((v) => v.siteId === 'nm-county')!;
    const stale = county.vetoes.find((x) => x.id === 'veto.newmedia-stale')!;
    expect(stale.name).toBe('政务新媒体内容不更新');
    expect(stale.evidence.map((e) => e.text).sort()).toEqual([
      '政务新媒体“示范县头条”最新发布于 2026-05-01，已 203 天未更新（监测点前 14 天内未更新）',
      '政务新媒体“示范县抖音”最新发布于 2026-10-31，已 20 天未更新（监测点前 14 天内未更新）',
    ]);
    expect(county.vetoes.find((x) => x.id === 'veto.newmedia-interaction')!.evidence[0]!.text).toContain('示范县头条');
    const table = await runCli(['verdict', '--config', cfg, '--now', NOW.toISOString(), '--site', 'nm-county']);
    expect(table.stdout).toContain('政务新媒体内容不更新');
    expect(table.stdout).toContain('政务新媒体互动回应差');
  });
});
