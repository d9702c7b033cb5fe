// storage migration 2026-11-23-1900: column/homepage snapshots per run, and availability probes. Never edit after it lands.
export const sql = `
CREATE TABLE column_snapshots (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  column_id TEXT NOT NULL,
  name TEXT NOT NULL,
  class TEXT NOT NULL,
  url TEXT NOT NULL,
  taken_at TEXT NOT NULL,
  state TEXT NOT NULL,
  window_days INTEGER,
  age_days INTEGER,
  item_count INTEGER NOT NULL DEFAULT 0,
  undated_count INTEGER NOT NULL DEFAULT 0,
  newest_date TEXT,
  top_items TEXT NOT NULL DEFAULT '[]',
  item_keys TEXT,
  unchanged_since TEXT,
  changed_at TEXT,
  error TEXT,
  PRIMARY KEY (run_id, column_id)
) WITHOUT ROWID;
CREATE INDEX column_snapshots_site ON column_snapshots (site_id, column_id, taken_at);

CREATE TABLE probes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id TEXT NOT NULL,
  url TEXT NOT NULL,
  probed_at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  status INTEGER,
  failure TEXT,
  ttfb_ms REAL,
  total_ms REAL,
  message TEXT
);
CREATE INDEX probes_site ON probes (site_id, probed_at);
`;
