// storage migration 2026-12-06-1915: links keyed by the page that carries them (a page's links are written side by
// side instead of scattered over the whole table — one of the crawl's biggest costs), and link_targets: the per-run
// summary of every link target (page count, homepage, a sorted sample of occurrences) built once after the pages
// are in, for the link probes and the site-level link checks. Never edit after it lands.
export const sql = `
CREATE TABLE links_by_page (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  source_url TEXT NOT NULL,
  target_url TEXT NOT NULL,
  tag TEXT NOT NULL,
  anchor TEXT NOT NULL DEFAULT '',
  hidden TEXT,
  PRIMARY KEY (run_id, source_url, target_url, tag)
) WITHOUT ROWID;
INSERT INTO links_by_page (run_id, source_url, target_url, tag, anchor, hidden)
  SELECT run_id, source_url, target_url, tag, anchor, hidden FROM links ORDER BY run_id, source_url, target_url, tag;
DROP TABLE links;
ALTER TABLE links_by_page RENAME TO links;

CREATE TABLE link_targets (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  page_count INTEGER NOT NULL,
  on_homepage INTEGER NOT NULL DEFAULT 0,
  first_source TEXT NOT NULL,
  occurrences TEXT NOT NULL DEFAULT '[]',
  hidden_occurrences TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, url)
) WITHOUT ROWID;
`;
