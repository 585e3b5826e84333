-- Webhooks that keep failing are paused, and staff requests are told to the people they concern.

-- A webhook's run of failures: when the first failed attempt after its last success happened, how many attempts
-- have failed since, and the last error. Failing for 24 hours and at least 5 attempts in a row pauses it
-- (disabled_at): nothing more is planned or sent to it until an admin turns it back on.
ALTER TABLE notice_webhooks ADD COLUMN failing_since TEXT;
ALTER TABLE notice_webhooks ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notice_webhooks ADD COLUMN last_error TEXT;
ALTER TABLE notice_webhooks ADD COLUMN disabled_at TEXT;

-- A staff request's step (filed, swap proposed, approved, declined, withdrawn), written in the same batch as the
-- request's own change, with the request as it then was; the notice worker turns it into deliveries and deletes it
-- in one batch. One row per (request, step): a step happens once in a request's life.
CREATE TABLE notice_request_events (
  request_id TEXT NOT NULL,
  step TEXT NOT NULL,
  roster_id TEXT NOT NULL,
  request TEXT NOT NULL,
  enqueued_at TEXT NOT NULL,
  PRIMARY KEY (request_id, step)
);
