// storage migration 2026-11-23-2010: dashboard accounts, sessions, API tokens, and marks on findings (false
// positive → allow-list entry the crawl honours; acknowledged). Never edit after it lands.
export const sql = `
CREATE TABLE web_users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('supervisor', 'editor')),
  editor_id TEXT,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE web_sessions (
  id_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES web_users (name) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_name);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES web_users (name) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  last_used_at TEXT
);

CREATE TABLE finding_marks (
  finding_id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  check_id TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('false-positive', 'acknowledged')),
  reason TEXT NOT NULL DEFAULT '',
  user_name TEXT NOT NULL,
  marked_at TEXT NOT NULL
);
CREATE INDEX finding_marks_site ON finding_marks (site_id, kind);
`;
