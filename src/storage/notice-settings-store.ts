/** Who hears about a roster, and how: webhooks, admin and group contacts, members' preferences and Zalo links. */
import type { SqlDatabase, SqlValue } from './sql.ts';

export interface WebhookRecord {
  id: string;
  rosterId: string;
  url: string;
  events: string[];
  createdAt: string;
  /** The first failed attempt since the last success; null while it answers. */
  failingSince: string | null;
  /** Attempts failed in a row. */
  failures: number;
  lastError: string | null;
  /** When it was paused for failing (nothing is planned or sent to it); null while active. */
  disabledAt: string | null;
}

/** The outcome of one call to a webhook; a failure at or after `cutoff` + the run's start pauses it. */
export type WebhookResult =
  | { ok: true }
  | { ok: false; error: string; now: string; cutoff: string; minFailures: number };

export interface ContactRecord {
  id: string;
  rosterId: string;
  role: 'admin' | 'group';
  channel: 'email' | 'zalo';
  address: string;
  createdAt: string;
}

export interface NoticePreferences {
  /** Overrides the roster's e-mail address for this member. */
  email: string | null;
  emailOn: boolean;
  zaloOn: boolean;
  reminders: boolean;
}

export const DEFAULT_PREFERENCES: NoticePreferences = {
  email: null,
  emailOn: true,
  zaloOn: true,
  reminders: false,
};

export interface NoticeSettingsStore {
  webhooks(rosterId: string): Promise<(WebhookRecord & { secret: string })[]>;
  addWebhook(record: WebhookRecord, secret: string): Promise<void>;
  deleteWebhook(rosterId: string, id: string): Promise<boolean>;
  /** Counts a call's outcome; answers true when this failure paused the webhook. */
  recordWebhookResult(id: string, result: WebhookResult): Promise<boolean>;
  /** Calls a paused webhook again, its run of failures forgotten; false when it was not paused. */
  enableWebhook(rosterId: string, id: string): Promise<boolean>;
  contacts(rosterId: string): Promise<ContactRecord[]>;
  addContact(record: ContactRecord): Promise<void>;
  deleteContact(rosterId: string, id: string): Promise<boolean>;
  preferences(rosterId: string): Promise<Map<string, NoticePreferences>>;
  savePreferences(
    rosterId: string,
    memberId: string,
    preferences: NoticePreferences,
  ): Promise<void>;
  zaloChats(rosterId: string): Promise<Map<string, string>>;
  saveLinkCode(code: string, rosterId: string, memberId: string, expiresAt: string): Promise<void>;
  /** Links the chat of a valid, unexpired code (used once); answers whom it linked. */
  linkZalo(
    code: string,
    chatId: string,
    now: string,
  ): Promise<{ rosterId: string; memberId: string } | null>;
  /** Unlinks every member linked to this chat; answers how many. */
  unlinkZalo(chatId: string): Promise<number>;
}

type Row = Record<string, SqlValue>;

