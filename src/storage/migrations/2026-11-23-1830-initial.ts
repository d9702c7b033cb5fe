// storage migration 2026-11-23-1830: runs, pages, links, link targets, findings. Never edit after it lands.
export const sql = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'crawl',
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  judged_at TEXT NOT NULL,
  checks TEXT NOT NULL DEFAULT '[]',
  stats TEXT NOT NULL DEFAULT '{}',
  error TEXT
);
CREATE INDEX runs_site ON runs (site_id, id);

CREATE TABLE pages (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  final_url TEXT,
  status INTEGER,
  content_type TEXT,
  title TEXT,
  content_hash TEXT,
  depth INTEGER NOT NULL DEFAULT 0,
  rendered_by TEXT NOT NULL DEFAULT 'http',
  fetched_at TEXT NOT NULL,
  error TEXT,
  PRIMARY KEY (run_id, url)
) WITHOUT ROWID;

CREATE TABLE links (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  source_url TEXT NOT NULL,
  target_url TEXT NOT NULL,
  tag TEXT NOT NULL,
  anchor TEXT NOT NULL DEFAULT '',
  hidden TEXT,
  PRIMARY KEY (run_id, target_url, source_url, tag)
) WITHOUT ROWID;
CREATE INDEX links_source ON links (run_id, source_url);

CREATE TABLE targets (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  facts TEXT NOT NULL,
  PRIMARY KEY (run_id, url)
) WITHOUT ROWID;

CREATE TABLE findings (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  check_id TEXT NOT NULL,
  key TEXT NOT NULL,
  severity TEXT NOT NULL,
  certainty TEXT NOT NULL DEFAULT 'certain',
  url TEXT NOT NULL,
  target TEXT,
  evidence TEXT NOT NULL DEFAULT '{}',
  column_name TEXT,
  account TEXT,
  on_homepage INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  resolved_at TEXT,
  last_run_id INTEGER NOT NULL,
  page_count INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX findings_site ON findings (site_id, status, check_id);

CREATE TABLE finding_pages (
  finding_id TEXT NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL,
  url TEXT NOT NULL,
  PRIMARY KEY (finding_id, run_id, url)
) WITHOUT ROWID;
`;
