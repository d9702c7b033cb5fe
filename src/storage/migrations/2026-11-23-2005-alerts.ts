// storage migration 2026-11-23-2005: alert deliveries (an outbox: decided, then sent, failed and retried), what each
// recipient has been told about a finding or veto item, and the runs of the service's scheduled jobs. Never edit
// after it lands.
export const sql = `
CREATE TABLE alert_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  subjects TEXT NOT NULL DEFAULT '[]',
  message TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'gave-up')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);

CREATE TABLE alert_state (
  subject TEXT NOT NULL,
  recipient TEXT NOT NULL,
  episode INTEGER NOT NULL DEFAULT 1,
  kind TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  PRIMARY KEY (subject, recipient)
) WITHOUT ROWID;

CREATE TABLE job_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL,
  scheduled_at TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
  error TEXT
);
CREATE INDEX job_runs_job ON job_runs (job, id);
`;
