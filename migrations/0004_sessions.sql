-- Sessions of the admin web pages: signing in with the admin token opens one. Only the SHA-256 of the session
-- token (the cookie's value) is kept; the CSRF token is embedded in every form of the session and checked on every
-- POST. A session ends at expires_at, or earlier when the admin signs out.
CREATE TABLE admin_sessions (
  token_hash TEXT PRIMARY KEY,
  csrf_token TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
