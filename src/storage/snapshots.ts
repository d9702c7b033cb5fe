// storage: one snapshot per column (and one of the homepage) per run — newest date, item count, the newest few
// items — so freshness has history and trends, and homepage change can be seen between runs.
import type { Db } from './db.ts';

/** The pseudo column id of the homepage's snapshot. */
export const HOMEPAGE_COLUMN = '@homepage';

export interface SnapshotItem {
  title: string;
  url: string;
  date?: string;
}

export interface ColumnSnapshot {
  runId: number;
  siteId: string;
  columnId: string;
  name: string;
  class: string;
  url: string;
  takenAt: string;
  /** fresh, warning, stale, blank, exempt, error (could not be read), unknown. */
  state: string;
  windowDays?: number;
  ageDays?: number;
  itemCount: number;
  undatedCount: number;
  newestDate?: string;
  topItems: SnapshotItem[];
  /** Homepage only: the keys of its content items, to see change between runs. */
  itemKeys?: string[];
  /** Homepage only: since when the content items have been the same (ISO time). */
  unchangedSince?: string;
  /** Homepage only: when a change of content items was last seen (ISO time). */
  changedAt?: string;
  error?: string;
}

type Raw = Record<string, string | number | null>;

const toSnapshot = (r: Raw): ColumnSnapshot => ({
  runId: r.run_id as number,
  siteId: r.site_id as string,
  columnId: r.column_id as string,
  name: r.name as string,
  class: r.class as string,
  url: r.url as string,
  takenAt: r.taken_at as string,
  state: r.state as string,
  ...(r.window_days !== null ? { windowDays: r.window_days as number } : {}),
  ...(r.age_days !== null ? { ageDays: r.age_days as number } : {}),
  itemCount: r.item_count as number,
  undatedCount: r.undated_count as number,
  ...(r.newest_date !== null ? { newestDate: r.newest_date as string } : {}),
  topItems: JSON.parse(r.top_items as string) as SnapshotItem[],
  ...(r.item_keys !== null ? { itemKeys: JSON.parse(r.item_keys as string) as string[] } : {}),
  ...(r.unchanged_since !== null ? { unchangedSince: r.unchanged_since as string } : {}),
  ...(r.changed_at !== null ? { changedAt: r.changed_at as string } : {}),
  ...(r.error !== null ? { error: r.error as string } : {}),
});

/** Column and homepage snapshots. */
export class SnapshotStore {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO column_snapshots (run_id, site_id, column_id, name, class, url, taken_at, state, window_days, age_days,
         item_count, undated_count, newest_date, top_items, item_keys, unchanged_since, changed_at, error)
       VALUES (@runId, @siteId, @columnId, @name, @class, @url, @takenAt, @state, @windowDays, @ageDays,
         @itemCount, @undatedCount, @newestDate, @topItems, @itemKeys, @unchangedSince, @changedAt, @error)
       ON CONFLICT (run_id, column_id) DO UPDATE SET name = excluded.name, class = excluded.class, url = excluded.url,
         taken_at = excluded.taken_at, state = excluded.state, window_days = excluded.window_days, age_days = excluded.age_days,
         item_count = excluded.item_count, undated_count = excluded.undated_count, newest_date = excluded.newest_date,
         top_items = excluded.top_items, item_keys = excluded.item_keys, unchanged_since = excluded.unchanged_since,
         changed_at = excluded.changed_at, error = excluded.error`,
    );
  }

  /** Records the snapshots of one run in one transaction (a re-run of the same run replaces them). */
  record(snapshots: ColumnSnapshot[]): void {
    this.db.transaction(() => {
      for (const s of snapshots) {
        this.insert.run({
          ...s,
          windowDays: s.windowDays ?? null,
          ageDays: s.ageDays ?? null,
          newestDate: s.newestDate ?? null,
          topItems: JSON.stringify(s.topItems),
          itemKeys: s.itemKeys ? JSON.stringify(s.itemKeys) : null,
          unchangedSince: s.unchangedSince ?? null,
          changedAt: s.changedAt ?? null,
          error: s.error ?? null,
        });
      }
    })();
  }

  /** The latest snapshot of each column of a site taken at or before `at` (all columns when no time is given). */
  latest(siteId: string, at?: Date): ColumnSnapshot[] {
    const rows = this.db
      .prepare(
        `SELECT s.* FROM column_snapshots s
         WHERE s.site_id = ? AND s.taken_at <= ? AND s.run_id = (
           SELECT s2.run_id FROM column_snapshots s2 WHERE s2.site_id = s.site_id AND s2.column_id = s.column_id AND s2.taken_at <= ?
           ORDER BY s2.taken_at DESC, s2.run_id DESC LIMIT 1)
         ORDER BY s.column_id`,
      )
      .all(siteId, at?.toISOString() ?? '9999', at?.toISOString() ?? '9999') as Raw[];
    return rows.map(toSnapshot);
  }

  /** The newest snapshot of one column before a run (the previous state, for change detection). */
  previous(siteId: string, columnId: string, beforeRunId: number): ColumnSnapshot | undefined {
    const r = this.db
      .prepare('SELECT * FROM column_snapshots WHERE site_id = ? AND column_id = ? AND run_id < ? ORDER BY taken_at DESC, run_id DESC LIMIT 1')
      .get(siteId, columnId, beforeRunId) as Raw | undefined;
    return r && toSnapshot(r);
  }

  /** History of one column, oldest first. */
  history(siteId: string, columnId: string, limit = 100): ColumnSnapshot[] {
    const rows = this.db
      .prepare('SELECT * FROM column_snapshots WHERE site_id = ? AND column_id = ? ORDER BY taken_at DESC, run_id DESC LIMIT ?')
      .all(siteId, columnId, limit) as Raw[];
    return rows.map(toSnapshot).reverse();
  }
}
