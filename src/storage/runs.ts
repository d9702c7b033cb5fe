// storage: crawl runs — one per site per night; a run left `running` by a killed process is resumed.
import type { Db } from './db.ts';

export interface RunRow {
  id: number;
  siteId: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  judgedAt: string;
  checks: string[];
  stats: Record<string, unknown>;
  error: string | null;
}

interface RawRun {
  id: number;
  site_id: string;
  kind: string;
  status: RunRow['status'];
  started_at: string;
  finished_at: string | null;
  judged_at: string;
  checks: string;
  stats: string;
  error: string | null;
}

const toRow = (r: RawRun): RunRow => ({
  id: r.id,
  siteId: r.site_id,
  kind: r.kind,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  judgedAt: r.judged_at,
  checks: JSON.parse(r.checks) as string[],
  stats: JSON.parse(r.stats) as Record<string, unknown>,
  error: r.error,
});

/** Runs of crawls and probes. */
export class RunStore {
  constructor(private readonly db: Db) {}

  /** Starts a run. `judgedAt` is the clock the checks judge by (the --now of the command). */
  start(siteId: string, kind: string, startedAt: Date, judgedAt: Date, checks: string[]): RunRow {
    const info = this.db
      .prepare('INSERT INTO runs (site_id, kind, status, started_at, judged_at, checks) VALUES (?, ?, ?, ?, ?, ?)')
      .run(siteId, kind, 'running', startedAt.toISOString(), judgedAt.toISOString(), JSON.stringify(checks));
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): RunRow | undefined {
    const r = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RawRun | undefined;
    return r && toRow(r);
  }

  /** The newest run of this site and kind still marked running (a crawl that was killed). */
  unfinished(siteId: string, kind: string): RunRow | undefined {
    const r = this.db
      .prepare("SELECT * FROM runs WHERE site_id = ? AND kind = ? AND status = 'running' ORDER BY id DESC LIMIT 1")
      .get(siteId, kind) as RawRun | undefined;
    return r && toRow(r);
  }

  /** The newest finished run of this site and kind. */
  latestDone(siteId: string, kind: string): RunRow | undefined {
    const r = this.db
      .prepare("SELECT * FROM runs WHERE site_id = ? AND kind = ? AND status = 'done' ORDER BY id DESC LIMIT 1")
      .get(siteId, kind) as RawRun | undefined;
    return r && toRow(r);
  }

  finish(id: number, status: 'done' | 'failed', finishedAt: Date, stats: Record<string, unknown>, error?: string): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, stats = ?, error = ? WHERE id = ?')
      .run(status, finishedAt.toISOString(), JSON.stringify(stats), error ?? null, id);
  }
}
