// scheduler stage: cron schedules (croner computes the times, the injected clock waits for them), a job never
// overlapping itself, follow-up jobs (alerts after each run), catch-up of runs missed while the service was down
// or interrupted by a stop, and a graceful stop that waits for running jobs up to a grace period.
import { Cron } from 'croner';
import type { Logger } from '../log/index.ts';
import type { AlertStore } from '../storage/index.ts';
import type { Clock } from './clock.ts';

export interface JobContext {
  /** The time the run was scheduled for. */
  scheduledAt: Date;
  /** Why it runs: its schedule, a catch-up at start, or following another job. */
  reason: 'schedule' | 'catch-up' | 'follow-up';
}

export interface JobSpec {
  name: string;
  /** Cron expression (5 or 6 fields) in the scheduler's time zone; omitted: runs only as a follow-up. */
  cron?: string;
  run(ctx: JobContext): Promise<void>;
  /**
   * At start, run at once when the newest scheduled time passed while the service was down (after a previous run
   * of it), or when its last run was interrupted by a stop. `true` for the nightly crawl, IPv6, report.
   */
  catchUp?: boolean;
  /** At start, whether there is unfinished work to resume regardless of the schedule (a crawl left running). */
  pending?(): boolean;
  /** Jobs to run after this one finishes (done or failed). */
  then?: string[];
}

/** What happened, for logs and tests. */
export interface JobEvent {
  job: string;
  type: 'start' | 'done' | 'failed' | 'skipped';
  at: string;
  reason?: JobContext['reason'];
  error?: string;
}

export interface SchedulerOptions {
  jobs: JobSpec[];
  clock: Clock;
  log: Logger;
  timeZone: string;
  /** Where job runs are recorded (catch-up after a restart needs it). */
  runs?: AlertStore;
}

export interface StopResult {
  /** Jobs that were still running when the grace period ended: they resume at the next start. */
  leftRunning: string[];
}

/** Runs jobs on their schedules. */
export class Scheduler {
  readonly events: JobEvent[] = [];
  private readonly jobs = new Map<string, JobSpec>();
  private readonly crons = new Map<string, Cron>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly cancels = new Map<string, () => void>();
  private stopping = false;
  private readonly log: Logger;

  constructor(private readonly o: SchedulerOptions) {
    this.log = o.log.child({ module: 'scheduler' });
    for (const j of o.jobs) {
      if (this.jobs.has(j.name)) throw new Error(`scheduler: job "${j.name}" is listed twice`);
      this.jobs.set(j.name, j);
      if (j.cron) this.crons.set(j.name, new Cron(j.cron, { paused: true, timezone: o.timeZone }));
    }
    for (const j of o.jobs) for (const t of j.then ?? []) if (!this.jobs.has(t)) throw new Error(`scheduler: job "${j.name}" is followed by unknown job "${t}"`);
  }

  /** Arms every schedule, and runs at once what needs catching up. */
  start(): void {
    const now = this.o.clock.now();
    const interrupted = new Set((this.o.runs?.interruptRunning(now) ?? []).map((r) => r.job));
    for (const j of this.jobs.values()) {
      const cron = this.crons.get(j.name);
      if (cron) this.arm(j.name, now);
      const why = this.catchUpReason(j, cron, now, interrupted.has(j.name));
      if (why) {
        this.log.info({ job: j.name, why }, 'running a job at start to catch up');
        this.trigger(j.name, now, 'catch-up');
      }
    }
    this.log.info({ jobs: [...this.crons.keys()].map((n) => ({ job: n, next: this.crons.get(n)!.nextRun(now)?.toISOString() })) }, 'scheduler started');
  }

  private catchUpReason(j: JobSpec, cron: Cron | undefined, now: Date, interrupted: boolean): string | undefined {
    if (j.pending?.()) return 'unfinished work left by a previous run';
    if (!j.catchUp) return undefined;
    if (interrupted) return 'its last run was interrupted';
    const last = this.o.runs?.lastJob(j.name);
    const previous = cron?.previousRuns(1, now)[0];
    if (last && previous && previous.getTime() > new Date(last.scheduledAt).getTime()) return `missed the run of ${previous.toISOString()}`;
    return undefined;
  }

  private arm(name: string, after: Date): void {
    if (this.stopping) return;
    const next = this.crons.get(name)!.nextRun(after);
    if (!next) return;
    this.cancels.set(
      name,
      this.o.clock.setTimer(next, () => {
        this.arm(name, next);
        this.trigger(name, next, 'schedule');
      }),
    );
  }

  /** Starts a job unless it is running already (then the run is skipped) or the scheduler is stopping. */
  trigger(name: string, scheduledAt: Date, reason: JobContext['reason']): boolean {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`scheduler: no job "${name}"`);
    if (this.stopping) return false;
    const now = this.o.clock.now();
    if (this.running.has(name)) {
      this.events.push({ job: name, type: 'skipped', at: now.toISOString(), reason });
      this.log.warn({ job: name, scheduledAt: scheduledAt.toISOString() }, 'job still running from its previous start: this run is skipped');
      return false;
    }
    this.events.push({ job: name, type: 'start', at: now.toISOString(), reason });
    const runId = this.o.runs?.startJob(name, scheduledAt, now);
    this.log.info({ job: name, reason }, 'job started');
    const p = (async () => {
      try {
        await job.run({ scheduledAt, reason });
        const end = this.o.clock.now();
        if (runId !== undefined) this.o.runs!.finishJob(runId, 'done', end);
        this.events.push({ job: name, type: 'done', at: end.toISOString() });
        this.log.info({ job: name }, 'job done');
      } catch (err) {
        const end = this.o.clock.now();
        const error = (err as Error).message;
        if (runId !== undefined) this.o.runs!.finishJob(runId, 'failed', end, error);
        this.events.push({ job: name, type: 'failed', at: end.toISOString(), error });
        this.log.error({ job: name, err }, 'job failed; it runs again at its next scheduled time');
      } finally {
        this.running.delete(name);
      }
      for (const next of job.then ?? []) this.trigger(next, this.o.clock.now(), 'follow-up');
    })();
    this.running.set(name, p);
    return true;
  }

  /** Names of the jobs running now. */
  runningJobs(): string[] {
    return [...this.running.keys()];
  }

  /**
   * Stops scheduling and waits up to `graceMs` for running jobs. A job still running after that is left to its own
   * checkpoints (the crawl writes its frontier as it goes) and resumes at the next start.
   */
  async stop(graceMs: number): Promise<StopResult> {
    this.stopping = true;
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    const all = Promise.all([...this.running.values()]).then(() => 'done' as const);
    let cancelGrace = () => {};
    const grace = new Promise<'grace'>((resolve) => (cancelGrace = this.o.clock.setTimer(new Date(this.o.clock.now().getTime() + graceMs), () => resolve('grace'))));
    const outcome = await Promise.race([all, grace]);
    cancelGrace();
    const leftRunning = outcome === 'done' ? [] : this.runningJobs();
    if (leftRunning.length) this.log.warn({ jobs: leftRunning }, 'stopped with jobs still running: they resume at the next start');
    else this.log.info('scheduler stopped');
    return { leftRunning };
  }
}