export function createNoticeSettingsStore(db: SqlDatabase): NoticeSettingsStore {
  const all = async (sql: string, ...values: SqlValue[]) =>
    (
      await db
        .prepare(sql)
        .bind(...values)
        .all<Row>()
    ).results;
  const changes = async (sql: string, ...values: SqlValue[]) =>
    (
      await db
        .prepare(sql)
        .bind(...values)
        .run()
    ).meta.changes;
  return {
    async webhooks(rosterId) {
      const rows = await all(
        'SELECT * FROM notice_webhooks WHERE roster_id = ? ORDER BY created_at, id',
        rosterId,
      );
      return rows.map((row) => ({
        id: String(row.id),
        rosterId: String(row.roster_id),
        url: String(row.url),
        events: JSON.parse(String(row.events)) as string[],
        secret: String(row.secret),
        createdAt: String(row.created_at),
        failingSince: row.failing_since === null ? null : String(row.failing_since),
        failures: Number(row.failures),
        lastError: row.last_error === null ? null : String(row.last_error),
        disabledAt: row.disabled_at === null ? null : String(row.disabled_at),
      }));
    },
    async recordWebhookResult(id, result) {
      if (result.ok) {
        await changes(
          `UPDATE notice_webhooks SET failing_since = NULL, failures = 0, last_error = NULL
           WHERE id = ? AND failures > 0`,
          id,
        );
        return false;
      }
      // One statement, so two workers counting at once cannot lose a failure; SET reads the row as it was.
      const { now, cutoff, minFailures, error } = result;
      await changes(
        `UPDATE notice_webhooks SET failing_since = coalesce(failing_since, ?), failures = failures + 1,
           last_error = ?,
           disabled_at = CASE WHEN disabled_at IS NULL AND failures + 1 >= ?
             AND coalesce(failing_since, ?) <= ? THEN ? ELSE disabled_at END
         WHERE id = ?`,
        now,
        error,
        minFailures,
        now,
        cutoff,
        now,
        id,
      );
      const row = await db
        .prepare('SELECT disabled_at FROM notice_webhooks WHERE id = ?')
        .bind(id)
        .first<Row>();
      return row?.disabled_at === now;
    },
    async enableWebhook(rosterId, id) {
      return (
        (await changes(
          `UPDATE notice_webhooks SET disabled_at = NULL, failing_since = NULL, failures = 0, last_error = NULL
           WHERE roster_id = ? AND id = ? AND disabled_at IS NOT NULL`,
          rosterId,
          id,
        )) === 1
      );
    },
    async addWebhook(record, secret) {
      await changes(
        'INSERT INTO notice_webhooks (id, roster_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        record.id,
        record.rosterId,
        record.url,
        JSON.stringify(record.events),
        secret,
        record.createdAt,
      );
    },
    async deleteWebhook(rosterId, id) {
      return (
        (await changes(
          'DELETE FROM notice_webhooks WHERE roster_id = ? AND id = ?',
          rosterId,
          id,
        )) === 1
      );
    },
    async contacts(rosterId) {
      const rows = await all(
        'SELECT * FROM notice_contacts WHERE roster_id = ? ORDER BY created_at, id',
        rosterId,
      );
      return rows.map((row) => ({
        id: String(row.id),
        rosterId: String(row.roster_id),
        role: row.role as ContactRecord['role'],
        channel: row.channel as ContactRecord['channel'],
        address: String(row.address),
        createdAt: String(row.created_at),
      }));
    },
    async addContact(record) {
      await changes(
        `INSERT INTO notice_contacts (id, roster_id, role, channel, address, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (roster_id, role, channel, address) DO NOTHING`,
        record.id,
        record.rosterId,
        record.role,
        record.channel,
        record.address,
        record.createdAt,
      );
    },
    async deleteContact(rosterId, id) {
      return (
        (await changes(
          'DELETE FROM notice_contacts WHERE roster_id = ? AND id = ?',
          rosterId,
          id,
        )) === 1
      );
    },
    async preferences(rosterId) {
      const rows = await all('SELECT * FROM notice_preferences WHERE roster_id = ?', rosterId);
      return new Map(
        rows.map((row) => [
          String(row.member_id),
          {
            email: row.email === null ? null : String(row.email),
            emailOn: Boolean(row.email_on),
            zaloOn: Boolean(row.zalo_on),
            reminders: Boolean(row.reminders),
          },
        ]),
      );
    },
    async savePreferences(rosterId, memberId, p) {
      await changes(
        `INSERT INTO notice_preferences (roster_id, member_id, email, email_on, zalo_on, reminders) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (roster_id, member_id) DO UPDATE SET email = excluded.email, email_on = excluded.email_on,
           zalo_on = excluded.zalo_on, reminders = excluded.reminders`,
        rosterId,
        memberId,
        p.email,
        p.emailOn ? 1 : 0,
        p.zaloOn ? 1 : 0,
        p.reminders ? 1 : 0,
      );
    },
    async zaloChats(rosterId) {
      const rows = await all(
        // '*': linked from a member's link across every roster.
        "SELECT member_id, chat_id FROM zalo_links WHERE roster_id IN (?, '*') ORDER BY roster_id",
        rosterId,
      );
      return new Map(rows.map((row) => [String(row.member_id), String(row.chat_id)]));
    },
    async saveLinkCode(code, rosterId, memberId, expiresAt) {
      await db.batch([
        db
          .prepare('DELETE FROM zalo_link_codes WHERE roster_id = ? AND member_id = ?')
          .bind(rosterId, memberId),
        db
          .prepare(
            'INSERT INTO zalo_link_codes (code, roster_id, member_id, expires_at) VALUES (?, ?, ?, ?)',
          )
          .bind(code, rosterId, memberId, expiresAt),
      ]);
    },
    async linkZalo(code, chatId, now) {
      const row = await db
        .prepare('SELECT * FROM zalo_link_codes WHERE code = ? AND expires_at > ?')
        .bind(code, now)
        .first<Row>();
      if (!row) return null;
      const rosterId = String(row.roster_id);
      const memberId = String(row.member_id);
      await db.batch([
        db.prepare('DELETE FROM zalo_link_codes WHERE code = ?').bind(code),
        db
          .prepare(
            `INSERT INTO zalo_links (roster_id, member_id, chat_id, linked_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (roster_id, member_id) DO UPDATE SET chat_id = excluded.chat_id, linked_at = excluded.linked_at`,
          )
          .bind(rosterId, memberId, chatId, now),
      ]);
      return { rosterId, memberId };
    },
    async unlinkZalo(chatId) {
      return changes('DELETE FROM zalo_links WHERE chat_id = ?', chatId);
    },
  };
}
