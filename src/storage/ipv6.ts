// storage: results of the IPv6 probe — one row per site and probe run, the full result kept as JSON and the
// figures the verdict engine and the quarterly report read kept as columns.
import type { SiteIpv6Result } from '../probes/ipv6-types.ts';
import type { Db } from './db.ts';

/** A stored IPv6 result: the measured figures, then the whole result. */
export interface StoredIpv6Result {
  runId: number;
  siteId: string;
  measuredAt: string;
  verdict: SiteIpv6Result['verdict'];
  homepageStatus: string;
  level2Rate?: number;
  level3Rate?: number;
  latencyRatio?: number;
  result: SiteIpv6Result;
}

interface RawRow {
  run_id: number;
  site_id: string;
  measured_at: string;
  verdict: SiteIpv6Result['verdict'];
  homepage_status: string;
  level2_rate: number | null;
  level3_rate: number | null;
  latency_ratio: number | null;
  result: string;
}

const toStored = (r: RawRow): StoredIpv6Result => ({
  runId: r.run_id,
  siteId: r.site_id,
  measuredAt: r.measured_at,
  verdict: r.verdict,
  homepageStatus: r.homepage_status,
  ...(r.level2_rate !== null ? { level2Rate: r.level2_rate } : {}),
  ...(r.level3_rate !== null ? { level3Rate: r.level3_rate } : {}),
  ...(r.latency_ratio !== null ? { latencyRatio: r.latency_ratio } : {}),
  result: JSON.parse(r.result) as SiteIpv6Result,
});

/** IPv6 probe results of all sites. */
export class Ipv6Store {
  constructor(private readonly db: Db) {}

  /** Stores the result of one site in a probe run (replacing an earlier one of the same run). */
  record(runId: number, result: SiteIpv6Result): void {
    const home = result.hosts.find((h) => h.isHomepageHost);
    this.db
      .prepare(
        `INSERT INTO ipv6_results (run_id, site_id, measured_at, verdict, homepage_status, level2_rate, level3_rate, latency_ratio, result)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id) DO UPDATE SET verdict = excluded.verdict, homepage_status = excluded.homepage_status,
           level2_rate = excluded.level2_rate, level3_rate = excluded.level3_rate, latency_ratio = excluded.latency_ratio,
           result = excluded.result, measured_at = excluded.measured_at`,
      )
      .run(
        runId,
        result.siteId,
        result.measuredAt,
        result.verdict,
        home?.status ?? 'not-measurable',
        result.links?.level2.rate ?? null,
        result.links?.level3.rate ?? null,
        home?.latencyRatio ?? null,
        JSON.stringify(result),
      );
  }

  /** The newest result of a site, if it was ever probed. */
  latest(siteId: string): StoredIpv6Result | undefined {
    const r = this.db
      .prepare('SELECT * FROM ipv6_results WHERE site_id = ? ORDER BY measured_at DESC, run_id DESC LIMIT 1')
      .get(siteId) as RawRow | undefined;
    return r && toStored(r);
  }

  /** The newest result of every probed site, by site id (for the verdict engine and the quarterly report). */
  latestAll(): Map<string, StoredIpv6Result> {
    const rows = this.db
      .prepare(
        `SELECT r.* FROM ipv6_results r
         WHERE r.run_id = (SELECT r2.run_id FROM ipv6_results r2 WHERE r2.site_id = r.site_id ORDER BY r2.measured_at DESC, r2.run_id DESC LIMIT 1)
         ORDER BY r.site_id`,
      )
      .all() as RawRow[];
    return new Map(rows.map((r) => [r.site_id, toStored(r)]));
  }

  /** A site's results, newest first. */
  history(siteId: string, limit = 30): StoredIpv6Result[] {
    return (
      this.db
        .prepare('SELECT * FROM ipv6_results WHERE site_id = ? ORDER BY measured_at DESC, run_id DESC LIMIT ?')
        .all(siteId, limit) as RawRow[]
    ).map(toStored);
  }
}
