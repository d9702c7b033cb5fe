// test fixture of the alerts tests: a registry with three editors on three channels, and findings planted
// straight into storage run by run (what a crawl would have recorded).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingDraft } from '../../src/checks/check.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { Store } from '../../src/storage/index.ts';

export const DING_SECRET = 'SECb7c1e2d3f4a5968778695a4b3c2d1e0f';
export const DING_TOKEN = 'tok3n5ecretvalue';

/** Editors: wang edits 本县要闻 (email only), li owns the site (DingTalk, signed), zhang supervises (JSON webhook). */
export function alertsConfig(dataDir: string, smtpPort: number): LoadedConfig {
  const yaml = `
dataDir: ${JSON.stringify(dataDir)}
editors:
  - { id: wang, name: 王编辑, email: wang@demo-county.gov.test }
  - { id: li, name: 李主任, email: li@demo-county.gov.test }
  - { id: zhang, name: 张科长 }
  - { id: zhao, name: 赵编辑 }
alerts:
  supervisor: zhang
  smtp: { host: 127.0.0.1, port: ${smtpPort}, secure: false, from: "政府网站监测 <monitor@demo-county.gov.test>" }
  channels:
    li: [ { type: dingtalk, webhookEnv: LI_DINGTALK_URL, secretEnv: LI_DINGTALK_SECRET } ]
    zhang: [ { type: webhook, urlEnv: SUPERVISOR_HOOK, tokenEnv: SUPERVISOR_TOKEN } ]
    zhao: []
  retryBaseMinutes: 5
sites:
  - id: demo-county
    name: 示范县人民政府
    level: 县
    homepage: http://www.demo-county.gov.test/
    owner: li
    columns:
      - { name: 本县要闻, url: "http://www.demo-county.gov.test/zwdt/bxyw/", class: 动态要闻, editor: wang }
      - { name: 通知公告, url: "http://www.demo-county.gov.test/zwgk/tzgg/", class: 通知公告 }
      - { name: 人事信息, url: "http://www.demo-county.gov.test/zwgk/rsxx/", class: 人事, editor: zhao }
`;
  return parseConfig(yaml, '<inline>', { vars: {} });
}

export function alertsEnv(hook: (path: string) => string): Record<string, string> {
  return {
    LI_DINGTALK_URL: hook(`/ding/robot/send?access_token=${DING_TOKEN}`),
    LI_DINGTALK_SECRET: DING_SECRET,
    SUPERVISOR_HOOK: hook('/supervisor'),
    SUPERVISOR_TOKEN: 'bearer-secret-token',
  };
}

export function tempStore(): { store: Store; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'govhealth-alerts-'));
  return { store: Store.open(dir), dir };
}

const P = 'http://www.demo-county.gov.test';

/** The findings a night's crawl recorded; `without` drops some (they get resolved), `extra` adds some. */
export function night(store: Store, at: Date, drafts: FindingDraft[]): number {
  const run = store.runs.start('demo-county', 'crawl', at, at, [...new Set(drafts.map((d) => d.check)), 'link.broken', 'column.stale', 'column.warning', 'privacy.phone', 'link.hidden']);
  store.findings.record('demo-county', run.id, at, drafts);
  store.findings.resolveUnseen('demo-county', run.id, store.runs.get(run.id)!.checks, at);
  store.runs.finish(run.id, 'done', at, {});
  return run.id;
}

export const F = {
  brokenPdf: {
    check: 'link.broken',
    key: `${P}/files/2026/plan.pdf`,
    severity: 'error',
    url: `${P}/zwdt/bxyw/202611/t20261101_1.html`,
    target: `${P}/files/2026/plan.pdf`,
    column: '本县要闻',
    evidence: { message: '链接返回 HTTP 404', anchor: '<script>alert(1)</script>规划全文', status: 404 },
  },
  phone: {
    check: 'privacy.phone',
    key: 'phone:13812345678',
    severity: 'error',
    url: `${P}/zwdt/bxyw/202611/t20261102_2.html`,
    column: '本县要闻',
    evidence: { message: '公开了个人手机号 13812345678（张三）<img src=x onerror=alert(1)> [点我](javascript:alert(1))' },
  },
  columnWarning: {
    check: 'column.warning',
    key: 'column:本县要闻',
    severity: 'warning',
    url: `${P}/zwdt/bxyw/`,
    column: '本县要闻',
    evidence: { message: '栏目已 11 天未更新（期限 14 天）' },
  },
  staleNotices: {
    check: 'column.stale',
    key: 'column:通知公告',
    severity: 'error',
    url: `${P}/zwgk/tzgg/`,
    column: '通知公告',
    evidence: { message: '栏目已 203 天未更新（期限 180 天）' },
  },
  hiddenLink: {
    check: 'link.hidden',
    key: 'http://casino.example.invalid/',
    severity: 'veto',
    url: `${P}/`,
    target: 'http://casino.example.invalid/',
    onHomepage: true,
    evidence: { message: '首页正文中有隐藏的外部链接（display:none）', anchor: '**博彩** _网址_' },
  },
  staleHr: {
    check: 'column.stale',
    key: 'column:人事信息',
    severity: 'error',
    url: `${P}/zwgk/rsxx/`,
    column: '人事信息',
    evidence: { message: '栏目已 400 天未更新（期限 365 天）' },
  },
  info: {
    check: 'link.broken',
    key: 'info-only',
    severity: 'info',
    url: `${P}/about.html`,
    column: '本县要闻',
    evidence: { message: '外部链接较慢' },
  },
  newTypo: {
    check: 'typo.serious',
    key: 'typo:攻府',
    severity: 'error',
    url: `${P}/zwdt/bxyw/202611/t20261120_9.html`,
    column: '本县要闻',
    evidence: { message: '错别字「攻府」应为「政府」', snippet: '县攻府召开常务会议' },
  },
} satisfies Record<string, FindingDraft>;
