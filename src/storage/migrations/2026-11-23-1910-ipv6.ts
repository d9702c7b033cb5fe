// storage migration 2026-11-23-1910: results of the IPv6 probe, one row per site per probe run. Never edit after it lands.
export const sql = `
CREATE TABLE ipv6_results (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  measured_at TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('supported', 'partial', 'unsupported', 'not-measurable')),
  homepage_status TEXT NOT NULL,
  level2_rate REAL,
  level3_rate REAL,
  latency_ratio REAL,
  result TEXT NOT NULL
);
CREATE INDEX ipv6_results_site ON ipv6_results (site_id, measured_at);
`;
