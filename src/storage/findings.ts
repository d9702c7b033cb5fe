// storage: findings with stable ids, first/last seen, open/resolved, and the pages each was seen on.
import { createHash } from 'node:crypto';
import type { Finding, FindingDraft, Severity } from '../checks/index.ts';
import type { Db } from './db.ts';
import { falsePositiveIds } from './finding-marks.ts';

/** The stable id of a problem: the same site, check and key give the same id in every run. */
export function findingId(siteId: string, check: string, key: string): string {
  return 'f-' + createHash('sha256').update(`${siteId}\u0000${check}\u0000${key}`).digest('hex').slice(0, 16);
}

export interface FindingFilter {
  siteId?: string;
  siteIds?: string[];
  check?: string;
  status?: 'open' | 'resolved' | 'all';
  severity?: Severity;
}

interface RawFinding {
  id: string;
  site_id: string;
  check_id: string;
  key: string;
  severity: Severity;
  certainty: 'certain' | 'suspected';
  url: string;
  target: string | null;
  evidence: string;
  column_name: string | null;
  account: string | null;
  on_homepage: number;
  first_seen: string;
  last_seen: string;
  status: 'open' | 'resolved';
  page_count: number;
}

const toFinding = (r: RawFinding): Finding => ({
  id: r.id,
  siteId: r.site_id,
  check: r.check_id,
  key: r.key,
  severity: r.severity,
  certainty: r.certainty,
  url: r.url,
  ...(r.target !== null ? { target: r.target } : {}),
  evidence: JSON.parse(r.evidence) as Finding['evidence'],
  ...(r.column_name !== null ? { column: r.column_name } : {}),
  ...(r.account !== null ? { account: r.account } : {}),
  onHomepage: r.on_homepage === 1,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  status: r.status,
  pageCount: r.page_count,
});

/** Findings of all sites. */
export class FindingStore {
  private readonly upsert;
  private readonly addPage;
  private readonly lastRun;
  private readonly countPages;
  private readonly setCount;
  private readonly addCount;

  constructor(private readonly db: Db) {
    // A problem seen again updates lastSeen and reopens it; the page shown is the homepage when it is there,
    // else the first page of the run that carried it.
    this.upsert = db.prepare(
      `INSERT INTO findings (id, site_id, check_id, key, severity, certainty, url, target, evidence, column_name, account,
         on_homepage, first_seen, last_seen, status, last_run_id, page_count)
       VALUES (@id, @siteId, @check, @key, @severity, @certainty, @url, @target, @evidence, @column, @account,
         @onHomepage, @now, @now, 'open', @runId, 1)
       ON CONFLICT (id) DO UPDATE SET
         severity = excluded.severity, certainty = excluded.certainty, target = excluded.target,
         url = CASE WHEN findings.last_run_id = excluded.last_run_id AND (findings.on_homepage = 1 OR excluded.on_homepage = 0)
                    THEN findings.url ELSE excluded.url END,
         evidence = CASE WHEN findings.last_run_id = excluded.last_run_id AND (findings.on_homepage = 1 OR excluded.on_homepage = 0)
                    THEN findings.evidence ELSE excluded.evidence END,
         column_name = COALESCE(CASE WHEN findings.last_run_id = excluded.last_run_id THEN findings.column_name END, excluded.column_name),
         account = COALESCE(excluded.account, findings.account),
         on_homepage = CASE WHEN findings.last_run_id = excluded.last_run_id THEN MAX(findings.on_homepage, excluded.on_homepage)
                       ELSE excluded.on_homepage END,
         last_seen = excluded.last_seen, status = 'open', resolved_at = NULL, last_run_id = excluded.last_run_id`,
    );
    this.addPage = db.prepare('INSERT OR IGNORE INTO finding_pages (finding_id, run_id, url) VALUES (?, ?, ?)');
    this.lastRun = db.prepare('SELECT last_run_id FROM findings WHERE id = ?').pluck();
    this.countPages = db.prepare('SELECT COUNT(*) FROM finding_pages WHERE finding_id = ? AND run_id = ?').pluck();
    this.setCount = db.prepare('UPDATE findings SET page_count = ? WHERE id = ?');
    this.addCount = db.prepare('UPDATE findings SET page_count = page_count + 1 WHERE id = ?');
  }

  /** Stores drafts of one run, merging drafts with the same key (one problem on many pages). Returns their ids. */
  record(siteId: string, runId: number, now: Date, drafts: FindingDraft[]): string[] {
    const ids: string[] = [];
    const allowed = falsePositiveIds(this.db, siteId);
    this.db.transaction(() => {
      for (const d of drafts) {
        const id = findingId(siteId, d.check, d.key);
        if (allowed.has(id)) continue;
        ids.push(id);
        const seenInRun = this.lastRun.get(id) === runId;
        this.upsert.run({
          id,
          siteId,
          check: d.check,
          key: d.key,
          severity: d.severity,
          certainty: d.certainty ?? 'certain',
          url: d.url,
          target: d.target ?? null,
          evidence: JSON.stringify(d.evidence),
          column: d.column ?? null,
          account: d.account ?? null,
          onHomepage: d.onHomepage ? 1 : 0,
          now: now.toISOString(),
          runId,
        });
        const added = this.addPage.run(id, runId, d.url).changes > 0;
        // Counted once when the run first sees the problem, then kept up page by page (a footer typo on every page
        // of a 100,000-page site must not recount its pages on each one).
        if (!seenInRun) this.setCount.run(this.countPages.get(id, runId), id);
        else if (added) this.addCount.run(id);
      }
    })();
    return ids;
  }

  /**
   * After a complete run: open findings of the checks that ran that were not seen in this run are resolved.
   * Returns the ids resolved.
   */
  resolveUnseen(siteId: string, runId: number, checks: string[], now: Date): string[] {
    if (!checks.length) return [];
    const marks = checks.map(() => '?').join(',');
    const ids = this.db
      .prepare(`SELECT id FROM findings WHERE site_id = ? AND status = 'open' AND last_run_id <> ? AND check_id IN (${marks})`)
      .pluck()
      .all(siteId, runId, ...checks) as string[];
    const stmt = this.db.prepare("UPDATE findings SET status = 'resolved', resolved_at = ? WHERE id = ?");
    this.db.transaction(() => {
      for (const id of ids) stmt.run(now.toISOString(), id);
    })();
    return ids;
  }

  /** Findings matching a filter, sorted by site, severity, check and url. */
  list(filter: FindingFilter = {}): Finding[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.siteId) (where.push('site_id = ?'), args.push(filter.siteId));
    if (filter.siteIds) (where.push(`site_id IN (${filter.siteIds.map(() => '?').join(',') || "''"})`), args.push(...filter.siteIds));
    if (filter.check) (where.push('check_id = ?'), args.push(filter.check));
    if (filter.severity) (where.push('severity = ?'), args.push(filter.severity));
    const status = filter.status ?? 'open';
    if (status !== 'all') (where.push('status = ?'), args.push(status));
    const sql = `SELECT * FROM findings ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY site_id, CASE severity WHEN 'veto' THEN 0 WHEN 'error' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END, check_id, url, target, id`;
    return (this.db.prepare(sql).all(...args) as RawFinding[]).map(toFinding);
  }

  get(id: string): Finding | undefined {
    const r = this.db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as RawFinding | undefined;
    return r && toFinding(r);
  }

  /** Pages of a run on which a finding was seen. */
  pages(id: string, runId: number): string[] {
    return this.db.prepare('SELECT url FROM finding_pages WHERE finding_id = ? AND run_id = ? ORDER BY url').pluck().all(id, runId) as string[];
  }
}
