// storage: what people said about a finding on the dashboard — a false positive (with the reason; an allow-list
// entry: the same problem is not recorded again by later runs) or acknowledged (being fixed).
import type { Db } from './db.ts';

export type MarkKind = 'false-positive' | 'acknowledged';

export interface FindingMark {
  findingId: string;
  siteId: string;
  check: string;
  key: string;
  kind: MarkKind;
  reason: string;
  userName: string;
  markedAt: string;
}

interface RawMark {
  finding_id: string;
  site_id: string;
  check_id: string;
  key: string;
  kind: MarkKind;
  reason: string;
  user_name: string;
  marked_at: string;
}

const toMark = (r: RawMark): FindingMark => ({
  findingId: r.finding_id,
  siteId: r.site_id,
  check: r.check_id,
  key: r.key,
  kind: r.kind,
  reason: r.reason,
  userName: r.user_name,
  markedAt: r.marked_at,
});

/** Ids of a site's findings marked false positive: `FindingStore.record` skips them (the allow-list). */
export function falsePositiveIds(db: Db, siteId: string): Set<string> {
  return new Set(db.prepare("SELECT finding_id FROM finding_marks WHERE site_id = ? AND kind = 'false-positive'").pluck().all(siteId) as string[]);
}

/** Marks on findings. */
export class FindingMarkStore {
  constructor(private readonly db: Db) {}

  /** Records a mark (replacing an earlier one of the same finding). */
  mark(m: Omit<FindingMark, 'markedAt'>, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO finding_marks (finding_id, site_id, check_id, key, kind, reason, user_name, marked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (finding_id) DO UPDATE SET kind = excluded.kind, reason = excluded.reason,
           user_name = excluded.user_name, marked_at = excluded.marked_at`,
      )
      .run(m.findingId, m.siteId, m.check, m.key, m.kind, m.reason, m.userName, now.toISOString());
  }

  /** Removes the mark of a finding (it is reported again by the next run). */
  unmark(findingId: string): void {
    this.db.prepare('DELETE FROM finding_marks WHERE finding_id = ?').run(findingId);
  }

  get(findingId: string): FindingMark | undefined {
    const r = this.db.prepare('SELECT * FROM finding_marks WHERE finding_id = ?').get(findingId) as RawMark | undefined;
    return r && toMark(r);
  }

  /** Marks of the given sites (all sites when omitted), by finding id. */
  bySite(siteIds?: string[]): Map<string, FindingMark> {
    const rows = siteIds
      ? (this.db.prepare(`SELECT * FROM finding_marks WHERE site_id IN (${siteIds.map(() => '?').join(',') || "''"})`).all(...siteIds) as RawMark[])
      : (this.db.prepare('SELECT * FROM finding_marks').all() as RawMark[]);
    return new Map(rows.map((r) => [r.finding_id, toMark(r)]));
  }

  /** Whether a finding is on the allow-list. */
  isFalsePositive(siteId: string, findingId: string): boolean {
    return falsePositiveIds(this.db, siteId).has(findingId);
  }
}
