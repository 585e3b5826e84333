/**
 * Optimistic writes for D1, which offers atomic batches but no interactive transactions. The first statement of a
 * batch bumps a roster's version only if it is still the one the caller read, and stamps a fresh write token; every
 * other statement runs only where that token is in place. So either the whole batch applies on top of exactly what
 * was read, or none of it does and the caller sees a conflict.
 */
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export type VersionColumn = 'version' | 'facts_version';

export interface RosterGuard {
  rosterId: string;
  column: VersionColumn;
  expected: number;
}

/** A statement to run only if the batch won its version bump. */
export interface GuardedStatement {
  /** SQL containing `:guard` once, where the guard condition goes, after every other placeholder. */
  sql: string;
  values: SqlValue[];
}

const GUARD_CONDITION = 'EXISTS (SELECT 1 FROM rosters WHERE id = ? AND write_token = ?)';

export async function guardedWrite(
  db: SqlDatabase,
  guard: RosterGuard,
  now: string,
  statements: readonly GuardedStatement[],
): Promise<boolean> {
  const token = crypto.randomUUID();
  const bump = db
    .prepare(
      `UPDATE rosters SET ${guard.column} = ${guard.column} + 1, write_token = ?, updated_at = ? WHERE id = ? AND ${guard.column} = ?`,
    )
    .bind(token, now, guard.rosterId, guard.expected);
  const rest: SqlStatement[] = statements.map((statement) => {
    const count = statement.sql.split(':guard').length - 1;
    if (count !== 1)
      throw new Error(`guarded statement must contain :guard once: ${statement.sql}`);
    return db
      .prepare(statement.sql.replace(':guard', GUARD_CONDITION))
      .bind(...statement.values, guard.rosterId, token);
  });
  const [first] = await db.batch([bump, ...rest]);
  return (first?.meta.changes ?? 0) === 1;
}
