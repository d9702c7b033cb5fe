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

/** Where a link target appears: the page, the anchor text, the tag, and the CSS trick hiding it. */
export interface Occurrence {
  page: string;
  anchor: string;
  tag: string;
  hidden?: string;
}

/** A link target of a run as summarised after its crawl, with what fetching it told us. */
export interface TargetSummary {
  target: string;
  facts: TargetFacts | undefined;
  /** Distinct pages carrying the link. */
  pageCount: number;
  onHomepage: boolean;
  /** The first of those pages in URL (byte) order. */
  firstSource: string;
  /** Up to five occurrences, homepage first, then by page URL. */
  occurrences: Occurrence[];
  /** Up to five occurrences inside content hidden by CSS, in the same order. */
  hiddenOccurrences: (Occurrence & { hidden: string })[];
}

/** Inserts `item` into `top` (kept sorted by `before`, ties in arrival order), keeping at most `k` items. */
function keepFirst<T>(top: T[], item: T, k: number, before: (a: T, b: T) => boolean): void {
  if (top.length >= k && !before(item, top[top.length - 1]!)) return;
  let i = top.length;
  while (i > 0 && before(item, top[i - 1]!)) i--;
  top.splice(i, 0, item);
  if (top.length > k) top.pop();
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

  /**
   * Summarises the links of a run by target (link_targets), once its pages are in: how many pages carry each
   * target, whether the homepage does, the first page in URL order, and up to `sample` occurrences (and hidden
   * ones) with the homepage first, then by page URL. One sorted pass over the links, with bounded memory;
   * rebuilding replaces the run's summary (a resumed run rebuilds it).
   */
  summariseTargets(runId: number, homepage: string, sample = 5): number {
    const rows = this.db
      .prepare('SELECT target_url, source_url, tag, anchor, hidden FROM links WHERE run_id = ? ORDER BY target_url, source_url, tag')
      .raw(true);
    const insert = this.db.prepare(
      `INSERT INTO link_targets (run_id, url, page_count, on_homepage, first_source, occurrences, hidden_occurrences)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // Homepage first, then page URL in locale order; equal keys keep the (page, tag) order of the links.
    const collator = new Intl.Collator();
    const before = (a: Occurrence, b: Occurrence) => (a.page === homepage) !== (b.page === homepage) ? a.page === homepage : collator.compare(a.page, b.page) < 0;
    let count = 0;
    let current: { url: string; pages: number; lastPage: string; onHomepage: boolean; firstSource: string; top: Occurrence[]; hidden: Occurrence[] } | undefined;
    const flush = () => {
      if (!current) return;
      insert.run(runId, current.url, current.pages, current.onHomepage ? 1 : 0, current.firstSource, JSON.stringify(current.top), JSON.stringify(current.hidden));
      count++;
    };
    // The read is a sort into a temporary b-tree: writing the summary table while it is read back is safe.
    this.db.unsafeMode(true);
    try {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM link_targets WHERE run_id = ?').run(runId);
        for (const [target, page, tag, anchor, hidden] of rows.iterate(runId) as Iterable<[string, string, string, string, string | null]>) {
          if (current?.url !== target) {
            flush();
            current = { url: target, pages: 0, lastPage: '', onHomepage: false, firstSource: page, top: [], hidden: [] };
          }
          if (current.lastPage !== page || current.pages === 0) {
            current.pages++;
            current.lastPage = page;
          }
          if (page === homepage) current.onHomepage = true;
          const occurrence: Occurrence = { page, anchor: anchor ?? '', tag, ...(hidden ? { hidden } : {}) };
          keepFirst(current.top, occurrence, sample, before);
          if (hidden) keepFirst(current.hidden, occurrence, sample, before);
        }
        flush();
      })();
    } finally {
      this.db.unsafeMode(false);
    }
    return count;
  }

  /** Distinct link targets of a run that have no recorded facts yet (to be probed). Needs `summariseTargets` first. */
  unprobedTargets(runId: number): string[] {
    return this.db
      .prepare(
        `SELECT lt.url FROM link_targets lt
         WHERE lt.run_id = ? AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.run_id = lt.run_id AND t.url = lt.url)`,
      )
      .pluck()
      .all(runId) as string[];
  }

  /** Up to `limit` summarised link targets after `after` (in URL order), with their facts. Needs `summariseTargets` first. */
  targetBatch(runId: number, after: string, limit: number): TargetSummary[] {
    const rows = this.db
      .prepare(
        `SELECT lt.url, lt.page_count, lt.on_homepage, lt.first_source, lt.occurrences, lt.hidden_occurrences, t.facts
         FROM link_targets lt LEFT JOIN targets t ON t.run_id = lt.run_id AND t.url = lt.url
         WHERE lt.run_id = ? AND lt.url > ? ORDER BY lt.url LIMIT ?`,
      )
      .all(runId, after, limit) as { url: string; page_count: number; on_homepage: number; first_source: string; occurrences: string; hidden_occurrences: string; facts: string | null }[];
    return rows.map((r) => ({
      target: r.url,
      facts: r.facts ? (JSON.parse(r.facts) as TargetFacts) : undefined,
      pageCount: r.page_count,
      onHomepage: r.on_homepage === 1,
      firstSource: r.first_source,
      occurrences: JSON.parse(r.occurrences) as Occurrence[],
      hiddenOccurrences: JSON.parse(r.hidden_occurrences) as (Occurrence & { hidden: string })[],
    }));
  }

  /** The outgoing links of one page in a run (the link graph, for IPv6 levels and reports). */
  linksFrom(runId: number, sourceUrl: string): StoredLink[] {
    return (this.db.prepare('SELECT * FROM links WHERE run_id = ? AND source_url = ?').all(runId, sourceUrl) as Record<string, string | null>[]).map(
      (r) => ({ sourceUrl: r.source_url!, targetUrl: r.target_url!, tag: r.tag!, anchor: r.anchor ?? '', hidden: r.hidden }),
    );
  }
}
