/**
 * Guarded statements for the writes that change a roster: each is meant to run inside `guardedWrite`, so it only
 * lands together with the version bump the caller expected.
 */
import type { Absence, Override, Swap } from '../domain/facts-schema.ts';
import type { Roster } from '../domain/roster-schema.ts';
import type { GuardedStatement } from './guarded-write.ts';
import type { Actor } from './records.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export interface Stamp {
  actor: Actor;
  now: string;
}

const json = (value: unknown): SqlValue =>
  value === undefined || value === null ? null : JSON.stringify(value);

export interface AuditInput {
  action: string;
  rosterId: string | null;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

const AUDIT_INSERT =
  'INSERT INTO audit_log (at, actor, action, roster_id, entity, entity_id, before, after, request_id) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?';

function auditValues(input: AuditInput, stamp: Stamp): SqlValue[] {
  return [
    stamp.now,
    stamp.actor.name,
    input.action,
    input.rosterId,
    input.entity,
    input.entityId,
    json(input.before),
    json(input.after),
    stamp.actor.requestId,
  ];
}

/** An audit entry that lands only with the guarded change it records. */
export function auditStatement(input: AuditInput, stamp: Stamp): GuardedStatement {
  return { sql: `${AUDIT_INSERT} WHERE :guard`, values: auditValues(input, stamp) };
}

/** An audit entry for a change that is not guarded by a roster version (roster creation, holiday edits). */
export function plainAuditStatement(
  db: SqlDatabase,
  input: AuditInput,
  stamp: Stamp,
): SqlStatement {
  return db.prepare(AUDIT_INSERT).bind(...auditValues(input, stamp));
}

/** An audit entry that lands only where `condition` (with its own placeholders) holds when it runs. */
export function conditionalAuditStatement(
  db: SqlDatabase,
  input: AuditInput,
  stamp: Stamp,
  condition: string,
  values: SqlValue[],
): SqlStatement {
  return db
    .prepare(`${AUDIT_INSERT} WHERE ${condition}`)
    .bind(...auditValues(input, stamp), ...values);
}

export function insertAbsence(
  rosterId: string,
  id: string,
  absence: Absence,
  stamp: Stamp,
): GuardedStatement {
  return {
    sql: `INSERT INTO absences (id, roster_id, member_id, from_date, to_date, reason, note, created_at, created_by)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE :guard`,
    values: [
      id,
      rosterId,
      absence.memberId,
      absence.from,
      absence.to,
      absence.reason,
      absence.note ?? null,
      stamp.now,
      stamp.actor.name,
    ],
  };
}

export function insertOverride(
  rosterId: string,
  id: string,
  override: Override,
  stamp: Stamp,
): GuardedStatement {
  return {
    sql: `INSERT INTO overrides (id, roster_id, date, position, member_id, note, created_at, created_by)
          SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE :guard`,
    values: [
      id,
      rosterId,
      override.date,
      override.position ?? null,
      override.memberId,
      override.note ?? null,
      stamp.now,
      stamp.actor.name,
    ],
  };
}

export function insertSwap(
  rosterId: string,
  id: string,
  swap: Swap,
  stamp: Stamp,
): GuardedStatement {
  return {
    sql: `INSERT INTO swaps (id, roster_id, first_date, first_position, second_date, second_position, note, created_at, created_by)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE :guard`,
    values: [
      id,
      rosterId,
      swap.first.date,
      swap.first.position ?? null,
      swap.second.date,
      swap.second.position ?? null,
      swap.note ?? null,
      stamp.now,
      stamp.actor.name,
    ],
  };
}

export type FactTable = 'absences' | 'overrides' | 'swaps';

export function deleteFact(table: FactTable, rosterId: string, id: string): GuardedStatement {
  return {
    sql: `DELETE FROM ${table} WHERE id = ? AND roster_id = ? AND :guard`,
    values: [id, rosterId],
  };
}

export function replaceDefinition(roster: Roster, hash: string, now: string): GuardedStatement {
  return {
    sql: 'UPDATE rosters SET definition = ?, definition_hash = ?, updated_at = ? WHERE id = ? AND :guard',
    values: [JSON.stringify(roster), hash, now, roster.id],
  };
}

/** Deleting a roster revokes its feed links (they answer 410) rather than letting them vanish into 404s. */
export function revokeRosterFeeds(rosterId: string, now: string): GuardedStatement {
  return {
    sql: 'UPDATE feeds SET revoked_at = ? WHERE roster_id = ? AND revoked_at IS NULL AND :guard',
    values: [now, rosterId],
  };
}
