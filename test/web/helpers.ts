// test helper (web): a dashboard over a seeded database — two units' sites, a supervisor and two editors, findings
// shaped as the crawler records them — and a logged-in client over app.inject.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { FindingDraft } from '../../src/checks/check.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { Store } from '../../src/storage/index.ts';
import { buildWebApp, hashPassword } from '../../src/web/index.ts';

export const PASSWORD = 'correct horse 电池';
export const NOW = new Date('2026-11-20T08:00:00+08:00');

/** Text planted in a crawled page: a script element and text that would break out of an attribute. */
export const SCRIPT = '<script>window.__pwned=1</script>';
export const ATTR = '" onmouseover="window.__pwned=2" x="';

/** New-media accounts of the two sites, when a test asks for them (county's are surveyed, dept's never). */
const ACCOUNTS = {
  county: `    accounts:
      - { id: wx, platform: 微信, name: 示范县发布, url: "http://mp.county.gov.test/wx", editor: zhao }
      - { id: wb, platform: 微博, name: 示范县政务微博, url: "http://weibo.county.gov.test/sf", editor: wang }
      - { id: dy, platform: 抖音, name: 示范县融媒, url: "http://douyin.county.gov.test/rm", editor: wang }
`,
  dept: `    accounts:
      - { id: jy, platform: 微信, name: 示范市教育发布, url: "http://mp.city.gov.test/jy", editor: li }
`,
};

export function configText(dataDir: string, web = '', accounts = false): string {
  return `dataDir: ${JSON.stringify(dataDir)}
${web}
editors:
  - { id: wang, name: 王编辑 }
  - { id: li, name: 李编辑 }
  - { id: zhao, name: 赵编辑 }
sites:
  - id: county
    name: 示范县人民政府
    level: 县
    region: 示范市
    homepage: http://www.county.gov.test/
    owner: wang
    columns:
      - { name: 通知公告, url: "http://www.county.gov.test/tzgg/", class: 通知公告, editor: zhao }
${accounts ? ACCOUNTS.county : ''}  - id: dept
    name: 示范市教育局
    level: 部门
    region: 示范市
    homepage: http://jyj.city.gov.test/
    owner: li
${accounts ? ACCOUNTS.dept : ''}`;
}

export interface Seeded {
  app: FastifyInstance;
  store: Store;
  config: LoadedConfig;
  ids: Record<string, string>;
  close(): Promise<void>;
}

const drafts: Record<string, FindingDraft> = {
  script: {
    check: 'link.broken',
    key: 'http://www.county.gov.test/gone.html',
    severity: 'error',
    url: 'http://www.county.gov.test/',
    target: 'http://www.county.gov.test/gone.html',
    evidence: { message: '链接返回 HTTP 404', status: 404, anchor: SCRIPT, snippet: ATTR },
    onHomepage: true,
  },
  jsUrl: {
    check: 'link.wrong',
    key: 'javascript:alert(1)',
    severity: 'error',
    url: 'http://www.county.gov.test/tzgg/',
    target: 'javascript:alert(1)',
    evidence: { message: '占位链接', anchor: `标题${ATTR}` },
    column: '通知公告',
  },
  formula: {
    check: 'typo.serious',
    key: '秸杆@http://www.county.gov.test/a.html',
    severity: 'warning',
    url: 'http://www.county.gov.test/a.html',
    evidence: { message: '错别字：秸杆', snippet: '=HYPERLINK("http://evil.test")', suggestion: '秸秆' },
  },
  dept: {
    check: 'link.broken',
    key: 'http://jyj.city.gov.test/secret.html',
    severity: 'error',
    url: 'http://jyj.city.gov.test/',
    target: 'http://jyj.city.gov.test/secret.html',
    evidence: { message: '教育局的断链', anchor: '教育局内部页面' },
  },
};

/** Findings of county's new-media survey: 示范县发布 not updated for 20 days (veto), 示范县政务微博 close to it. */
const accountDrafts: FindingDraft[] = [
  {
    check: 'newmedia.stale',
    key: 'wx',
    severity: 'veto',
    url: 'http://mp.county.gov.test/wx',
    account: '示范县发布',
    evidence: { message: '账号已 20 天未更新（最近一次发布 2026-10-31）' },
  },
  {
    check: 'newmedia.stale',
    key: 'wb',
    severity: 'warning',
    url: 'http://weibo.county.gov.test/sf',
    account: '示范县政务微博',
    evidence: { message: `账号已 11 天未更新，即将超过 14 天${SCRIPT}` },
  },
];

/** A dashboard over a seeded temporary database (with new-media accounts when `accounts` is set). */
export async function seeded(web = '', accounts = false): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'gh-web-'));
  const config = parseConfig(configText(dir, web, accounts), '<inline>', { vars: {} });
  const store = Store.open(dir);
  const hash = await hashPassword(PASSWORD);
  store.users.upsert({ name: 'boss', role: 'supervisor', passwordHash: hash }, NOW);
  store.users.upsert({ name: 'wang', role: 'editor', editorId: 'wang', passwordHash: hash }, NOW);
  store.users.upsert({ name: 'zhao', role: 'editor', editorId: 'zhao', passwordHash: hash }, NOW);
  const ids: Record<string, string> = {};
  for (const site of ['county', 'dept']) {
    // The crawl runs the new-media checks too; dept's accounts are left unsurveyed.
    const surveyed = accounts && site === 'county';
    const checks = ['link.broken', 'link.wrong', 'typo.serious', ...(surveyed ? ['newmedia.stale', 'newmedia.dormant', 'newmedia.broken'] : [])];
    const run = store.runs.start(site, 'crawl', NOW, NOW, checks);
    const mine = Object.entries(drafts).filter(([k]) => (site === 'dept') === (k === 'dept'));
    const got = store.findings.record(site, run.id, NOW, mine.map(([, d]) => d));
    mine.forEach(([k], i) => (ids[k] = got[i]!));
    if (surveyed) [ids.wxStale, ids.wbWarning] = store.findings.record(site, run.id, NOW, accountDrafts);
    store.runs.finish(run.id, 'done', NOW, { findings: mine.length });
  }
  const { app } = await buildWebApp({ config, store, now: () => NOW });
  return {
    app,
    store,
    config,
    ids,
    close: async () => {
      await app.close();
      store.close();
    },
  };
}

/** Cookies of a response as name → value. */
export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

/** The value of the first hidden `_csrf` field of a page. */
export function csrfOf(body: string): string {
  return /name="_csrf" value="([^"]*)"/.exec(body)?.[1] ?? '';
}

/** Logs in through the form; returns the session cookie header and the session's CSRF token. */
export async function login(app: FastifyInstance, name: string, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const form = await app.inject({ method: 'GET', url: '/login' });
  const pre = cookiesOf(form).gh_prelogin!;
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gh_prelogin=${pre}` },
    payload: new URLSearchParams({ _csrf: csrfOf(form.body), name, password, next: '/' }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`login of ${name} failed: ${res.statusCode}`);
  const cookie = `gh_session=${cookiesOf(res).gh_session}`;
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  return { cookie, csrf: csrfOf(home.body) };
}

/** A urlencoded form body. */
export function form(fields: Record<string, string>): { headers: Record<string, string>; payload: string } {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() };
}
