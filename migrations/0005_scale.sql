-- Feeds are rendered on demand or in the background, never inside the request that changed something. A change
-- bumps the version of every feed scope it touches ('roster:<id>', 'member:<id>') in its own batch; a holiday edit
-- bumps settings.holidays_version (which every feed shows). A rendered feed records the versions it was built for,
-- so a GET after a change sees it is stale and renders again before answering.
CREATE TABLE feed_versions (
  scope TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
ALTER TABLE feed_cache ADD COLUMN holidays_version TEXT NOT NULL DEFAULT '';
ALTER TABLE feed_cache ADD COLUMN scope_version INTEGER NOT NULL DEFAULT -1;

-- The calendars/ files last applied (Node start-up): an unchanged file (same text hash) is not parsed again, and a
-- file that failed to parse is listed with its issues for the admin pages while its roster keeps its last good state.
CREATE TABLE calendar_files (
  path TEXT PRIMARY KEY,
  text_hash TEXT NOT NULL,
  roster_id TEXT,
  issues TEXT,
  checked_at TEXT NOT NULL
);

-- Messages of the feed queue (Workers) that kept failing and reached its dead-letter queue. The feed itself still
-- renders on its next GET; this says which one to look at.
CREATE TABLE feed_dead_letters (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  failed_at TEXT NOT NULL
);
