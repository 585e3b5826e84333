-- Calendar push, second part: withdrawing what a deleted roster had pushed.

-- A deleted roster's events and shares still to remove from one provider's calendar. Written in the same batch as
-- the deletion (so no deletion is ever forgotten), with the target as it was (the definition is gone by then);
-- removed once every event lichtruc recorded there is deleted and every share it made is withdrawn. Until then it
-- owns the roster's sync records, shares and state.
CREATE TABLE sync_withdrawals (
  provider TEXT NOT NULL,
  roster_id TEXT NOT NULL,
  target TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  PRIMARY KEY (provider, roster_id)
);

-- The write budget of each principal (a Google service account, a Graph app on one mailbox): its current rate and
-- the writes of the last 60 seconds, per second. Kept here so a restart, or another Worker invocation, counts the
-- writes made just before it and never goes over the budget.
CREATE TABLE push_budgets (
  principal TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
