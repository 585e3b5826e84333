-- Calendar push (Google, Outlook): what lichtruc last wrote to each remote calendar, the outbox of pending changes,
-- and the state of each roster's sync per provider.

-- One row per provider and slot that lichtruc has written (or is about to): the remote identity, the etag seen
-- last, and the hash of the content written, so a resync with nothing changed makes no write at all.
CREATE TABLE sync_records (
  provider TEXT NOT NULL,
  roster_id TEXT NOT NULL,
  slot_key TEXT NOT NULL,
  date TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  etag TEXT,
  content_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('present', 'deleted')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (provider, slot_key)
);
CREATE INDEX sync_records_by_roster ON sync_records (provider, roster_id, date);

-- Changes waiting to be pushed: written in the same batch as the change itself, removed once pushed everywhere.
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  roster_id TEXT NOT NULL,
  slot_key TEXT,
  reason TEXT NOT NULL,
  enqueued_at TEXT NOT NULL
);
CREATE INDEX sync_outbox_by_roster ON sync_outbox (roster_id, seq);

-- Per roster and provider: the last run, its counts, the last error in words a person can act on, and whether the
-- provider is stopped for this roster until someone fixes its credentials or sharing.
CREATE TABLE sync_state (
  provider TEXT NOT NULL,
  roster_id TEXT NOT NULL,
  last_started_at TEXT,
  last_finished_at TEXT,
  last_result TEXT,
  last_error TEXT,
  blocked INTEGER NOT NULL DEFAULT 0,
  progress TEXT,
  PRIMARY KEY (provider, roster_id)
);

-- Calendar shares lichtruc made (so it only ever removes the ones it made itself).
CREATE TABLE sync_shares (
  provider TEXT NOT NULL,
  roster_id TEXT NOT NULL,
  calendar_id TEXT NOT NULL,
  account TEXT NOT NULL,
  remote_id TEXT,
  PRIMARY KEY (provider, roster_id, account)
);
