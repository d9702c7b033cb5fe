import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { checkAlertsConfig } from '../../src/alerts/index.ts';
import { runsPerDay } from '../../src/config/schema-alerts.ts';

const SITE = 'sites:\n  - { id: s, name: 示范县, level: 县, homepage: "http://www.s.gov.test/" }\neditors:\n  - { id: wang, name: 王编辑 }\n';
const load = (extra: string) => parseConfig(`${SITE}${extra}`, '<inline>', { vars: {} });

describe('alerts and schedule config', () => {
  it('takes secrets only as environment variable names', () => {
    expect(() => load('alerts:\n  channels:\n    wang: [ { type: dingtalk, webhookEnv: "https://oapi.dingtalk.com/robot/send?access_token=abc" } ]\n')).toThrow(
      /alerts\.channels\.wang\[0\]\.webhookEnv.*expected the NAME of an environment variable/,
    );
    expect(() => load('alerts:\n  channels:\n    wang: [ { type: dingtalk, webhookEnv: D_URL, secret: SEC123 } ]\n')).toThrow(/unknown key "secret"/);
    expect(load('alerts:\n  channels:\n    wang: [ { type: dingtalk, webhookEnv: D_URL, secretEnv: D_SECRET } ]\n').alerts.channels.wang).toEqual([
      { type: 'dingtalk', webhookEnv: 'D_URL', secretEnv: 'D_SECRET' },
    ]);
  });

  it('refuses fewer than 20 availability probes a day', () => {
    expect(runsPerDay('*/30 * * * *')).toBe(48);
    expect(runsPerDay('0 */2 * * *')).toBe(12);
    expect(() => load('schedule: { probe: "0 */2 * * *" }\n')).toThrow(/schedule\.probe.*at least 20 runs a day/);
    expect(() => load('schedule: { crawl: "every night" }\n')).toThrow(/schedule\.crawl.*cron expression/);
    expect(load('').schedule).toMatchObject({ crawl: '0 1 * * *', probe: '*/30 * * * *', ipv6: '0 5 * * *' });
  });

  it('names an unknown supervisor or channel editor, and email without smtp', () => {
    expect(() => checkAlertsConfig(load('alerts:\n  supervisor: zhang\n  channels:\n    li: [ { type: email } ]\n'))).toThrow(
      /alerts\.supervisor: editor "zhang" is not listed under editors[\s\S]*alerts\.channels\.li: editor "li"[\s\S]*alerts\.smtp/,
    );
  });
});
