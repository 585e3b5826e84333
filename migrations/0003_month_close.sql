-- Month close (duty records for the annual evaluation): an admin confirms a month of a roster, and who served each
-- of its slots is kept as it stood then. A later change to that month is not refused but recorded as a correction
-- (before, after, who, when, why), so a report of a closed month is its locked records plus its corrections.

-- One row per confirmed month ('2024-05'). Confirming again changes nothing.
CREATE TABLE month_closes (
  roster_id TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  request_id TEXT,
  PRIMARY KEY (roster_id, month)
);

-- The slots of a closed month as they were at confirmation: the JSON of the duty slot, keyed like every calendar.
CREATE TABLE month_records (
  roster_id TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  slot_key TEXT NOT NULL,
  date TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (roster_id, slot_key)
);
CREATE INDEX month_records_by_month ON month_records (roster_id, month, date);

-- Append-only: each change to a slot of a closed month after its confirmation, in order. `before` is the slot as
-- the report showed it (locked record plus earlier corrections), `after` what it became; either is NULL when the
-- slot appeared or vanished (a holiday edit). `request_id` ties it to the audit log entry of the change itself.
CREATE TABLE month_corrections (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  roster_id TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  slot_key TEXT NOT NULL,
  date TEXT NOT NULL,
  before TEXT,
  after TEXT,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  request_id TEXT
);
CREATE INDEX month_corrections_by_month ON month_corrections (roster_id, month, seq);
CREATE TRIGGER month_corrections_no_update BEFORE UPDATE ON month_corrections BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
