/** What the calendar push keeps: records of remote events, the outbox of pending changes, and per-roster state. */
import type { ShareRecord, SyncRecord } from '../domain/sync-plan.ts';
import type { GuardedStatement } from './guarded-write.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';
import {
  createWithdrawalQueries,
  toSyncRecord,
  type WithdrawalQueries,
} from './sync-withdrawals.ts';

export interface OutboxSummary {
  rosterId: string;
  maxSeq: number;
  count: number;
}

export interface SyncState {
  provider: string;
  rosterId: string;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastResult: Record<string, number> | null;
  lastError: string | null;
  blocked: boolean;
  progress: { done: number; total: number } | null;
}

/** A record as written: the same fields the planner reads back. */
export type RecordWrite = SyncRecord;

export interface SyncStore extends WithdrawalQueries {
  records(provider: string, rosterId: string): Promise<SyncRecord[]>;
  saveRecords(
    provider: string,
    rosterId: string,
    writes: readonly RecordWrite[],
    now: string,
  ): Promise<void>;
  pendingRosters(): Promise<OutboxSummary[]>;
  /** One roster's queued changes; null when it has none. */
  pendingOf(rosterId: string): Promise<OutboxSummary | null>;
  clearOutbox(rosterId: string, upToSeq: number): Promise<void>;
  enqueue(
    rosterId: string,
    slotKeys: readonly (string | null)[],
    reason: string,
    now: string,
  ): Promise<void>;
  /** Queues every roster whole, in one statement (a holiday edit); answers how many were queued. */
  enqueueEveryRoster(reason: string, now: string): Promise<number>;
  state(provider: string, rosterId: string): Promise<SyncState | null>;
  allStates(): Promise<SyncState[]>;
  saveState(state: SyncState): Promise<void>;
  shares(provider: string, rosterId: string): Promise<ShareRecord[]>;
  saveShares(
    provider: string,
    rosterId: string,
    calendarId: string,
    shares: readonly ShareRecord[],
  ): Promise<void>;
}

/** Outbox rows that land with a guarded change (see guarded-write.ts): a change is never pushed without its row. */
export function enqueueStatements(
  rosterId: string,
  slotKeys: readonly (string | null)[],
  reason: string,
  now: string,
): GuardedStatement[] {
  return slotKeys.map((slotKey) => ({
    sql: 'INSERT INTO sync_outbox (roster_id, slot_key, reason, enqueued_at) SELECT ?, ?, ?, ? WHERE :guard',
    values: [rosterId, slotKey, reason, now],
  }));
}

type Row = Record<string, SqlValue>;
const json = <T>(value: SqlValue | undefined): T | null =>
  value === null || value === undefined ? null : (JSON.parse(String(value)) as T);

