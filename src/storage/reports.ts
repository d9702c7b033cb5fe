// storage: generated quarterly reports (each model kept as JSON) and the quarter-bounded questions the report
// asks of the other tables (when a finding was resolved, which checks ran in a window, the last probe).
import type { Db } from './db.ts';

/** A report as stored: the model is the report stage's JSON, opaque here. */
export interface StoredReport {
  id: number;
  quarter: string;
  seed: number;
  sample: string;
  generatedAt: string;
  model: unknown;
}

type Raw = { id: number; quarter: string; seed: number; sample: string; generated_at: string; model: string };

const toReport = (r: Raw): StoredReport => ({
  id: r.id,
  quarter: r.quarter,
  seed: r.seed,
  sample: r.sample,
  generatedAt: r.generated_at,
  model: JSON.parse(r.model) as unknown,
});

/** Generated reports, and quarter-bounded reads for building them. */
export class ReportStore {
  constructor(private readonly db: Db) {}

  /** Stores a generated report; returns its id. A quarter may be generated again: the newest one counts. */
  save(r: { quarter: string; seed: number; sample: string; generatedAt: Date; model: unknown }): number {
    const info = this.db
      .prepare('INSERT INTO reports (quarter, seed, sample, generated_at, model) VALUES (?, ?, ?, ?, ?)')
      .run(r.quarter, r.seed, r.sample, r.generatedAt.toISOString(), JSON.stringify(r.model));
    return Number(info.lastInsertRowid);
  }

  /** The newest report of a quarter (`2026Q3`). */
  latest(quarter: string): StoredReport | undefined {
    const r = this.db.prepare('SELECT * FROM reports WHERE quarter = ? ORDER BY id DESC LIMIT 1').get(quarter) as Raw | undefined;
    return r && toReport(r);
  }

  /** When each of these findings was resolved (absent: still open or unknown). */
  resolvedAt(ids: string[]): Map<string, string> {
    const out = new Map<string, string>();
    if (!ids.length) return out;
    const stmt = this.db.prepare('SELECT resolved_at FROM findings WHERE id = ?').pluck();
    for (const id of ids) {
      const at = stmt.get(id) as string | null | undefined;
      if (at) out.set(id, at);
    }
    return out;
  }

  /** Check ids of the finished runs of a site judged in [from, to]. */
  checksRunBetween(siteId: string, from: Date, to: Date): string[] {
    const rows = this.db
      .prepare("SELECT checks FROM runs WHERE site_id = ? AND status = 'done' AND judged_at >= ? AND judged_at <= ? ORDER BY id")
      .pluck()
      .all(siteId, from.toISOString(), to.toISOString()) as string[];
    return [...new Set(rows.flatMap((c) => JSON.parse(c) as string[]))].sort();
  }

  /** The time of the newest availability probe of a site in [from, to], if any. */
  lastProbeAt(siteId: string, from: Date, to: Date): string | undefined {
    const at = this.db
      .prepare('SELECT MAX(probed_at) FROM probes WHERE site_id = ? AND probed_at >= ? AND probed_at <= ?')
      .pluck()
      .get(siteId, from.toISOString(), to.toISOString()) as string | null;
    return at ?? undefined;
  }
}
