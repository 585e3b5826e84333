-- Accounts of people who manage rosters, their API tokens, and the counters that slow down guessing.
-- An account's role decides what it may do: 'system-admin' (everything), 'org-admin' (the rosters of its
-- organisation, whose id is the `organisation.id` a roster definition names), 'roster-manager' (the day-to-day facts
-- of the rosters listed in `rosters`, a JSON array of roster ids, all inside its organisation) and 'viewer'
-- (read-only schedules and duty reports of its organisation). The bootstrap admin token is no account: it stays the
-- system admin. `password` holds the scheme and its parameters with the hash ('pbkdf2-sha256$100000$salt$hash'),
-- so the iteration count can be raised later without locking anyone out.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('system-admin', 'org-admin', 'roster-manager', 'viewer')),
  organisation_id TEXT,
  rosters TEXT NOT NULL DEFAULT '[]',
  password TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  disabled_at TEXT
);
CREATE INDEX accounts_by_organisation ON accounts (organisation_id);

-- API tokens: only the SHA-256 of the secret is kept; the token is shown once when it is issued. A token acts with
-- its account's role, and stops working when revoked or when its account is disabled.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_by_account ON api_tokens (account_id);

-- Failed sign-ins and bad tokens per key ('address:203.0.113.7', 'account:nguyen-van-a') in a fixed window. Kept in
-- the database so the limit holds across Worker isolates as it does in one Node process.
CREATE TABLE auth_failures (
  key TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  failures INTEGER NOT NULL
);
