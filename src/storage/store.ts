/**
 * The one store of lichtruc, written once against the D1-shaped SQL port: reads return plain records, and writes
 * that change a roster go through `commit`, which applies guarded statements atomically or reports a conflict.
 */
import { type AccountStore, createAccountStore } from './account-store.ts';
import { type AuthFailureStore, createAuthFailureStore } from './auth-failure-store.ts';
import { createSignInLinkStore, type SignInLinkStore } from './sign-in-link-store.ts';
import { type BudgetStore, createBudgetStore } from './budget-store.ts';
import { type CalendarFileStore, createCalendarFileStore } from './calendar-file-store.ts';
import { createFeedStore, type FeedStore } from './feed-store.ts';
import { type GuardedStatement, guardedWrite, type RosterGuard } from './guarded-write.ts';
import { createHolidayNoticeStore, type HolidayNoticeStore } from './holiday-notice-store.ts';
import { createHolidayStore, type HolidayStore } from './holiday-store.ts';
import { createMonthStore, type MonthStore } from './month-store.ts';
import { createNoticeSettingsStore, type NoticeSettingsStore } from './notice-settings-store.ts';
import { createNoticeStore, type NoticeStore } from './notice-store.ts';
import type { AuditRecord, StoredFacts, StoredRoster, UnreadableRoster } from './records.ts';
import { readable, toStoredRoster, unreadable } from './roster-rows.ts';
import { createRequestNoticeStore, type RequestNoticeStore } from './request-notice-store.ts';
import { createRequestStore, type RequestStore } from './request-store.ts';
import { createSessionStore, type SessionStore } from './session-store.ts';
import type { SqlDatabase, SqlValue } from './sql.ts';
import { plainAuditStatement, type Stamp } from './statements.ts';
import { createSyncStore, type SyncStore } from './sync-store.ts';

type Row = Record<string, SqlValue>;

export interface Store {
  db: SqlDatabase;
  /** Every roster that reads; one whose stored definition no longer does is in `unreadableRosters` instead. */
  listRosters(): Promise<StoredRoster[]>;
  /** Throws UnreadableRosterError when the stored definition no longer reads. */
  getRoster(id: string): Promise<StoredRoster | null>;
  /** The rosters whose stored definition no longer reads as a roster, and why. */
  unreadableRosters(): Promise<UnreadableRoster[]>;
  /** The rosters whose definition names `memberId` (one indexed-free scan of the text, parsing only those). */
  rostersWithMember(memberId: string): Promise<StoredRoster[]>;
  /** Every roster's id and name, without parsing definitions (thousands of them cost seconds of CPU). */
  rosterNames(): Promise<{ id: string; name: string }[]>;
  /** Rosters defined by files, without parsing their definitions (start-up compares paths only). */
  fileRosters(): Promise<{ id: string; sourcePath: string | null; fileMissing: boolean }[]>;
  factsOf(rosterId: string): Promise<StoredFacts>;
  /** Applies the statements if `guard` still holds; false when someone else changed the roster first. */
  commit(
    guard: RosterGuard,
    now: string,
    statements: readonly GuardedStatement[],
  ): Promise<boolean>;
  insertRoster(
    stored: Omit<StoredRoster, 'version' | 'factsVersion' | 'fileMissing' | 'updatedAt'>,
    stamp: Stamp,
  ): Promise<void>;
  setFileMissing(ids: readonly string[], missing: boolean): Promise<void>;
  audit(filter: {
    rosterId?: string | undefined;
    actor?: string | undefined;
    limit: number;
    before?: number | undefined;
  }): Promise<AuditRecord[]>;
  setting(key: string): Promise<string | null>;
  /**
   * Writes and removes a row of a few pages in one transaction (readiness): throws StorageWriteError when the
   * database cannot be written; leaves the data as it was.
   */
  probeWrite(): Promise<void>;
  putSetting(key: string, value: string): Promise<void>;
  feeds: FeedStore;
  holidays: HolidayStore;
  /** Closed months: locked duty records and their corrections. */
  months: MonthStore;
  sync: SyncStore;
  /** Admin web sessions. */
  sessions: SessionStore;
  /** Write budgets of the calendar push, per principal. */
  budgets: BudgetStore;
  /** Change notices: the outbox and its deliveries. */
  notices: NoticeStore;
  /** Holiday edits waiting to be turned into each roster's notice rows. */
  holidayNotices: HolidayNoticeStore;
  /** Who hears about a roster: webhooks, contacts, preferences, Zalo links. */
  noticeSettings: NoticeSettingsStore;
  /** Staff requests (absences and swaps officers ask for). */
  requests: RequestStore;
  /** Notices of staff requests waiting to be planned (their outbox). */
  requestNotices: RequestNoticeStore;
  /** Accounts, their roles and API tokens. */
  accounts: AccountStore;
  /** Failed sign-ins and bad tokens, for rate limiting. */
  authFailures: AuthFailureStore;
  /** One-time sign-in links sent by e-mail. */
  signInLinks: SignInLinkStore;
  /** The calendars/ files last applied (Node start-up). */
  calendarFiles: CalendarFileStore;
}

