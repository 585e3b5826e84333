/**
 * The notice outbox: slot changes written with the change itself, and deliveries, one per (notice, recipient,
 * channel). Planning inserts deliveries and deletes the changes it used in one batch; sending claims a row
 * ('sending', with a lease and an attempt id) before the message leaves, and records the outcome after.
 */
import type { SlotChange } from '../domain/slot-diff.ts';
import type { GuardedStatement } from './guarded-write.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export type NoticeChannelName = 'email' | 'zalo' | 'webhook';
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

export interface PendingChange {
  seq: number;
  rosterId: string;
  change: SlotChange;
  enqueuedAt: string;
}

export interface NewDelivery {
  id: string;
  rosterId: string;
  noticeId: string;
  kind: string;
  channel: NoticeChannelName;
  recipient: string;
  address: string;
  subject: string;
  /** JSON: `{ text, html }` for people, the event for webhooks. */
  body: string;
  urgent: boolean;
  nextAt: string;
  createdAt: string;
}

export interface Delivery extends NewDelivery {
  status: DeliveryStatus;
  attempts: number;
  attemptId: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export type DeliveryOutcome =
  | { status: 'delivered' }
  | { status: 'retry'; error: string; nextAt: string }
  | { status: 'failed'; error: string };

export interface NoticeStore {
  pendingChanges(): Promise<PendingChange[]>;
  /** Inserts the deliveries (ignoring ids already there) and deletes the roster's changes up to `upToSeq`. */
  plan(rosterId: string, upToSeq: number, deliveries: readonly NewDelivery[]): Promise<void>;
  due(now: string, limit: number): Promise<Delivery[]>;
  /** Marks a due row as being sent; false when another worker took it first. */
  claim(id: string, attemptId: string, leaseUntil: string, now: string): Promise<boolean>;
  finish(id: string, outcome: DeliveryOutcome, now: string): Promise<void>;
  list(filter: { rosterId: string; limit: number }): Promise<Delivery[]>;
  get(id: string): Promise<Delivery | null>;
  /** Sends a delivered or failed notice again, as a new attempt. */
  resend(id: string, now: string): Promise<boolean>;
}

/** Rows that land with a guarded change (see guarded-write.ts): a change never lands without its notice rows. */
export function noticeChangeStatements(
  rosterId: string,
  changes: readonly SlotChange[],
  now: string,
): GuardedStatement[] {
  return changes.map((change) => ({
    sql: 'INSERT INTO notice_changes (roster_id, slot_key, before, after, enqueued_at) SELECT ?, ?, ?, ?, ? WHERE :guard',
    values: [
      rosterId,
      change.key,
      change.before && JSON.stringify(change.before),
      change.after && JSON.stringify(change.after),
      now,
    ],
  }));
}

type Row = Record<string, SqlValue>;
const text = (value: SqlValue | undefined) =>
  value === null || value === undefined ? null : String(value);

function toDelivery(row: Row): Delivery {
  return {
    id: String(row.id),
    rosterId: String(row.roster_id),
    noticeId: String(row.notice_id),
    kind: String(row.kind),
    channel: row.channel as NoticeChannelName,
    recipient: String(row.recipient),
    address: String(row.address),
    subject: String(row.subject),
    body: String(row.body),
    urgent: Boolean(row.urgent),
    nextAt: String(row.next_at),
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    attemptId: text(row.attempt_id),
    lastError: text(row.last_error),
    createdAt: String(row.created_at),
    deliveredAt: text(row.delivered_at),
  };
}

const INSERT = `INSERT OR IGNORE INTO notice_deliveries (id, roster_id, notice_id, kind, channel, recipient, address,
  subject, body, urgent, status, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`;

/** A delivery row, unless one with its id is already there (planning again inserts nothing). */
export function insertDelivery(db: SqlDatabase, d: NewDelivery): SqlStatement {
  return db
    .prepare(INSERT)
    .bind(
      d.id,
      d.rosterId,
      d.noticeId,
      d.kind,
      d.channel,
      d.recipient,
      d.address,
      d.subject,
      d.body,
      d.urgent ? 1 : 0,
      d.nextAt,
      d.createdAt,
    );
}

export function createNoticeStore(db: SqlDatabase): NoticeStore {
  return {
    async pendingChanges() {
      const { results } = await db.prepare('SELECT * FROM notice_changes ORDER BY seq').all<Row>();
      return results.map((row) => ({
        seq: Number(row.seq),
        rosterId: String(row.roster_id),
        enqueuedAt: String(row.enqueued_at),
        change: {
          key: String(row.slot_key),
          before: row.before === null ? null : JSON.parse(String(row.before)),
          after: row.after === null ? null : JSON.parse(String(row.after)),
        },
      }));
    },
    async plan(rosterId, upToSeq, deliveries) {
      await db.batch([
        ...deliveries.map((d) => insertDelivery(db, d)),
        db
          .prepare('DELETE FROM notice_changes WHERE roster_id = ? AND seq <= ?')
          .bind(rosterId, upToSeq),
      ]);
    },
    async due(now, limit) {
      const { results } = await db
        .prepare(
          `SELECT * FROM notice_deliveries WHERE status IN ('pending', 'sending') AND next_at <= ?
           ORDER BY urgent DESC, next_at LIMIT ?`,
        )
        .bind(now, limit)
        .all<Row>();
      return results.map(toDelivery);
    },
    async claim(id, attemptId, leaseUntil, now) {
      const result = await db
        .prepare(
          `UPDATE notice_deliveries SET status = 'sending', attempts = attempts + 1,
             attempt_id = COALESCE(attempt_id, ?), next_at = ?
           WHERE id = ? AND status IN ('pending', 'sending') AND next_at <= ?`,
        )
        .bind(attemptId, leaseUntil, id, now)
        .run();
      return result.meta.changes === 1;
    },
    async finish(id, outcome, now) {
      const [status, nextAt, error] =
        outcome.status === 'retry'
          ? ['pending', outcome.nextAt, outcome.error]
          : [outcome.status, now, outcome.status === 'failed' ? outcome.error : null];
      await db
        .prepare(
          `UPDATE notice_deliveries SET status = ?, next_at = ?, last_error = ?,
             delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ?`,
        )
        .bind(status, nextAt, error, status, now, id)
        .run();
    },
    async list({ rosterId, limit }) {
      const { results } = await db
        .prepare(
          'SELECT * FROM notice_deliveries WHERE roster_id = ? ORDER BY created_at DESC, id LIMIT ?',
        )
        .bind(rosterId, limit)
        .all<Row>();
      return results.map(toDelivery);
    },
    async get(id) {
      const row = await db
        .prepare('SELECT * FROM notice_deliveries WHERE id = ?')
        .bind(id)
        .first<Row>();
      return row ? toDelivery(row) : null;
    },
    async resend(id, now) {
      const result = await db
        .prepare(
          `UPDATE notice_deliveries SET status = 'pending', attempts = 0, attempt_id = NULL, next_at = ?,
             last_error = NULL WHERE id = ? AND status IN ('delivered', 'failed')`,
        )
        .bind(now, id)
        .run();
      return result.meta.changes === 1;
    },
  };
}
