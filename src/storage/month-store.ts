/**
 * Closed months: which months of a roster an admin has confirmed, the slots locked at confirmation, and the
 * corrections recorded since. Writes are statements for the caller's batch, so a close lands with its version bump
 * and a correction with the change it records, or neither does.
 */
import type { DutySlot } from '../domain/slot.ts';
import type { GuardedStatement } from './guarded-write.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';
import type { Stamp } from './statements.ts';

type Row = Record<string, SqlValue>;

export interface MonthClose {
  rosterId: string;
  /** `YYYY-MM`. */
  month: string;
  closedAt: string;
  closedBy: string;
  /** How many slots were locked. */
  slots: number;
}

export interface CorrectionInput {
  rosterId: string;
  month: string;
  slotKey: string;
  date: string;
  before: DutySlot | null;
  after: DutySlot | null;
  reason: string;
}

export interface MonthCorrection extends CorrectionInput {
  seq: number;
  actor: string;
  at: string;
  requestId: string | null;
}

export interface MonthStore {
  closes(rosterId: string): Promise<MonthClose[]>;
  /** Rosters with a closed month between `from` and `to` (YYYY-MM, inclusive): one query whatever their number. */
  rostersClosedBetween(from: string, to: string): Promise<string[]>;
  /** The locked slots of these months, by date and position. */
  records(rosterId: string, months: readonly string[]): Promise<DutySlot[]>;
  /** The corrections of these months, oldest first. */
  corrections(rosterId: string, months: readonly string[]): Promise<MonthCorrection[]>;
}

const slotOrNull = (value: SqlValue | undefined): DutySlot | null =>
  value === null || value === undefined ? null : (JSON.parse(String(value)) as DutySlot);
const json = (slot: DutySlot | null): SqlValue => (slot ? JSON.stringify(slot) : null);
// Months are few per request (a report spans at most ten years), so they go in as one JSON array parameter.
const IN_MONTHS = 'month IN (SELECT value FROM json_each(?))';

export function createMonthStore(db: SqlDatabase): MonthStore {
  const rows = async (sql: string, ...values: SqlValue[]) =>
    (
      await db
        .prepare(sql)
        .bind(...values)
        .all<Row>()
    ).results;
  return {
    async rostersClosedBetween(from, to) {
      const found = await rows(
        'SELECT DISTINCT roster_id FROM month_closes WHERE month BETWEEN ? AND ? ORDER BY roster_id',
        from,
        to,
      );
      return found.map((row) => String(row.roster_id));
    },
    async closes(rosterId) {
      const found = await rows(
        `SELECT c.*, (SELECT COUNT(*) FROM month_records r WHERE r.roster_id = c.roster_id AND r.month = c.month) AS slots
         FROM month_closes c WHERE c.roster_id = ? ORDER BY c.month`,
        rosterId,
      );
      return found.map((row) => ({
        rosterId,
        month: String(row.month),
        closedAt: String(row.closed_at),
        closedBy: String(row.closed_by),
        slots: Number(row.slots),
      }));
    },
    async records(rosterId, months) {
      if (months.length === 0) return [];
      const found = await rows(
        `SELECT record FROM month_records WHERE roster_id = ? AND ${IN_MONTHS} ORDER BY date, slot_key`,
        rosterId,
        JSON.stringify(months),
      );
      return found.map((row) => slotOrNull(row.record)!);
    },
    async corrections(rosterId, months) {
      if (months.length === 0) return [];
      const found = await rows(
        `SELECT * FROM month_corrections WHERE roster_id = ? AND ${IN_MONTHS} ORDER BY seq`,
        rosterId,
        JSON.stringify(months),
      );
      return found.map((row) => ({
        seq: Number(row.seq),
        rosterId,
        month: String(row.month),
        slotKey: String(row.slot_key),
        date: String(row.date),
        before: slotOrNull(row.before),
        after: slotOrNull(row.after),
        reason: String(row.reason),
        actor: String(row.actor),
        at: String(row.at),
        requestId: row.request_id === null ? null : String(row.request_id),
      }));
    },
  };
}

/** Confirms a month: the close and every slot it locks, each landing only with the caller's version bump. */
export function closeMonthStatements(
  rosterId: string,
  month: string,
  slots: readonly DutySlot[],
  stamp: Stamp,
): GuardedStatement[] {
  return [
    {
      sql: 'INSERT INTO month_closes (roster_id, month, closed_at, closed_by, request_id) SELECT ?, ?, ?, ?, ? WHERE :guard',
      values: [rosterId, month, stamp.now, stamp.actor.name, stamp.actor.requestId],
    },
    ...slots.map((slot) => ({
      sql: 'INSERT INTO month_records (roster_id, month, slot_key, date, record) SELECT ?, ?, ?, ?, ? WHERE :guard',
      values: [rosterId, month, slot.key, slot.date, JSON.stringify(slot)],
    })),
  ];
}

const CORRECTION_INSERT =
  'INSERT INTO month_corrections (roster_id, month, slot_key, date, before, after, reason, actor, at, request_id) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?';

function correctionValues(correction: CorrectionInput, stamp: Stamp): SqlValue[] {
  const { rosterId, month, slotKey, date, before, after, reason } = correction;
  return [
    rosterId,
    month,
    slotKey,
    date,
    json(before),
    json(after),
    reason,
    stamp.actor.name,
    stamp.now,
    stamp.actor.requestId,
  ];
}

/** A correction that lands only with the guarded change of facts it records. */
export function correctionStatement(correction: CorrectionInput, stamp: Stamp): GuardedStatement {
  return { sql: `${CORRECTION_INSERT} WHERE :guard`, values: correctionValues(correction, stamp) };
}

/** A correction for a change not guarded by a roster version (a holiday edit), for the same batch as the edit. */
export function plainCorrectionStatement(
  db: SqlDatabase,
  correction: CorrectionInput,
  stamp: Stamp,
): SqlStatement {
  return db.prepare(CORRECTION_INSERT).bind(...correctionValues(correction, stamp));
}
