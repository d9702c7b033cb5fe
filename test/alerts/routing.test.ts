import { describe, expect, it } from 'vitest';
import { routeFinding, supervisorRoute } from '../../src/alerts/index.ts';
import { parseConfig } from '../../src/config/index.ts';

const config = parseConfig(
  `
editors:
  - { id: wang, name: 王编辑, email: wang@x.gov.test }
  - { id: zhao, name: 赵编辑 }
  - { id: li, name: 李主任, email: li@x.gov.test }
  - { id: zhang, name: 张科长 }
alerts:
  supervisor: zhang
  smtp: { host: 127.0.0.1, port: 25, secure: false, from: m@x.gov.test }
  channels:
    zhang: [ { type: wecom, webhookEnv: WECOM_URL } ]
    zhao: [ { type: dingtalk, webhookEnv: ZHAO_URL }, { type: email, to: zhao@x.gov.test } ]
sites:
  - id: with-owner
    name: 甲县
    level: 县
    homepage: http://a.gov.test/
    owner: li
    columns:
      - { id: bxyw, name: 本县要闻, url: "http://a.gov.test/yw/", editor: wang }
    accounts:
      - { platform: wechat, name: 甲县发布, url: "https://mp.test/a", editor: zhao }
  - id: no-owner
    name: 乙县
    level: 县
    homepage: http://b.gov.test/
`,
  '<inline>',
  { vars: {} },
);
const [a, b] = config.sites as [(typeof config.sites)[0], (typeof config.sites)[0]];
const who = (r: ReturnType<typeof routeFinding>) => r && [r.recipient.id, r.via, r.channels.map((c) => c.key)];

describe('routing', () => {
  it('goes to the column editor (by name or id), the account editor, else the owner, else the supervisor', () => {
    expect(who(routeFinding(config, a, { column: '本县要闻' }))).toEqual(['wang', 'editor', ['wang#email']]);
    expect(who(routeFinding(config, a, { column: 'bxyw' }))).toEqual(['wang', 'editor', ['wang#email']]);
    expect(who(routeFinding(config, a, { account: '甲县发布' }))).toEqual(['zhao', 'editor', ['zhao#0:dingtalk', 'zhao#1:email']]);
    expect(who(routeFinding(config, a, { column: '未配置的栏目' }))).toEqual(['li', 'owner', ['li#email']]);
    expect(who(routeFinding(config, a, {}))).toEqual(['li', 'owner', ['li#email']]);
    expect(who(routeFinding(config, b, {}))).toEqual(['zhang', 'supervisor', ['zhang#0:wecom']]);
    expect(who(supervisorRoute(config))).toEqual(['zhang', 'supervisor', ['zhang#0:wecom']]);
  });
});
