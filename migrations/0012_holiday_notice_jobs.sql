-- Change notices of a holiday edit, off the request (issues 11 and 12). The edit writes one job row in the same batch
-- as the edit itself: the date, its entry before and after (JSON, null: no entry). A background fan-out (the Node
-- notice worker, or the Workers notice queue) then compares each roster's coming days with and without the edit and
-- writes that roster's notice_changes rows.

-- `cursor`: every roster id <= cursor has been handled (Node) or handed to the queue (Workers);
-- `done_at`: once all are.
CREATE TABLE holiday_notice_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  date TEXT NOT NULL,
  before TEXT,
  after TEXT,
  created_at TEXT NOT NULL,
  cursor TEXT NOT NULL DEFAULT '',
  done_at TEXT
);
CREATE INDEX holiday_notice_jobs_pending ON holiday_notice_jobs (done_at, id);

-- One row per roster a job has told, written in the batch of that roster's notice rows, which only land while it is
-- absent: a page redone after a crash, or a queue message delivered twice, tells no roster twice.
CREATE TABLE holiday_notice_rosters (
  job_id INTEGER NOT NULL,
  roster_id TEXT NOT NULL,
  PRIMARY KEY (job_id, roster_id)
);