export function createSyncStore(db: SqlDatabase): SyncStore {
  const enqueueOne = (
    rosterId: string,
    slotKey: string | null,
    reason: string,
    now: string,
  ): SqlStatement =>
    db
      .prepare(
        'INSERT INTO sync_outbox (roster_id, slot_key, reason, enqueued_at) VALUES (?, ?, ?, ?)',
      )
      .bind(rosterId, slotKey, reason, now);
  const toState = (row: Row): SyncState => ({
    provider: String(row.provider),
    rosterId: String(row.roster_id),
    lastStartedAt: row.last_started_at === null ? null : String(row.last_started_at),
    lastFinishedAt: row.last_finished_at === null ? null : String(row.last_finished_at),
    lastResult: json(row.last_result),
    lastError: row.last_error === null ? null : String(row.last_error),
    blocked: Boolean(row.blocked),
    progress: json(row.progress),
  });

  return {
    ...createWithdrawalQueries(db),
    async records(provider, rosterId) {
      const { results } = await db
        .prepare('SELECT * FROM sync_records WHERE provider = ? AND roster_id = ?')
        .bind(provider, rosterId)
        .all<Row>();
      return results.map(toSyncRecord);
    },
    async saveRecords(provider, rosterId, writes, now) {
      if (writes.length === 0) return;
      await db.batch(
        writes.map((write) =>
          db
            .prepare(
              `INSERT INTO sync_records (provider, roster_id, slot_key, date, remote_id, etag, content_hash, state, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (provider, slot_key) DO UPDATE SET date = excluded.date, remote_id = excluded.remote_id,
                 etag = excluded.etag, content_hash = excluded.content_hash, state = excluded.state, updated_at = excluded.updated_at`,
            )
            .bind(
              provider,
              rosterId,
              write.slotKey,
              write.date,
              write.remoteId,
              write.etag,
              write.contentHash,
              write.state,
              now,
            ),
        ),
      );
    },
    async pendingRosters() {
      const { results } = await db
        .prepare(
          'SELECT roster_id, MAX(seq) AS max_seq, COUNT(*) AS count FROM sync_outbox GROUP BY roster_id ORDER BY MIN(seq)',
        )
        .all<Row>();
      return results.map((row) => ({
        rosterId: String(row.roster_id),
        maxSeq: Number(row.max_seq),
        count: Number(row.count),
      }));
    },
    async pendingOf(rosterId) {
      const row = await db
        .prepare(
          'SELECT MAX(seq) AS max_seq, COUNT(*) AS count FROM sync_outbox WHERE roster_id = ?',
        )
        .bind(rosterId)
        .first<Row>();
      return row && Number(row.count) > 0
        ? { rosterId, maxSeq: Number(row.max_seq), count: Number(row.count) }
        : null;
    },
    async clearOutbox(rosterId, upToSeq) {
      await db
        .prepare('DELETE FROM sync_outbox WHERE roster_id = ? AND seq <= ?')
        .bind(rosterId, upToSeq)
        .run();
    },
    async enqueue(rosterId, slotKeys, reason, now) {
      if (slotKeys.length > 0)
        await db.batch(slotKeys.map((slotKey) => enqueueOne(rosterId, slotKey, reason, now)));
    },
    async enqueueEveryRoster(reason, now) {
      const { meta } = await db
        .prepare(
          'INSERT INTO sync_outbox (roster_id, slot_key, reason, enqueued_at) SELECT id, NULL, ?, ? FROM rosters',
        )
        .bind(reason, now)
        .run();
      return meta.changes;
    },
    async state(provider, rosterId) {
      const row = await db
        .prepare('SELECT * FROM sync_state WHERE provider = ? AND roster_id = ?')
        .bind(provider, rosterId)
        .first<Row>();
      return row ? toState(row) : null;
    },
    async allStates() {
      const { results } = await db
        .prepare('SELECT * FROM sync_state ORDER BY roster_id, provider')
        .all<Row>();
      return results.map(toState);
    },
    async shares(provider, rosterId) {
      const { results } = await db
        .prepare(
          'SELECT account, remote_id FROM sync_shares WHERE provider = ? AND roster_id = ? ORDER BY account',
        )
        .bind(provider, rosterId)
        .all<Row>();
      return results.map((row) => ({
        account: String(row.account),
        remoteId: String(row.remote_id),
      }));
    },
    async saveShares(provider, rosterId, calendarId, shares) {
      await db.batch([
        db
          .prepare('DELETE FROM sync_shares WHERE provider = ? AND roster_id = ?')
          .bind(provider, rosterId),
        ...shares.map((share) =>
          db
            .prepare(
              'INSERT INTO sync_shares (provider, roster_id, calendar_id, account, remote_id) VALUES (?, ?, ?, ?, ?)',
            )
            .bind(provider, rosterId, calendarId, share.account, share.remoteId),
        ),
      ]);
    },
    async saveState(state) {
      await db
        .prepare(
          `INSERT INTO sync_state (provider, roster_id, last_started_at, last_finished_at, last_result, last_error, blocked, progress)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (provider, roster_id) DO UPDATE SET last_started_at = excluded.last_started_at,
             last_finished_at = excluded.last_finished_at, last_result = excluded.last_result, last_error = excluded.last_error,
             blocked = excluded.blocked, progress = excluded.progress`,
        )
        .bind(
          state.provider,
          state.rosterId,
          state.lastStartedAt,
          state.lastFinishedAt,
          state.lastResult && JSON.stringify(state.lastResult),
          state.lastError,
          state.blocked ? 1 : 0,
          state.progress && JSON.stringify(state.progress),
        )
        .run();
    },
  };
}
