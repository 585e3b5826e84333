-- lichtruc schema, in the SQLite dialect that Cloudflare D1 speaks: applied by wrangler on Workers and at start-up
-- on Node. Dates are ISO strings ('2024-04-15'); instants are ISO UTC strings ('2024-04-15T00:30:00.000Z').

-- A roster's definition (the zod-validated document, as JSON). `origin` is 'file' for rosters provisioned from
-- calendars/ (read-only over the API except their day-to-day facts) or 'api' for rosters created over the API.
-- `version` grows with every change of the definition (it is the definition's ETag); `facts_version` with every
-- change of its absences, overrides and swaps. `write_token` lets the statements of one batch check that the
-- batch's own version bump won, since D1 has batches but no interactive transactions.
CREATE TABLE rosters (
  id TEXT PRIMARY KEY,
  origin TEXT NOT NULL CHECK (origin IN ('file', 'api')),
  source_path TEXT,
  definition TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  facts_version INTEGER NOT NULL DEFAULT 0,
  write_token TEXT,
  file_missing INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE absences (
  id TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX absences_by_roster ON absences (roster_id, member_id, from_date);

CREATE TABLE overrides (
  id TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  position TEXT,
  member_id TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX overrides_by_roster ON overrides (roster_id, date);

CREATE TABLE swaps (
  id TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  first_date TEXT NOT NULL,
  first_position TEXT,
  second_date TEXT NOT NULL,
  second_position TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX swaps_by_roster ON swaps (roster_id);

-- Holiday tables from calendars/holidays (the base), and admins' edits layered over them by date, so re-applying
-- the files never loses an edit made for a late government notice. An edit with a NULL entry removes the day;
-- `source` is the document the edit cites when the table does not list it yet.
CREATE TABLE holiday_tables (
  country TEXT NOT NULL,
  year INTEGER NOT NULL,
  definition TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (country, year)
);

CREATE TABLE holiday_edits (
  country TEXT NOT NULL,
  date TEXT NOT NULL,
  entry TEXT,
  source TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (country, date)
);

-- One row per secret feed link. Only a SHA-256 of the token is stored; revoking sets revoked_at.
CREATE TABLE feeds (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  roster_id TEXT,
  member_id TEXT,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Publication state of every event a feed scope ('roster:<id>' or 'member:<id>') has shown, so SEQUENCE only grows
-- and a vanished slot stays as CANCELLED for a while.
CREATE TABLE feed_events (
  scope TEXT NOT NULL,
  uid TEXT NOT NULL,
  date TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  content TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  PRIMARY KEY (scope, uid)
);

-- The rendered feed of a scope, so a GET costs one lookup: rebuilt when what the feed shows changes, or when the
-- day (and so the feed's window) moves on.
CREATE TABLE feed_cache (
  scope TEXT PRIMARY KEY,
  built_for TEXT NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  body TEXT NOT NULL
);

-- Append-only: who changed what, when, with the state before and after.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  roster_id TEXT,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before TEXT,
  after TEXT,
  request_id TEXT
);
CREATE INDEX audit_by_roster ON audit_log (roster_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

-- The admin token when none is configured: only its hash.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
