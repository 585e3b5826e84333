/**
 * Withdrawals: what a deleted roster pushed to a provider, still to be taken back. The row is written with the
 * deletion (guarded, in the same batch) and removed, with the roster's share records and sync state, once the
 * calendar holds nothing lichtruc wrote for it. Its event records stay behind as tombstones (state `deleted`): they
 * carry each slot's last remote identity, so a roster created again under the same id never reuses it.
 */
import type { SyncRecord } from '../domain/sync-plan.ts';
import type { GuardedStatement } from './guarded-write.ts';
import type { SqlDatabase, SqlValue } from './sql.ts';

/** Where the roster's events went: the provider's target as it was when the roster was deleted. */
export interface WithdrawalTarget {
  rosterId: string;
  calendarId: string;
  mailbox?: string | undefined;
  timeZone: string;
}

export interface Withdrawal {
  provider: string;
  rosterId: string;
  target: WithdrawalTarget;
  requestedAt: string;
}

export interface WithdrawalQueries {
  withdrawals(): Promise<Withdrawal[]>;
  /**
   * The events to delete: present when the roster was deleted and not written since (a roster created again under
   * the same id keeps what its own sync wrote).
   */
  recordsToWithdraw(withdrawal: Withdrawal): Promise<SyncRecord[]>;
  /** The withdrawal is done: forget it, with the shares and the sync state of its roster at that provider. */
  finishWithdrawal(provider: string, rosterId: string): Promise<void>;
}

/**
 * A withdrawal per provider the roster published to, recorded only where lichtruc has something there to take back
 * (a present event or a share), so a roster that never reached a calendar leaves nothing pending.
 */
export function withdrawStatements(
  targets: readonly { provider: string; target: WithdrawalTarget }[],
  now: string,
): GuardedStatement[] {
  return targets.map(({ provider, target }) => ({
    sql: `INSERT INTO sync_withdrawals (provider, roster_id, target, requested_at)
          SELECT ?, ?, ?, ? WHERE (
            EXISTS (SELECT 1 FROM sync_records WHERE provider = ? AND roster_id = ? AND state = 'present')
            OR EXISTS (SELECT 1 FROM sync_shares WHERE provider = ? AND roster_id = ?)
          ) AND :guard
          ON CONFLICT (provider, roster_id) DO UPDATE SET target = excluded.target, requested_at = excluded.requested_at`,
    values: [
      provider,
      target.rosterId,
      JSON.stringify(target),
      now,
      provider,
      target.rosterId,
      provider,
      target.rosterId,
    ],
  }));
}

type Row = Record<string, SqlValue>;

/** A `sync_records` row as the planner reads it. */
export const toSyncRecord = (row: Row): SyncRecord => ({
  slotKey: String(row.slot_key),
  date: String(row.date),
  remoteId: String(row.remote_id),
  etag: row.etag === null ? null : String(row.etag),
  contentHash: String(row.content_hash),
  state: row.state as SyncRecord['state'],
});

export function createWithdrawalQueries(db: SqlDatabase): WithdrawalQueries {
  return {
    async withdrawals() {
      const { results } = await db
        .prepare('SELECT * FROM sync_withdrawals ORDER BY requested_at, roster_id, provider')
        .all<Row>();
      return results.map((row) => ({
        provider: String(row.provider),
        rosterId: String(row.roster_id),
        target: JSON.parse(String(row.target)) as WithdrawalTarget,
        requestedAt: String(row.requested_at),
      }));
    },
    async recordsToWithdraw({ provider, rosterId, requestedAt }) {
      const { results } = await db
        .prepare(
          `SELECT * FROM sync_records WHERE provider = ? AND roster_id = ? AND state = 'present'
             AND updated_at <= ? ORDER BY date`,
        )
        .bind(provider, rosterId, requestedAt)
        .all<Row>();
      return results.map(toSyncRecord);
    },
    async finishWithdrawal(provider, rosterId) {
      await db.batch(
        ['sync_withdrawals', 'sync_shares', 'sync_state'].map((table) =>
          db
            .prepare(`DELETE FROM ${table} WHERE provider = ? AND roster_id = ?`)
            .bind(provider, rosterId),
        ),
      );
    },
  };
}
