// storage: what one crawl run saw — pages, the links on them, and what each link target answered.
import type { LinkOccurrence, TargetFacts } from '../checks/index.ts';
import type { Db } from './db.ts';

export interface PageRecord {
  url: string;
  finalUrl?: string;
  status?: number;
  contentType?: string;
  title?: string;
  contentHash?: string;
  depth: number;
  renderedBy: 'http' | 'browser';
  fetchedAt: Date;
  error?: string;
}

export interface StoredLink {
  sourceUrl: string;
  targetUrl: string;
  tag: string;
  anchor: string;
  hidden: string | null;
}

/** Pages, links and link-target facts of runs. */
export class PageStore {
  private readonly insertPage;
  private readonly insertLink;
  private readonly upsertTarget;

  constructor(private readonly db: Db) {
    this.insertPage = db.prepare(
      `INSERT INTO pages (run_id, url, final_url, status, content_type, title, content_hash, depth, rendered_by, fetched_at, error)
       VALUES (@runId, @url, @finalUrl, @status, @contentType, @title, @contentHash, @depth, @renderedBy, @fetchedAt, @error)
       ON CONFLICT (run_id, url) DO UPDATE SET final_url = excluded.final_url, status = excluded.status,
         content_type = excluded.content_type, title = excluded.title, content_hash = excluded.content_hash,
         rendered_by = excluded.rendered_by, fetched_at = excluded.fetched_at, error = excluded.error`,
    );
    this.insertLink = db.prepare(
      'INSERT OR IGNORE INTO links (run_id, source_url, target_url, tag, anchor, hidden) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.upsertTarget = db.prepare(
      'INSERT INTO targets (run_id, url, facts) VALUES (?, ?, ?) ON CONFLICT (run_id, url) DO UPDATE SET facts = excluded.facts',
    );
  }

  /** Records a fetched page and the links it carries, in one transaction. */
  recordPage(runId: number, page: PageRecord, links: LinkOccurrence[]): void {
    this.db.transaction(() => {
      this.insertPage.run({
        runId,
        url: page.url,
        finalUrl: page.finalUrl ?? null,
        status: page.status ?? null,
        contentType: page.contentType ?? null,
        title: page.title ?? null,
        contentHash: page.contentHash ?? null,
        depth: page.depth,
        renderedBy: page.renderedBy,
        fetchedAt: page.fetchedAt.toISOString(),
        error: page.error ?? null,
      });
      for (const l of links) this.insertLink.run(runId, page.url, l.target, l.tag, l.anchor.slice(0, 200), l.hidden ?? null);
    })();
  }

  /** Records what a link target answered (from the crawler or the link prober). */
  recordTarget(runId: number, facts: TargetFacts): void {
    this.upsertTarget.run(runId, facts.url, JSON.stringify(facts));
  }

  /** Records many target facts in one transaction. */
  recordTargets(runId: number, facts: TargetFacts[]): void {
    this.db.transaction(() => {
      for (const f of facts) this.recordTarget(runId, f);
    })();
  }

  target(runId: number, url: string): TargetFacts | undefined {
    const raw = this.db.prepare('SELECT facts FROM targets WHERE run_id = ? AND url = ?').pluck().get(runId, url) as string | undefined;
    return raw ? (JSON.parse(raw) as TargetFacts) : undefined;
  }

  hasPage(runId: number, url: string): boolean {
    return this.db.prepare('SELECT 1 FROM pages WHERE run_id = ? AND url = ?').get(runId, url) !== undefined;
  }

  pageCount(runId: number): number {
    return this.db.prepare('SELECT COUNT(*) FROM pages WHERE run_id = ?').pluck().get(runId) as number;
  }

  pages(runId: number): PageRecord[] {
    const rows = this.db.prepare('SELECT * FROM pages WHERE run_id = ? ORDER BY url').all(runId) as Record<string, unknown>[];
    return rows.map((r) => ({
      url: r.url as string,
      finalUrl: (r.final_url as string) ?? undefined,
      status: (r.status as number) ?? undefined,
      contentType: (r.content_type as string) ?? undefined,
      title: (r.title as string) ?? undefined,
      contentHash: (r.content_hash as string) ?? undefined,
      depth: r.depth as number,
      renderedBy: r.rendered_by as 'http' | 'browser',
      fetchedAt: new Date(r.fetched_at as string),
      error: (r.error as string) ?? undefined,
    }));
  }

