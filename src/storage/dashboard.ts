// storage: the read-only questions the dashboard asks that no other stage does — run history for trends.
import type { Db } from './db.ts';

export interface RunSummary {
  id: number;
  kind: string;
  status: string;
  judgedAt: string;
  finishedAt: string | null;
  /** Findings the run recorded (its stats), when it said. */
  findings?: number;
}

/** Dashboard reads. */
export class DashboardStore {
  constructor(private readonly db: Db) {}

  /** The newest runs of a site, newest first (all kinds unless given). */
  runs(siteId: string, limit = 30, kind?: string): RunSummary[] {
    const rows = this.db
      .prepare(
        `SELECT id, kind, status, judged_at, finished_at, stats FROM runs WHERE site_id = ? ${kind ? 'AND kind = ?' : ''}
         ORDER BY id DESC LIMIT ?`,
      )
      .all(...(kind ? [siteId, kind, limit] : [siteId, limit])) as { id: number; kind: string; status: string; judged_at: string; finished_at: string | null; stats: string }[];
    return rows.map((r) => {
      const stats = JSON.parse(r.stats) as Record<string, unknown>;
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        judgedAt: r.judged_at,
        finishedAt: r.finished_at,
        ...(typeof stats.findings === 'number' ? { findings: stats.findings } : {}),
      };
    });
  }

  /** Per finished crawl of a site (oldest first): how many findings were open after it, for the trend sparkline. */
  openTrend(siteId: string, limit = 20): { runId: number; judgedAt: string; open: number }[] {
    const runs = this.db
      .prepare("SELECT id, judged_at FROM runs WHERE site_id = ? AND kind = 'crawl' AND status = 'done' ORDER BY id DESC LIMIT ?")
      .all(siteId, limit) as { id: number; judged_at: string }[];
    const count = this.db
      .prepare('SELECT COUNT(*) FROM findings WHERE site_id = ? AND first_seen <= ? AND (resolved_at IS NULL OR resolved_at > ?)')
      .pluck();
    return runs.reverse().map((r) => ({ runId: r.id, judgedAt: r.judged_at, open: count.get(siteId, r.judged_at, r.judged_at) as number }));
  }
}
