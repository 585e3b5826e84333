/**
 * The outbox of staff-request notices (migration 0013): a row per (request, step), written in the same batch as the
 * request's change with the request as the step left it; the notice worker turns each into deliveries and deletes
 * it in one batch. A row lands only where the change did (the same condition as the change's audit entry).
 */
import type { RequestNoticeEvent, RequestStep } from '../domain/request-notice-text.ts';
import type { RequestState } from '../domain/staff-request.ts';
import { insertDelivery, type NewDelivery } from './notice-store.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export interface PendingRequestNotice extends RequestNoticeEvent {
  rosterId: string;
  enqueuedAt: string;
}

export interface RequestNoticeStore {
  pending(limit: number): Promise<PendingRequestNotice[]>;
  /** Inserts the deliveries (ids already there are ignored) and removes the step's row, in one batch. */
  plan(event: PendingRequestNotice, deliveries: readonly NewDelivery[]): Promise<void>;
}

const INSERT = `INSERT OR IGNORE INTO notice_request_events (request_id, step, roster_id, request, enqueued_at)
  SELECT ?, ?, ?, ?, ?`;

/** The row of `event`, landing only where `condition` (with its own placeholders) holds, when given. */
export function requestNoticeStatement(
  db: SqlDatabase,
  event: RequestNoticeEvent,
  now: string,
  condition?: { sql: string; values: SqlValue[] },
): SqlStatement {
  const { request } = event;
  const payload = JSON.stringify({ request, before: event.before });
  const values: SqlValue[] = [request.id, event.step, request.rosterId, payload, now];
  return condition
    ? db.prepare(`${INSERT} WHERE ${condition.sql}`).bind(...values, ...condition.values)
    : db.prepare(INSERT).bind(...values);
}

export function createRequestNoticeStore(db: SqlDatabase): RequestNoticeStore {
  return {
    async pending(limit) {
      const { results } = await db
        .prepare('SELECT * FROM notice_request_events ORDER BY enqueued_at, request_id LIMIT ?')
        .bind(limit)
        .all<Record<string, SqlValue>>();
      return results.map((row) => {
        const payload = JSON.parse(String(row.request)) as Omit<RequestNoticeEvent, 'step'>;
        return {
          step: row.step as RequestStep,
          request: payload.request,
          before: (payload.before ?? null) as RequestState | null,
          rosterId: String(row.roster_id),
          enqueuedAt: String(row.enqueued_at),
        };
      });
    },
    async plan(event, deliveries) {
      await db.batch([
        ...deliveries.map((delivery) => insertDelivery(db, delivery)),
        db
          .prepare('DELETE FROM notice_request_events WHERE request_id = ? AND step = ?')
          .bind(event.request.id, event.step),
      ]);
    },
  };
}
