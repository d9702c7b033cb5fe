// storage: the alert outbox (every message decided is stored before it is sent, then marked sent, failed or given
// up, so none is lost or sent twice), what each recipient has been told about each finding or veto item, the runs
// of the service's scheduled jobs, and the service's retention clean-up.
import type { Db } from './db.ts';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'gave-up';

/** A message decided for one recipient over one channel. */
export interface NewDelivery {
  /** Unique per message: enqueueing the same key again does nothing. */
  dedupeKey: string;
  kind: string;
  /** Editor id. */
  recipient: string;
  /** Channel key: `<editor>#<index>:<type>`. */
  channel: string;
  /** Where it goes, for people reading the record (an email address, or the channel type; never a secret). */
  address: string;
  /** Finding ids or veto subjects the message is about. */
  subjects: string[];
  /** The message model (JSON), rendered by the channel at send time. */
  message: unknown;
}

export interface Delivery extends Omit<NewDelivery, 'message'> {
  id: number;
  message: unknown;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** What a recipient was told about a subject (a finding id or `veto:<site>:<item>`). */
export interface AlertState {
  subject: string;
  recipient: string;
  episode: number;
  kind: string;
  openedAt: string;
  closedAt: string | null;
}

export interface JobRun {
  id: number;
  job: string;
  scheduledAt: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  error: string | null;
}

type Raw = Record<string, string | number | null>;

const toDelivery = (r: Raw): Delivery => ({
  id: r.id as number,
  dedupeKey: r.dedupe_key as string,
  kind: r.kind as string,
  recipient: r.recipient as string,
  channel: r.channel as string,
  address: r.address as string,
  subjects: JSON.parse(r.subjects as string) as string[],
  message: JSON.parse(r.message as string) as unknown,
  status: r.status as DeliveryStatus,
  attempts: r.attempts as number,
  createdAt: r.created_at as string,
  nextAttemptAt: r.next_attempt_at as string,
  sentAt: r.sent_at as string | null,
  lastError: r.last_error as string | null,
});

const toState = (r: Raw): AlertState => ({
  subject: r.subject as string,
  recipient: r.recipient as string,
  episode: r.episode as number,
  kind: r.kind as string,
  openedAt: r.opened_at as string,
  closedAt: r.closed_at as string | null,
});

const toJob = (r: Raw): JobRun => ({
  id: r.id as number,
  job: r.job as string,
  scheduledAt: r.scheduled_at as string,
  startedAt: r.started_at as string,
  finishedAt: r.finished_at as string | null,
  status: r.status as JobRun['status'],
  error: r.error as string | null,
});

/** Counts of rows removed by a retention clean-up. */
export interface PruneResult {
  runs: number;
  probes: number;
  deliveries: number;
  jobRuns: number;
}

/** Alert deliveries, alert state and job runs. */
export class AlertStore {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction (deciding a batch of alerts is all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Stores a message to send. Returns false when a message with the same key exists (it was decided before). */
  enqueue(d: NewDelivery, now: Date): boolean {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO alert_deliveries (dedupe_key, kind, recipient, channel, address, subjects, message, status, created_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(d.dedupeKey, d.kind, d.recipient, d.channel, d.address, JSON.stringify(d.subjects), JSON.stringify(d.message), now.toISOString(), now.toISOString());
    return info.changes > 0;
  }

  /**
   * Deliveries to attempt at `now`: pending, failed and due, and those left `sending` by a process that stopped
   * mid-send (sent again: a message may arrive twice after a crash, it is never lost). Oldest first.
   */
  due(now: Date): Delivery[] {
    return (
      this.db
        .prepare("SELECT * FROM alert_deliveries WHERE status IN ('pending', 'failed', 'sending') AND next_attempt_at <= ? ORDER BY id")
        .all(now.toISOString()) as Raw[]
    ).map(toDelivery);
  }

  /**
   * Claims a due delivery for sending until `leaseUntil` (another process running alerts at the same time skips
   * it; a process that dies mid-send leaves it to be sent again after the lease). False when it was not due.
   */
  claim(id: number, now: Date, leaseUntil: Date): boolean {
    const info = this.db
      .prepare(
        "UPDATE alert_deliveries SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND status IN ('pending', 'failed', 'sending') AND next_attempt_at <= ?",
      )
      .run(leaseUntil.toISOString(), id, now.toISOString());
    return info.changes === 1;
  }

  markSent(id: number, now: Date): void {
    this.db.prepare("UPDATE alert_deliveries SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?").run(now.toISOString(), id);
  }

  /** A failed attempt: retried at `retryAt`, or given up when `retryAt` is undefined. */
  markFailed(id: number, error: string, retryAt: Date | undefined): void {
    if (retryAt) {
      this.db.prepare("UPDATE alert_deliveries SET status = 'failed', last_error = ?, next_attempt_at = ? WHERE id = ?").run(error, retryAt.toISOString(), id);
    } else {
      this.db.prepare("UPDATE alert_deliveries SET status = 'gave-up', last_error = ? WHERE id = ?").run(error, id);
    }
  }

  get(id: number): Delivery | undefined {
    const r = this.db.prepare('SELECT * FROM alert_deliveries WHERE id = ?').get(id) as Raw | undefined;
    return r && toDelivery(r);
  }

  /** Deliveries, newest first, optionally of some statuses only. */
  list(filter: { status?: DeliveryStatus[]; limit?: number } = {}): Delivery[] {
    const where = filter.status?.length ? `WHERE status IN (${filter.status.map(() => '?').join(',')})` : '';
    return (
      this.db.prepare(`SELECT * FROM alert_deliveries ${where} ORDER BY id DESC LIMIT ?`).all(...(filter.status ?? []), filter.limit ?? 1_000_000) as Raw[]
    ).map(toDelivery);
  }

  state(subject: string, recipient: string): AlertState | undefined {
    const r = this.db.prepare('SELECT * FROM alert_state WHERE subject = ? AND recipient = ?').get(subject, recipient) as Raw | undefined;
    return r && toState(r);
  }

  /** Subjects a recipient was told are open and has not been told are closed. */
  openStates(): AlertState[] {
    return (this.db.prepare('SELECT * FROM alert_state WHERE closed_at IS NULL ORDER BY subject, recipient').all() as Raw[]).map(toState);
  }

  /** Records that a recipient is told a subject is open; a closed subject opens a new episode. Returns the episode. */
  open(subject: string, recipient: string, kind: string, now: Date): number {
    const prev = this.state(subject, recipient);
    if (!prev) {
      this.db.prepare('INSERT INTO alert_state (subject, recipient, episode, kind, opened_at) VALUES (?, ?, 1, ?, ?)').run(subject, recipient, kind, now.toISOString());
      return 1;
    }
    if (prev.closedAt === null) return prev.episode;
    this.db
      .prepare('UPDATE alert_state SET episode = episode + 1, kind = ?, opened_at = ?, closed_at = NULL WHERE subject = ? AND recipient = ?')
      .run(kind, now.toISOString(), subject, recipient);
    return prev.episode + 1;
  }

  close(subject: string, recipient: string, now: Date): void {
    this.db.prepare('UPDATE alert_state SET closed_at = ? WHERE subject = ? AND recipient = ?').run(now.toISOString(), subject, recipient);
  }

  /** Starts a job run; returns its id. */
  startJob(job: string, scheduledAt: Date, startedAt: Date): number {
    const info = this.db
      .prepare("INSERT INTO job_runs (job, scheduled_at, started_at, status) VALUES (?, ?, ?, 'running')")
      .run(job, scheduledAt.toISOString(), startedAt.toISOString());
    return Number(info.lastInsertRowid);
  }

  finishJob(id: number, status: 'done' | 'failed', now: Date, error?: string): void {
    this.db.prepare('UPDATE job_runs SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(status, now.toISOString(), error ?? null, id);
  }

  /** Marks job runs a stopped process left `running` as interrupted; returns them. */
  interruptRunning(now: Date): JobRun[] {
    const rows = (this.db.prepare("SELECT * FROM job_runs WHERE status = 'running' ORDER BY id").all() as Raw[]).map(toJob);
    this.db.prepare("UPDATE job_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(now.toISOString());
    return rows;
  }

  /** The newest run of a job. */
  lastJob(job: string): JobRun | undefined {
    const r = this.db.prepare('SELECT * FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT 1').get(job) as Raw | undefined;
    return r && toJob(r);
  }

  jobRuns(job?: string): JobRun[] {
    const rows = job ? this.db.prepare('SELECT * FROM job_runs WHERE job = ? ORDER BY id').all(job) : this.db.prepare('SELECT * FROM job_runs ORDER BY id').all();
    return (rows as Raw[]).map(toJob);
  }

  /**
   * Retention: removes finished runs started before `cutoff` (with their pages, links, snapshots and results),
   * except the newest finished run of each site and kind, probes, delivered or given-up alerts and job runs
   * before it. Findings stay (their history is the point).
   */
  pruneBefore(cutoff: Date): PruneResult {
    const at = cutoff.toISOString();
    return this.transaction(() => {
      const oldRuns = this.db
        .prepare(
          `SELECT id FROM runs r WHERE status <> 'running' AND started_at < ?
             AND id <> (SELECT MAX(id) FROM runs k WHERE k.site_id = r.site_id AND k.kind = r.kind AND k.status = 'done')`,
        )
        .pluck()
        .all(at) as number[];
      const delPages = this.db.prepare('DELETE FROM finding_pages WHERE run_id = ?');
      const delRun = this.db.prepare('DELETE FROM runs WHERE id = ?');
      for (const id of oldRuns) {
        delPages.run(id);
        delRun.run(id);
      }
      const probes = this.db.prepare('DELETE FROM probes WHERE probed_at < ?').run(at).changes;
      const deliveries = this.db.prepare("DELETE FROM alert_deliveries WHERE status IN ('sent', 'gave-up') AND created_at < ?").run(at).changes;
      const jobRuns = this.db.prepare("DELETE FROM job_runs WHERE status <> 'running' AND started_at < ?").run(at).changes;
      return { runs: oldRuns.length, probes, deliveries, jobRuns };
    });
  }
}
