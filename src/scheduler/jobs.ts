// scheduler stage: the service's jobs over the library — nightly crawl, availability probes, IPv6, alerts after
// each run, the quarterly report, retention clean-up. Each reads the time from the scheduler's clock.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTitles, runAlerts } from '../alerts/index.ts';
import type { LoadedConfig } from '../config/index.ts';
import { HttpClient, Resolver, runCrawl } from '../crawl/index.ts';
import type { Logger } from '../log/index.ts';
import { indicatorsFor, runProbe, type Indicators } from '../rules/index.ts';
import type { Store } from '../storage/index.ts';
import type { Clock } from './clock.ts';
import type { JobSpec } from './scheduler.ts';

export interface JobDeps {
  config: LoadedConfig;
  store: Store;
  log: Logger;
  clock: Clock;
  env: Record<string, string | undefined>;
}

/** Job names, in the order they are listed. */
export const JOB_NAMES = ['crawl', 'probe', 'ipv6', 'alerts', 'report', 'retention'] as const;

/** The report module, when it is part of this build. */
const REPORT_MODULE = fileURLToPath(new URL('../report/index.ts', import.meta.url));

async function crawlJob(d: JobDeps): Promise<void> {
  const outcomes = await runCrawl({ config: d.config, store: d.store, log: d.log, now: d.clock.now() });
  const failed = outcomes.filter((o) => o.error);
  if (failed.length === outcomes.length && failed.length) throw new Error(`every site crawl failed: ${failed.map((o) => `${o.siteId}: ${o.error}`).join('; ')}`);
}

async function probeJob(d: JobDeps): Promise<void> {
  const http = new HttpClient(d.config.network, new Resolver(d.config.network));
  const indicators = indicatorsFor(d.config);
  const now = d.clock.now();
  try {
    await Promise.all(d.config.sites.map((site) => runProbe({ store: d.store, config: d.config, site, now, http, log: d.log, services: { indicators } })));
  } finally {
    await http.close();
  }
}

async function ipv6Job(d: JobDeps): Promise<void> {
  if (!d.config.checks.ipv6.enabled) {
    d.log.info({ module: 'scheduler', job: 'ipv6' }, 'checks.ipv6.enabled is false: nothing probed');
    return;
  }
  const [{ CHECKS }, { ipv6Checks, probeIpv6 }] = await Promise.all([import('../checks/index.ts'), import('../probes/index.ts')]);
  await probeIpv6(d.config.sites, { config: d.config, checks: ipv6Checks(CHECKS), store: d.store, now: d.clock.now(), log: d.log });
}

/** The alert job: indicators and check titles are read once for the life of the service. */
function alertsJob(d: JobDeps): () => Promise<void> {
  let fixed: Promise<{ indicators: Indicators; titles: Record<string, string> }> | undefined;
  return async () => {
    fixed ??= checkTitles().then((titles) => ({ indicators: indicatorsFor(d.config), titles }));
    const { indicators, titles } = await fixed;
    const { delivery } = await runAlerts({ store: d.store, config: d.config, now: d.clock.now(), log: d.log, env: d.env, indicators, checkTitles: titles });
    if (delivery?.failed.length) d.log.warn({ module: 'scheduler', failed: delivery.failed.length }, 'some alerts were not delivered; they are retried at the next alert run');
  };
}

/** The report of the quarter that just ended, into `<web.reportsDir>/<quarter>` (where the dashboard lists reports). */
async function reportJob(d: JobDeps): Promise<void> {
  if (!existsSync(REPORT_MODULE)) {
    d.log.warn({ module: 'scheduler', job: 'report' }, 'report module not available in this build: no quarterly report written');
    return;
  }
  const report = await import('../report/index.ts');
  const now = d.clock.now();
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: d.config.timeZone, year: 'numeric', month: 'numeric' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  const quarter = report.quarterBefore(report.quarterOf(year, Math.floor((month - 1) / 3) + 1, d.config.timeZone), 1, d.config.timeZone);
  const ratio = d.config.report.sampleRatio === 1 ? 'all' : d.config.report.sampleRatio;
  const outDir = resolve(d.config.web.reportsDir, quarter.id);
  const { files } = await report.generateReport(
    d.store,
    d.config,
    { quarter, ratio, seed: d.config.report.seed, now, generatedAt: now, indicators: indicatorsFor(d.config) },
    outDir,
  );
  d.log.info({ module: 'scheduler', job: 'report', quarter: quarter.id, files }, 'quarterly report written');
}

async function retentionJob(d: JobDeps): Promise<void> {
  const cutoff = new Date(d.clock.now().getTime() - d.config.schedule.retentionDays * 86_400_000);
  const removed = d.store.alerts.pruneBefore(cutoff);
  d.log.info({ module: 'scheduler', job: 'retention', cutoff: cutoff.toISOString(), ...removed }, 'retention clean-up done');
}

/** The service's jobs with their schedules from `schedule` in the config. */
export function createJobs(d: JobDeps): JobSpec[] {
  const s = d.config.schedule;
  return [
    {
      name: 'crawl',
      cron: s.crawl,
      catchUp: true,
      // A crawl left `running` by a stopped process: runCrawl resumes it from its frontier.
      pending: () => d.config.sites.some((site) => d.store.runs.unfinished(site.id, 'crawl')),
      then: ['alerts'],
      run: () => crawlJob(d),
    },
    { name: 'probe', cron: s.probe, then: ['alerts'], run: () => probeJob(d) },
    { name: 'ipv6', cron: s.ipv6, catchUp: true, then: ['alerts'], run: () => ipv6Job(d) },
    { name: 'alerts', run: alertsJob(d) },
    { name: 'report', cron: s.report, catchUp: true, run: () => reportJob(d) },
    { name: 'retention', cron: s.retention, run: () => retentionJob(d) },
  ];
}
