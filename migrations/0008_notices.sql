-- Change notices (e-mail, Zalo, webhooks): the changes waiting to become notices, one delivery row per
-- (notice, recipient, channel), the roster's webhooks and contacts, members' preferences and Zalo links.

-- Slot changes written in the same batch as the change itself; turned into deliveries once the roster has been quiet
-- for the coalescing window (the net result of every row), then deleted in that same batch.
CREATE TABLE notice_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  roster_id TEXT NOT NULL,
  slot_key TEXT NOT NULL,
  before TEXT,
  after TEXT,
  enqueued_at TEXT NOT NULL
);
CREATE INDEX notice_changes_by_roster ON notice_changes (roster_id, seq);

-- One row per (notice, recipient, channel); the id is derived from that triple, so planning the same changes twice
-- (a crash before the plan's batch landed) inserts nothing new. A row in 'sending' whose lease (next_at) ran out was
-- interrupted between "about to send" and "sent": it is sent again with the same attempt id (Message-ID, webhook-id).
CREATE TABLE notice_deliveries (
  id TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL,
  notice_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'zalo', 'webhook')),
  recipient TEXT NOT NULL,
  address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  urgent INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  attempt_id TEXT,
  next_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX notice_deliveries_due ON notice_deliveries (status, next_at);
CREATE INDEX notice_deliveries_by_roster ON notice_deliveries (roster_id, created_at);

-- Standard Webhooks endpoints per roster. The secret signs every call, so it is kept (it is shown to the admin once).
CREATE TABLE notice_webhooks (
  id TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX notice_webhooks_by_roster ON notice_webhooks (roster_id);

-- Who hears about a roster besides its members: admins (urgent "uncovered" notices) and group chats.
CREATE TABLE notice_contacts (
  id TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'group')),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'zalo')),
  address TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (roster_id, role, channel, address)
);

-- A member's choices; no row means the defaults (e-mail and Zalo on, reminders off, the roster's e-mail address).
CREATE TABLE notice_preferences (
  roster_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  email TEXT,
  email_on INTEGER NOT NULL DEFAULT 1,
  zalo_on INTEGER NOT NULL DEFAULT 1,
  reminders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (roster_id, member_id)
);

-- A member's Zalo chat, linked by a one-time code sent to the bot; "dừng" removes it.
CREATE TABLE zalo_links (
  roster_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (roster_id, member_id)
);
CREATE INDEX zalo_links_by_chat ON zalo_links (chat_id);

CREATE TABLE zalo_link_codes (
  code TEXT PRIMARY KEY,
  roster_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
