-- Requests officers make from their staff page (/my/{token}): an absence, or a swap of one of their duties with a
-- colleague's. `detail` is the JSON of the absence or the swap as it would be recorded. States: 'proposed' (a swap
-- the colleague has not accepted yet), 'pending' (waiting for a roster manager), then 'approved', 'declined' or
-- 'withdrawn'. `fact_id` is the absence or swap an approval recorded; `decision_reason` why a manager decided.
CREATE TABLE staff_requests (
  id TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('absence', 'swap')),
  detail TEXT NOT NULL,
  colleague_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('proposed', 'pending', 'approved', 'declined', 'withdrawn')),
  decision_reason TEXT,
  decided_by TEXT,
  fact_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX staff_requests_by_roster ON staff_requests (roster_id, state, created_at);
CREATE INDEX staff_requests_by_member ON staff_requests (member_id, created_at);
CREATE INDEX staff_requests_by_colleague ON staff_requests (colleague_id, state);
