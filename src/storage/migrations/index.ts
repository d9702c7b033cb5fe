// storage: the list of dated migrations, applied in order. Add a new file; never edit one that has landed.
import { sql as initial } from './2026-11-23-1830-initial.ts';
import { sql as freshness } from './2026-11-23-1900-freshness.ts';
import { sql as ipv6 } from './2026-11-23-1910-ipv6.ts';
import { sql as reports } from './2026-11-23-2000-reports.ts';
import { sql as alerts } from './2026-11-23-2005-alerts.ts';
import { sql as web } from './2026-11-23-2010-web.ts';
import { sql as linksByPage } from './2026-12-06-1915-links-by-page.ts';

export interface Migration {
  /** `YYYY-MM-DD-HHMM-name`, sorted by time. */
  id: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { id: '2026-11-23-1830-initial', sql: initial },
  { id: '2026-11-23-1900-freshness', sql: freshness },
  { id: '2026-11-23-1910-ipv6', sql: ipv6 },
  { id: '2026-11-23-2000-reports', sql: reports },
  { id: '2026-11-23-2005-alerts', sql: alerts },
  { id: '2026-11-23-2010-web', sql: web },
  { id: '2026-12-06-1915-links-by-page', sql: linksByPage },
];
