// storage migration 2026-11-23-2000: generated quarterly reports (the model as JSON), for fix tracking and trends.
// Never edit after it lands.
export const sql = `
CREATE TABLE reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  quarter TEXT NOT NULL,
  seed INTEGER NOT NULL,
  sample TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  model TEXT NOT NULL
);
CREATE INDEX reports_quarter ON reports (quarter, id);
`;
