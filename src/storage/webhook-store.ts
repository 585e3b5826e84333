/** A roster's webhooks (migrations 0008 and 0013): their endpoints and secrets, and how their calls have gone. */
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

/**
 * The outcome of one call: a failure pauses the webhook when its run of failures began at or before `cutoff` and
 * counts `minFailures` attempts or more (this one included).
 */
export type WebhookResult =
  | { ok: true }
  | { ok: false; error: string; now: string; cutoff: string; minFailures: number };

export interface WebhookStore {
  webhooks(rosterId: string): Promise<(WebhookRecord & { secret: string })[]>;
  addWebhook(record: WebhookRecord, secret: string): Promise<void>;
  deleteWebhook(rosterId: string, id: string): Promise<boolean>;
  /** Counts a call's outcome; answers true when this failure paused the webhook. */
  recordWebhookResult(id: string, result: WebhookResult): Promise<boolean>;
  /** Calls a paused webhook again, its run of failures forgotten; false when it was not paused. */
  enableWebhook(rosterId: string, id: string): Promise<boolean>;
}

type Row = Record<string, SqlValue>;
const text = (value: SqlValue | undefined) =>
  value === null || value === undefined ? null : String(value);

/** Runs one statement of `db`; answers how many rows it changed. */
export const changesOf =
  (db: SqlDatabase) =>
  async (sql: string, ...values: SqlValue[]): Promise<number> =>
    (
      await db
        .prepare(sql)
        .bind(...values)
        .run()
    ).meta.changes;

export function createWebhookStore(db: SqlDatabase): WebhookStore {
  const changes = changesOf(db);
  return {
    async webhooks(rosterId) {
      const { results: rows } = await db
        .prepare('SELECT * FROM notice_webhooks WHERE roster_id = ? ORDER BY created_at, id')
        .bind(rosterId)
        .all<Row>();
      return rows.map((row) => ({
        id: String(row.id),
        rosterId: String(row.roster_id),
        url: String(row.url),
        events: JSON.parse(String(row.events)) as string[],
        secret: String(row.secret),
        createdAt: String(row.created_at),
        failingSince: text(row.failing_since),
        failures: Number(row.failures),
        lastError: text(row.last_error),
        disabledAt: text(row.disabled_at),
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
  };
}
