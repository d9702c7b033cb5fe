// storage: availability probes of site homepages (≥ 20 a day), and their failure ratio over a rolling window.
import type { Db } from './db.ts';

export interface ProbeRecord {
  siteId: string;
  url: string;
  probedAt: Date;
  ok: boolean;
  status?: number;
  /** Why the probe failed: `timeout`, `http-5xx`, `dns`, `refused`, `tls` … */
  failure?: string;
  ttfbMs?: number;
  totalMs?: number;
  message?: string;
}

export interface StoredProbe extends Omit<ProbeRecord, 'probedAt'> {
  id: number;
  probedAt: string;
}

/** Probes over a window: the ratio always comes with the count behind it. */
export interface ProbeWindow {
  from: string;
  to: string;
  probes: number;
  failures: number;
  /** failures / probes; undefined when there were no probes. */
  ratio?: number;
  /** Failures by kind. */
  byFailure: Record<string, number>;
  /** Probes per calendar day (UTC date of the probe), for "≥ 20 a day" coverage. */
  perDay: Record<string, number>;
  /** A few failed probes, newest first, as evidence. */
  failed: StoredProbe[];
}

type Raw = Record<string, string | number | null>;

const toProbe = (r: Raw): StoredProbe => ({
  id: r.id as number,
  siteId: r.site_id as string,
  url: r.url as string,
  probedAt: r.probed_at as string,
  ok: r.ok === 1,
  ...(r.status !== null ? { status: r.status as number } : {}),
  ...(r.failure !== null ? { failure: r.failure as string } : {}),
  ...(r.ttfb_ms !== null ? { ttfbMs: r.ttfb_ms as number } : {}),
  ...(r.total_ms !== null ? { totalMs: r.total_ms as number } : {}),
  ...(r.message !== null ? { message: r.message as string } : {}),
});

/** Availability probes. */
export class ProbeStore {
  constructor(private readonly db: Db) {}

  record(p: ProbeRecord): number {
    const info = this.db
      .prepare('INSERT INTO probes (site_id, url, probed_at, ok, status, failure, ttfb_ms, total_ms, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.siteId, p.url, p.probedAt.toISOString(), p.ok ? 1 : 0, p.status ?? null, p.failure ?? null, p.ttfbMs ?? null, p.totalMs ?? null, p.message ?? null);
    return Number(info.lastInsertRowid);
  }

  /** Probes of a site in (from, to], oldest first. */
  list(siteId: string, from: Date, to: Date): StoredProbe[] {
    return (
      this.db.prepare('SELECT * FROM probes WHERE site_id = ? AND probed_at > ? AND probed_at <= ? ORDER BY probed_at, id').all(siteId, from.toISOString(), to.toISOString()) as Raw[]
    ).map(toProbe);
  }

  /** The rolling window ending at `to` of `days` days. */
  window(siteId: string, to: Date, days: number, evidence = 5): ProbeWindow {
    const from = new Date(to.getTime() - days * 86_400_000);
    const all = this.list(siteId, from, to);
    const failedAll = all.filter((p) => !p.ok);
    const byFailure: Record<string, number> = {};
    for (const p of failedAll) byFailure[p.failure ?? 'unknown'] = (byFailure[p.failure ?? 'unknown'] ?? 0) + 1;
    const perDay: Record<string, number> = {};
    for (const p of all) perDay[p.probedAt.slice(0, 10)] = (perDay[p.probedAt.slice(0, 10)] ?? 0) + 1;
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      probes: all.length,
      failures: failedAll.length,
      ...(all.length ? { ratio: failedAll.length / all.length } : {}),
      byFailure,
      perDay,
      failed: failedAll.slice(-evidence).reverse(),
    };
  }
}