const PROBE_KEY = 'readiness-probe';

const optional = (value: SqlValue | undefined) =>
  value === null || value === undefined ? undefined : String(value);
const authored = (row: Row) => ({
  id: String(row.id),
  rosterId: String(row.roster_id),
  createdAt: String(row.created_at),
  createdBy: String(row.created_by),
  note: optional(row.note),
});
const slotRef = (date: SqlValue | undefined, position: SqlValue | undefined) => ({
  date: String(date),
  position: optional(position) as 'primary' | 'backup' | undefined,
});

export function createStore(db: SqlDatabase): Store {
  const rows = async (sql: string, ...values: SqlValue[]) =>
    (
      await db
        .prepare(sql)
        .bind(...values)
        .all<Row>()
    ).results;
  return {
    db,
    feeds: createFeedStore(db),
    holidays: createHolidayStore(db),
    months: createMonthStore(db),
    sync: createSyncStore(db),
    sessions: createSessionStore(db),
    budgets: createBudgetStore(db),
    notices: createNoticeStore(db),
    holidayNotices: createHolidayNoticeStore(db),
    noticeSettings: createNoticeSettingsStore(db),
    requests: createRequestStore(db),
    requestNotices: createRequestNoticeStore(db),
    accounts: createAccountStore(db),
    authFailures: createAuthFailureStore(db),
    signInLinks: createSignInLinkStore(db),
    calendarFiles: createCalendarFileStore(db),
    async listRosters() {
      return readable(await rows('SELECT * FROM rosters ORDER BY id'));
    },
    async unreadableRosters() {
      return unreadable(await rows('SELECT * FROM rosters ORDER BY id'));
    },
    async rostersWithMember(memberId) {
      const candidates = await rows(
        'SELECT * FROM rosters WHERE instr(definition, ?) > 0 ORDER BY id',
        JSON.stringify(memberId),
      );
      return readable(candidates).filter((stored) =>
        stored.roster.members.some((member) => member.id === memberId),
      );
    },
    async rosterNames() {
      const found = await rows(
        "SELECT id, json_extract(definition, '$.name') AS name FROM rosters ORDER BY id",
      );
      return found.map((row) => ({ id: String(row.id), name: String(row.name) }));
    },
    async fileRosters() {
      const found = await rows(
        "SELECT id, source_path, file_missing FROM rosters WHERE origin = 'file' ORDER BY id",
      );
      return found.map((row) => ({
        id: String(row.id),
        sourcePath: row.source_path === null ? null : String(row.source_path),
        fileMissing: Boolean(row.file_missing),
      }));
    },
    async getRoster(id) {
      const row = await db.prepare('SELECT * FROM rosters WHERE id = ?').bind(id).first<Row>();
      return row ? toStoredRoster(row) : null;
    },
    async factsOf(rosterId) {
      const [absences, overrides, swaps] = await Promise.all([
        rows('SELECT * FROM absences WHERE roster_id = ? ORDER BY from_date, created_at', rosterId),
        rows('SELECT * FROM overrides WHERE roster_id = ? ORDER BY date, created_at', rosterId),
        rows('SELECT * FROM swaps WHERE roster_id = ? ORDER BY first_date, created_at', rosterId),
      ]);
      return {
        absences: absences.map((row) => ({
          ...authored(row),
          memberId: String(row.member_id),
          from: String(row.from_date),
          to: String(row.to_date),
          reason: row.reason as StoredFacts['absences'][number]['reason'],
        })),
        overrides: overrides.map((row) => ({
          ...authored(row),
          ...slotRef(row.date, row.position),
          memberId: String(row.member_id),
        })),
        swaps: swaps.map((row) => ({
          ...authored(row),
          first: slotRef(row.first_date, row.first_position),
          second: slotRef(row.second_date, row.second_position),
        })),
      };
    },
    commit: (guard, now, statements) => guardedWrite(db, guard, now, statements),
    async insertRoster(stored, stamp) {
      await db.batch([
        db
          .prepare(
            `INSERT INTO rosters (id, origin, source_path, definition, definition_hash, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            stored.id,
            stored.origin,
            stored.sourcePath,
            JSON.stringify(stored.roster),
            stored.definitionHash,
            stamp.now,
            stamp.now,
          ),
        plainAuditStatement(
          db,
          {
            action: 'roster.create',
            rosterId: stored.id,
            entity: 'roster',
            entityId: stored.id,
            after: stored.roster,
          },
          stamp,
        ),
        db
          .prepare(
            "INSERT INTO sync_outbox (roster_id, slot_key, reason, enqueued_at) VALUES (?, NULL, 'roster.create', ?)",
          )
          .bind(stored.id, stamp.now),
      ]);
    },
    async setting(key) {
      const row = await db
        .prepare('SELECT value FROM settings WHERE key = ?')
        .bind(key)
        .first<{ value: string }>();
      return row?.value ?? null;
    },
    async probeWrite() {
      // Larger than a page, so the write needs room on disk like a real change does, not just a rewrite in place.
      await db.batch([
        db
          .prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
          .bind(PROBE_KEY, 'x'.repeat(8192)),
        db.prepare('DELETE FROM settings WHERE key = ?').bind(PROBE_KEY),
      ]);
    },
    async putSetting(key, value) {
      await db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .bind(key, value)
        .run();
    },
    async setFileMissing(ids, missing) {
      if (ids.length === 0) return;
      await db.batch(
        ids.map((id) =>
          db.prepare('UPDATE rosters SET file_missing = ? WHERE id = ?').bind(missing ? 1 : 0, id),
        ),
      );
    },
    async audit({ rosterId, actor, limit, before }) {
      const found = await rows(
        `SELECT * FROM audit_log WHERE (? IS NULL OR roster_id = ?) AND (? IS NULL OR actor = ?) AND (? IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?`,
        rosterId ?? null,
        rosterId ?? null,
        actor ?? null,
        actor ?? null,
        before ?? null,
        before ?? null,
        limit,
      );
      return found.map((row) => ({
        seq: Number(row.seq),
        at: String(row.at),
        actor: String(row.actor),
        action: String(row.action),
        rosterId: row.roster_id === null ? null : String(row.roster_id),
        entity: String(row.entity),
        entityId: row.entity_id === null ? null : String(row.entity_id),
        before: row.before === null ? null : JSON.parse(String(row.before)),
        after: row.after === null ? null : JSON.parse(String(row.after)),
        requestId: row.request_id === null ? null : String(row.request_id),
      }));
    },
  };
}
