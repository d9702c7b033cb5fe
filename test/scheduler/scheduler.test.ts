import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../src/config/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { createJobs, startService, type JobSpec } from '../../src/scheduler/index.ts';
import type { Store } from '../../src/storage/index.ts';
import { deferred, FakeClock } from './fake-clock.ts';

const SITE = `
sites:
  - { id: demo-county, name: 示范县人民政府, level: 县, homepage: "http://www.demo-county.gov.test/" }
`;

function config(extra = ''): LoadedConfig {
  const dir = mkdtempSync(join(tmpdir(), 'govhealth-serve-'));
  return parseConfig(`dataDir: ${JSON.stringify(dir)}\n${extra}${SITE}`, '<inline>', { vars: {} });
}

/** The real job table (names, schedules, follow-ups, catch-up) with each job's work replaced by `work`. */
function stubbed(cfg: LoadedConfig, work: Partial<Record<string, (store: Store) => Promise<void>>> = {}) {
  return ({ store, clock }: { store: Store; clock: FakeClock }): JobSpec[] =>
    createJobs({ config: cfg, store, log: silentLogger(), clock, env: {} }).map((j) => ({ ...j, run: () => (work[j.name] ?? (async () => {}))(store) }));
}

const local = (iso: string) => new Date(`${iso}+08:00`);
/** HH:MM in Beijing time. */
const hhmm = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

