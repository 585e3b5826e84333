/** Who hears about a roster, and how: webhooks, admin and group contacts, members' preferences and Zalo links. */
import type { SqlDatabase, SqlValue } from './sql.ts';
import { changesOf, createWebhookStore, type WebhookStore } from './webhook-store.ts';

export type { WebhookRecord } from './webhook-store.ts';

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

export interface NoticeSettingsStore extends WebhookStore {
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
  const changes = changesOf(db);
  return {
    ...createWebhookStore(db),
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
