// scheduler stage: the long-running service — opens the database, builds the jobs and starts the scheduler;
// `stop` waits for running jobs (up to `schedule.shutdownGraceMs`) and closes the database.
import type { LoadedConfig } from '../config/index.ts';
import { checkAlertsConfig } from '../alerts/index.ts';
import type { Logger } from '../log/index.ts';
import { Store } from '../storage/index.ts';
import { systemClock, type Clock } from './clock.ts';
import { createJobs } from './jobs.ts';
import { Scheduler, type JobSpec, type StopResult } from './scheduler.ts';

export interface ServiceOptions {
  config: LoadedConfig;
  log: Logger;
  env: Record<string, string | undefined>;
  clock?: Clock;
  /** Replaces the jobs built from the config (tests). */
  jobs?(deps: { store: Store; clock: Clock }): JobSpec[];
}

export interface Service {
  scheduler: Scheduler;
  store: Store;
  stop(): Promise<StopResult>;
}

/** Starts the service. Throws ConfigError when the alerts block names unknown editors. */
export function startService(o: ServiceOptions): Service {
  checkAlertsConfig(o.config);
  const clock = o.clock ?? systemClock;
  const store = Store.open(o.config.dataDir);
  const jobs = o.jobs ? o.jobs({ store, clock }) : createJobs({ config: o.config, store, log: o.log, clock, env: o.env });
  const scheduler = new Scheduler({ jobs, clock, log: o.log, timeZone: o.config.timeZone, runs: store.alerts });
  scheduler.start();
  let stopped: Promise<StopResult> | undefined;
  return {
    scheduler,
    store,
    stop: () =>
      (stopped ??= scheduler.stop(o.config.schedule.shutdownGraceMs).then((r) => {
        store.close();
        return r;
      })),
  };
}