  /** URLs of the pages a run has recorded (fetched or failed). */
  pageUrls(runId: number): string[] {
    return this.db.prepare('SELECT url FROM pages WHERE run_id = ?').pluck().all(runId) as string[];
  }

  /**
   * The crawl frontier of an interrupted run: targets of page links (and redirect destinations) that have no page
   * record yet, each with the smallest depth it was found at.
   */
  frontier(runId: number): { url: string; depth: number }[] {
    return this.db
      .prepare(
        `SELECT target_url AS url, MIN(depth) AS depth FROM (
           SELECT l.target_url, p.depth + 1 AS depth FROM links l JOIN pages p ON p.run_id = l.run_id AND p.url = l.source_url
           WHERE l.run_id = ? AND l.tag IN ('a', 'area', 'iframe')
           UNION ALL
           SELECT p.final_url, p.depth FROM pages p WHERE p.run_id = ? AND p.final_url IS NOT NULL AND p.final_url <> p.url
         ) AS f
         WHERE NOT EXISTS (SELECT 1 FROM pages q WHERE q.run_id = ? AND q.url = f.target_url)
         GROUP BY target_url ORDER BY depth, target_url`,
      )
      .all(runId, runId, runId) as { url: string; depth: number }[];
  }

  /** Distinct link targets of a run that have no recorded facts yet (to be probed). */
  unprobedTargets(runId: number): string[] {
    return this.db
      .prepare(
        `SELECT DISTINCT l.target_url FROM links l
         WHERE l.run_id = ? AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.run_id = l.run_id AND t.url = l.target_url)`,
      )
      .pluck()
      .all(runId) as string[];
  }

  /** Up to `limit` distinct targets after `after` (in target order), each with its facts and every link to it. */
  targetBatch(runId: number, after: string, limit: number): { target: string; facts: TargetFacts | undefined; links: StoredLink[] }[] {
    const targets = this.db
      .prepare('SELECT DISTINCT target_url FROM links WHERE run_id = ? AND target_url > ? ORDER BY target_url LIMIT ?')
      .pluck()
      .all(runId, after, limit) as string[];
    if (!targets.length) return [];
    const last = targets[targets.length - 1]!;
    const rows = this.db
      .prepare(
        `SELECT l.target_url, l.source_url, l.tag, l.anchor, l.hidden, t.facts
         FROM links l LEFT JOIN targets t ON t.run_id = l.run_id AND t.url = l.target_url
         WHERE l.run_id = ? AND l.target_url > ? AND l.target_url <= ? ORDER BY l.target_url, l.source_url`,
      )
      .all(runId, after, last) as Record<string, string | null>[];
    const out: { target: string; facts: TargetFacts | undefined; links: StoredLink[] }[] = [];
    for (const r of rows) {
      let current = out[out.length - 1];
      if (!current || current.target !== r.target_url) {
        current = { target: r.target_url!, facts: r.facts ? (JSON.parse(r.facts) as TargetFacts) : undefined, links: [] };
        out.push(current);
      }
      current.links.push({ sourceUrl: r.source_url!, targetUrl: r.target_url!, tag: r.tag!, anchor: r.anchor ?? '', hidden: r.hidden });
    }
    return out;
  }

  /** The outgoing links of one page in a run (the link graph, for IPv6 levels and reports). */
  linksFrom(runId: number, sourceUrl: string): StoredLink[] {
    return (this.db.prepare('SELECT * FROM links WHERE run_id = ? AND source_url = ?').all(runId, sourceUrl) as Record<string, string | null>[]).map(
      (r) => ({ sourceUrl: r.source_url!, targetUrl: r.target_url!, tag: r.tag!, anchor: r.anchor ?? '', hidden: r.hidden }),
    );
  }
}
