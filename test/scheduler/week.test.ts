// A simulated week of the service over a fixture site: real availability probes, real column/homepage reads (the
// freshness part of the nightly crawl), real alert passes after each run, email to a local SMTP sink and JSON
// webhooks to a local receiver. Each editor hears about exactly their own findings and warnings, once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertItem, AlertMessage } from '../../src/alerts/index.ts';
import { parseConfig } from '../../src/config/index.ts';
import { HttpClient, Resolver } from '../../src/crawl/index.ts';
import { indicatorsFor, runFreshness } from '../../src/rules/index.ts';
import { createJobs, startService } from '../../src/scheduler/index.ts';
import { buildSites, configYaml, NOW, startFreshnessSites, type FreshnessServer } from '../fixtures/freshness-sites/index.ts';
import { logSink, startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from '../alerts/sinks.ts';
import { FakeClock } from './fake-clock.ts';

const WANG_COLUMNS = ['本地要闻', '部门动态', '乡镇动态'];

describe('a simulated week of govhealth serve', () => {
  let sites: FreshnessServer;
  let smtp: SmtpSink;
  let hook: WebhookReceiver;

  beforeAll(async () => {
    sites = await startFreshnessSites(buildSites().filter((s) => s.id === 'pass'));
    smtp = await startSmtpSink();
    hook = await startWebhookReceiver();
  });
  afterAll(async () => {
    await sites?.close();
    await smtp?.close();
    await hook?.close();
  });

  it('each editor receives exactly their findings and warnings, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govhealth-week-'));
    let yaml = configYaml(sites, dir);
    // 动态要闻 columns are wang's; everything else falls back to the site's owner li.
    for (const id of ['bdyw', 'bmdt', 'qxdt']) yaml = yaml.replace(`      - id: ${id}\n`, `      - id: ${id}\n        editor: wang\n`);
    yaml = yaml.replace('    level: 县\n', '    level: 县\n    owner: li\n');
    yaml += `editors:
  - { id: wang, name: 王编辑, email: wang@pass.gov.test }
  - { id: li, name: 李主任, email: li@pass.gov.test }
alerts:
  smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false, from: monitor@pass.gov.test }
  channels:
    wang: [ { type: email }, { type: webhook, urlEnv: WANG_HOOK } ]
    li: [ { type: webhook, urlEnv: LI_HOOK } ]
schedule: { probe: "0 * * * *" }
`;
    const config = parseConfig(yaml, '<inline>', { vars: {} });
    const env = { WANG_HOOK: hook.url('/wang'), LI_HOOK: hook.url('/li') };
    const clock = new FakeClock(new Date(NOW.getTime() - 2 * 3_600_000));
    const sink = logSink();
    const service = startService({
      config,
      log: sink.log,
      env,
      clock,
      jobs: ({ store }) =>
        createJobs({ config, store, log: sink.log, clock, env }).map((j) => {
          if (j.name === 'crawl') {
            // The crawl's column and homepage reads, without the link crawl (tested on its own elsewhere).
            return {
              ...j,
              run: async () => {
                const http = new HttpClient(config.network, new Resolver(config.network));
                try {
                  for (const site of config.sites) await runFreshness({ store, config, site, now: clock.now(), http, log: sink.log, services: { indicators: indicatorsFor(config) } });
                } finally {
                  await http.close();
                }
              },
            };
          }
          return j.name === 'ipv6' || j.name === 'report' ? { ...j, run: async () => {} } : j;
        }),
    });
    await clock.advanceTo(new Date(clock.now().getTime() + 7 * 86_400_000));
    expect(service.scheduler.events.filter((e) => e.type === 'failed')).toEqual([]);
    expect(service.scheduler.events.filter((e) => e.job === 'crawl' && e.type === 'done')).toHaveLength(7);
    expect(service.scheduler.events.filter((e) => e.job === 'probe' && e.type === 'done')).toHaveLength(7 * 24);

    const findings = service.store.findings.list({ status: 'all' }).filter((f) => f.severity !== 'info');
    await service.stop();
    const told = (path: string) =>
      hook.posts
        .filter((p) => p.path === path)
        .flatMap((p) => (p.body as AlertMessage).sections.filter((s) => !s.heading.startsWith('已整改')).flatMap((s) => s.items as AlertItem[]));
    const wangTold = told('/wang').map((i) => i.findingId!);
    const liTold = told('/li').map((i) => i.findingId!);
    const isWang = (column: string | undefined) => WANG_COLUMNS.includes(column ?? '');

    // Once: no finding twice to the same person; exactly: every finding of theirs, nobody else's.
    expect(new Set(wangTold).size).toBe(wangTold.length);
    expect(new Set(liTold).size).toBe(liTold.length);
    expect(wangTold.sort()).toEqual(findings.filter((f) => isWang(f.column)).map((f) => f.id).sort());
    expect(liTold.sort()).toEqual(findings.filter((f) => !isWang(f.column)).map((f) => f.id).sort());
    // The week saw 部门动态 go from warning (11 days) to stale (past 14 days): both reached wang, the warning first.
    const wangChecks = told('/wang').filter((i) => i.place === '栏目「部门动态」').map((i) => i.check);
    expect(wangChecks).toEqual(['column.warning', 'column.stale']);
    // Email carries the same messages as wang's webhook, to wang only.
    expect(smtp.mails.length).toBe(hook.posts.filter((p) => p.path === '/wang').length);
    expect(new Set(smtp.mails.flatMap((m) => m.envelopeTo))).toEqual(new Set(['wang@pass.gov.test']));
    expect(smtp.mails.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
