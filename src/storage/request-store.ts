/**
 * Staff requests (migration 0011). A move between states is a conditional UPDATE on the state read before, and its
 * audit entry lands only where that UPDATE did (the row then holds the new state with this very stamp), so two
 * people deciding the same request at once cannot both win.
 */
import type { RequestState, StaffRequest } from '../domain/staff-request.ts';
import type { RequestNoticeEvent } from '../domain/request-notice-text.ts';
import type { GuardedStatement } from './guarded-write.ts';
import { requestNoticeStatement } from './request-notice-store.ts';
import type { SqlDatabase, SqlValue } from './sql.ts';
import {
  type AuditInput,
  conditionalAuditStatement,
  plainAuditStatement,
  type Stamp,
} from './statements.ts';

type Row = Record<string, SqlValue>;

export interface RequestMove {
  id: string;
  from: RequestState;
  to: RequestState;
  decisionReason?: string | null;
  factId?: string | null;
}

export interface RequestStore {
  /** Stores a new request; with `notice`, its notice row in the same batch. */
  insert(request: StaffRequest, stamp: Stamp, notice?: RequestNoticeEvent): Promise<void>;
  get(id: string): Promise<StaffRequest | null>;
  list(filter: {
    rosterId?: string;
    memberIds?: readonly string[];
    states?: readonly RequestState[];
  }): Promise<StaffRequest[]>;
  /**
   * False when the request was no longer in `move.from` (someone else moved it first). `notice` lands only with the
   * move, as its audit entry does.
   */
  move(
    move: RequestMove,
    audit: AuditInput,
    stamp: Stamp,
    notice?: RequestNoticeEvent,
  ): Promise<boolean>;
  /** Links an approved request to the absence or swap its approval recorded (with `notice`, in one batch). */
  setFact(
    id: string,
    factId: string,
    notice?: { event: RequestNoticeEvent; now: string },
  ): Promise<void>;
}

const text = (value: SqlValue | undefined) =>
  value === null || value === undefined ? null : String(value);

function toRequest(row: Row): StaffRequest {
  return {
    id: String(row.id),
    rosterId: String(row.roster_id),
    memberId: String(row.member_id),
    colleagueId: text(row.colleague_id),
    detail: JSON.parse(String(row.detail)),
    state: row.state as RequestState,
    decisionReason: text(row.decision_reason),
    decidedBy: text(row.decided_by),
    factId: text(row.fact_id),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

const MOVE_SQL = `UPDATE staff_requests SET state = ?, decision_reason = coalesce(?, decision_reason),
  decided_by = ?, fact_id = coalesce(?, fact_id), updated_at = ? WHERE id = ? AND state = ?`;

function moveValues(move: RequestMove, stamp: Stamp): SqlValue[] {
  const decided = move.to === 'approved' || move.to === 'declined';
  return [
    move.to,
    move.decisionReason ?? null,
    decided ? stamp.actor.name : null,
    move.factId ?? null,
    stamp.now,
    move.id,
    move.from,
  ];
}

/** The move as a statement of a guarded roster write (an approval lands with the fact it records). */
export function moveStatement(move: RequestMove, stamp: Stamp): GuardedStatement {
  return { sql: `${MOVE_SQL} AND :guard`, values: moveValues(move, stamp) };
}

export function createRequestStore(db: SqlDatabase): RequestStore {
  return {
    async insert(request, stamp, notice) {
      await db.batch([
        db
          .prepare(
            `INSERT INTO staff_requests (id, roster_id, member_id, kind, detail, colleague_id, state, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            request.id,
            request.rosterId,
            request.memberId,
            request.detail.kind,
            JSON.stringify(request.detail),
            request.colleagueId,
            request.state,
            request.createdAt,
            request.updatedAt,
          ),
        plainAuditStatement(
          db,
          {
            action: 'request.create',
            rosterId: request.rosterId,
            entity: 'request',
            entityId: request.id,
            after: request,
          },
          stamp,
        ),
        ...(notice ? [requestNoticeStatement(db, notice, stamp.now)] : []),
      ]);
    },
    async get(id) {
      const row = await db
        .prepare('SELECT * FROM staff_requests WHERE id = ?')
        .bind(id)
        .first<Row>();
      return row ? toRequest(row) : null;
    },
    async list({ rosterId, memberIds, states }) {
      const where: string[] = [];
      const values: SqlValue[] = [];
      if (rosterId !== undefined) {
        where.push('roster_id = ?');
        values.push(rosterId);
      }
      if (memberIds) {
        const marks = memberIds.map(() => '?').join(', ');
        where.push(`(member_id IN (${marks}) OR colleague_id IN (${marks}))`);
        values.push(...memberIds, ...memberIds);
      }
      if (states) {
        where.push(`state IN (${states.map(() => '?').join(', ')})`);
        values.push(...states);
      }
      const sql = `SELECT * FROM staff_requests ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT 200`;
      const { results } = await db
        .prepare(sql)
        .bind(...values)
        .all<Row>();
      return results.map(toRequest);
    },
    async move(move, audit, stamp, notice) {
      const landed = {
        sql: 'EXISTS (SELECT 1 FROM staff_requests WHERE id = ? AND state = ? AND updated_at = ?)',
        values: [move.id, move.to, stamp.now],
      };
      const [moved] = await db.batch([
        db.prepare(MOVE_SQL).bind(...moveValues(move, stamp)),
        conditionalAuditStatement(db, audit, stamp, landed.sql, landed.values),
        ...(notice ? [requestNoticeStatement(db, notice, stamp.now, landed)] : []),
      ]);
      return (moved?.meta.changes ?? 0) === 1;
    },
    async setFact(id, factId, notice) {
      await db.batch([
        db.prepare('UPDATE staff_requests SET fact_id = ? WHERE id = ?').bind(factId, id),
        ...(notice ? [requestNoticeStatement(db, notice.event, notice.now)] : []),
      ]);
    },
  };
}