describe('the serve scheduler on a simulated clock', () => {
  it('a simulated day fires the nightly crawl at 01:00, 48 probes every 30 minutes, IPv6 at 05:00, clean-up at 03:30, and alerts after each run', async () => {
    const cfg = config();
    const clock = new FakeClock(local('2026-11-23T00:00:00'));
    const service = startService({ config: cfg, log: silentLogger(), env: {}, clock, jobs: stubbed(cfg) as never });
    await clock.advanceTo(local('2026-11-24T00:00:00'));
    const starts = (job: string) => service.scheduler.events.filter((e) => e.job === job && e.type === 'start').map((e) => hhmm(e.at));
    expect(starts('crawl')).toEqual(['01:00']);
    expect(starts('ipv6')).toEqual(['05:00']);
    expect(starts('retention')).toEqual(['03:30']);
    expect(starts('report')).toEqual([]);
    const probes = starts('probe');
    expect(probes).toHaveLength(48);
    expect(probes.slice(0, 3)).toEqual(['00:30', '01:00', '01:30']);
    expect(probes.at(-1)).toBe('00:00');
    // Alerts follow every crawl, probe and IPv6 run.
    expect(starts('alerts')).toHaveLength(50);
    expect(service.scheduler.events.filter((e) => e.type === 'skipped' || e.type === 'failed')).toEqual([]);
    const recorded = service.store.alerts.jobRuns();
    expect(recorded.filter((r) => r.job === 'crawl').map((r) => [r.status, r.scheduledAt])).toEqual([['done', '2026-11-22T17:00:00.000Z']]);
    await service.stop();
  });

  it('writes the quarterly report at 06:00 on the first day of a quarter', async () => {
    const cfg = config();
    const clock = new FakeClock(local('2026-12-31T12:00:00'));
    const service = startService({ config: cfg, log: silentLogger(), env: {}, clock, jobs: stubbed(cfg) as never });
    await clock.advanceTo(local('2027-01-02T00:00:00'));
    expect(service.scheduler.events.filter((e) => e.job === 'report').map((e) => [e.type, e.at])).toEqual([
      ['start', '2026-12-31T22:00:00.000Z'],
      ['done', '2026-12-31T22:00:00.000Z'],
    ]);
    await service.stop();
  });

  it('skips a run when the previous run of the same job is still going (a crawl longer than a day)', async () => {
    const cfg = config();
    const clock = new FakeClock(local('2026-11-23T00:00:00'));
    const long = deferred();
    const service = startService({ config: cfg, log: silentLogger(), env: {}, clock, jobs: stubbed(cfg, { crawl: () => long.promise }) as never });
    await clock.advanceTo(local('2026-11-24T12:00:00'));
    const crawl = () => service.scheduler.events.filter((e) => e.job === 'crawl').map((e) => [e.type, hhmm(e.at)]);
    expect(crawl()).toEqual([
      ['start', '01:00'],
      ['skipped', '01:00'],
    ]);
    // Other jobs keep their schedule meanwhile.
    expect(service.scheduler.events.filter((e) => e.job === 'probe' && e.type === 'start')).toHaveLength(72);
    long.resolve();
    await clock.advanceTo(local('2026-11-25T02:00:00'));
    expect(crawl().slice(2)).toEqual([
      ['done', '12:00'],
      ['start', '01:00'],
      ['done', '01:00'],
    ]);
    await service.stop();
  });

  it('a stop during a crawl leaves it to resume: the restarted service runs the crawl at once, and runCrawl resumes the run left running', async () => {
    const cfg = config('schedule: { shutdownGraceMs: 5000 }\n');
    const clock = new FakeClock(local('2026-11-23T00:50:00'));
    const hang = deferred();
    const first = startService({
      config: cfg,
      log: silentLogger(),
      env: {},
      clock,
      jobs: stubbed(cfg, {
        crawl: async (store) => {
          // What a crawl killed mid-way leaves: its run marked running, its frontier in the database.
          store.runs.start('demo-county', 'crawl', clock.now(), clock.now(), []);
          await hang.promise;
        },
      }) as never,
    });
    await clock.advanceTo(local('2026-11-23T01:10:00'));
    expect(first.scheduler.runningJobs()).toEqual(['crawl']);
    const stopping = first.stop();
    await clock.advance(5000);
    expect(await stopping).toEqual({ leftRunning: ['crawl'] });

    const later = new FakeClock(local('2026-11-23T08:00:00'));
    const resumed: string[] = [];
    const second = startService({
      config: cfg,
      log: silentLogger(),
      env: {},
      clock: later,
      jobs: stubbed(cfg, {
        crawl: async (store) => {
          const run = store.runs.unfinished('demo-county', 'crawl');
          resumed.push(run ? `resumes run ${run.id}` : 'new run');
          if (run) store.runs.finish(run.id, 'done', later.now(), {});
        },
      }) as never,
    });
    await later.settle();
    expect(second.scheduler.events.filter((e) => e.job === 'crawl')).toMatchObject([
      { type: 'start', reason: 'catch-up', at: '2026-11-23T00:00:00.000Z' },
      { type: 'done' },
    ]);
    expect(resumed).toEqual(['resumes run 1']);
    expect(second.store.alerts.jobRuns('crawl').map((r) => r.status)).toEqual(['interrupted', 'done']);
    // Alerts follow the resumed crawl; nothing else catches up (probes just keep their schedule).
    expect(second.scheduler.events.filter((e) => e.type === 'start').map((e) => e.job)).toEqual(['crawl', 'alerts']);
    await second.stop();
  });

  it('a nightly crawl missed while the service was down runs at the next start', async () => {
    const cfg = config();
    const clock = new FakeClock(local('2026-11-23T00:00:00'));
    const first = startService({ config: cfg, log: silentLogger(), env: {}, clock, jobs: stubbed(cfg) as never });
    await clock.advanceTo(local('2026-11-23T06:00:00'));
    await first.stop();
    const next = new FakeClock(local('2026-11-24T09:00:00'));
    const second = startService({ config: cfg, log: silentLogger(), env: {}, clock: next, jobs: stubbed(cfg) as never });
    await next.settle();
    const catchUp = second.scheduler.events.filter((e) => e.reason === 'catch-up').map((e) => e.job);
    // 01:00 crawl and 05:00 IPv6 of the 24th were missed; probes and clean-up simply carry on.
    expect(catchUp.sort()).toEqual(['crawl', 'ipv6']);
    await second.stop();
  });
});
