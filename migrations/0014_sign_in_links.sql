-- An account's e-mail address, where one-time sign-in links go. Kept in lower case, so the unique index is unique
-- per mailbox whatever the case the admin typed; NULL (no address) as often as one likes.
ALTER TABLE accounts ADD COLUMN email TEXT;
CREATE UNIQUE INDEX accounts_by_email ON accounts (email) WHERE email IS NOT NULL;

-- One-time sign-in links sent by e-mail: only the SHA-256 of the link's token is kept. A link opens one session
-- before `expires_at`; `used_at` is set by the sign-in that used it, in the same statement that checks it is unused.
CREATE TABLE sign_in_links (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX sign_in_links_by_expiry ON sign_in_links (expires_at);
