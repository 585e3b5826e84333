/**
 * What makes a rendered feed stale, kept in the database so every process (and every Worker isolate) agrees: a
 * version per feed scope, bumped by the change that touches it in that change's own batch, and the holiday table's
 * version, which every feed shows. Invalidating is one statement whatever the number of scopes; rendering is left to
 * the first GET or to the background worker.
 */
import type { GuardedStatement } from './guarded-write.ts';
import type { SqlDatabase } from './sql.ts';

export interface FeedVersions {
  holidaysVersion: string;
  scopeVersion: number;
}

/** A queue message that kept failing (Workers' dead-letter queues: feeds, holiday notices, push). */
export interface DeadLetter {
  seq: number;
  scope: string | null;
  body: string;
  attempts: number;
  failedAt: string;
}

interface DeadLetterRow {
  seq: number;
  scope: string | null;
  body: string;
  attempts: number;
  failed_at: string;
}

const toDeadLetter = (row: DeadLetterRow): DeadLetter => ({
  seq: Number(row.seq),
  scope: row.scope,
  body: row.body,
  attempts: Number(row.attempts),
  failedAt: row.failed_at,
});

const BUMP = `INSERT INTO feed_versions (scope, version) SELECT value, 1 FROM json_each(?) WHERE %WHERE%
  ON CONFLICT (scope) DO UPDATE SET version = version + 1`;

/** Bumps the versions of `scopes` if the guarded batch it is part of wins. */
export function invalidateFeedsStatement(scopes: readonly string[]): GuardedStatement {
  return { sql: BUMP.replace('%WHERE%', ':guard'), values: [JSON.stringify([...new Set(scopes)])] };
}

/** SQL of a scope's current versions, as columns `current_holidays` and `current_scope`, for `scopeSql`. */
export const currentVersionsSql = (scopeSql: string) => `
  COALESCE((SELECT value FROM settings WHERE key = 'holidays_version'), '0') AS current_holidays,
  COALESCE((SELECT version FROM feed_versions WHERE scope = ${scopeSql}), 0) AS current_scope`;

/** SQL of the scope of a row of `feeds` (as `scopeOf` computes it), its columns prefixed with `table`. */
export const scopeSql = (table = '') =>
  `CASE WHEN ${table}member_id IS NOT NULL THEN 'member:' || ${table}member_id ELSE 'roster:' || ${table}roster_id END`;

export function createFeedVersionQueries(db: SqlDatabase) {
  return {
    async versions(scope: string): Promise<FeedVersions> {
      const row = await db
        .prepare(`SELECT ${currentVersionsSql('?')}`)
        .bind(scope)
        .first<{ current_holidays: string; current_scope: number }>();
      return {
        holidaysVersion: String(row?.current_holidays ?? '0'),
        scopeVersion: Number(row?.current_scope ?? 0),
      };
    },
    async recordDeadLetter(
      scope: string | null,
      body: string,
      attempts: number,
      now: string,
    ): Promise<void> {
      await db
        .prepare(
          'INSERT INTO feed_dead_letters (scope, body, attempts, failed_at) VALUES (?, ?, ?, ?)',
        )
        .bind(scope, body, attempts, now)
        .run();
    },
    async deadLetters(limit: number): Promise<DeadLetter[]> {
      const { results } = await db
        .prepare('SELECT * FROM feed_dead_letters ORDER BY seq DESC LIMIT ?')
        .bind(limit)
        .all<DeadLetterRow>();
      return results.map(toDeadLetter);
    },
    async deadLetter(seq: number): Promise<DeadLetter | null> {
      const row = await db
        .prepare('SELECT * FROM feed_dead_letters WHERE seq = ?')
        .bind(seq)
        .first<DeadLetterRow>();
      return row ? toDeadLetter(row) : null;
    },
    /** False when it was cleared already (two clicks, two admins). */
    async clearDeadLetter(seq: number): Promise<boolean> {
      const { meta } = await db
        .prepare('DELETE FROM feed_dead_letters WHERE seq = ?')
        .bind(seq)
        .run();
      return meta.changes > 0;
    },
    async invalidate(scopes: readonly string[]): Promise<void> {
      if (scopes.length === 0) return;
      await db
        .prepare(BUMP.replace('%WHERE%', 'true'))
        .bind(JSON.stringify([...new Set(scopes)]))
        .run();
    },
    /**
     * Scopes with a live link whose rendered feed is missing or was built for other versions: at most `limit`, in
     * order, after `after` (to page through them). A
     * feed built for an earlier day is left to its next GET, which notices the day itself.
     */
    async staleScopes(limit: number, after = ''): Promise<string[]> {
      const { results } = await db
        .prepare(
          `SELECT s.scope FROM (SELECT DISTINCT ${scopeSql()} AS scope FROM feeds WHERE revoked_at IS NULL) s
           LEFT JOIN feed_cache c ON c.scope = s.scope
           LEFT JOIN feed_versions v ON v.scope = s.scope
           WHERE s.scope > ? AND (c.scope IS NULL
             OR c.holidays_version != COALESCE((SELECT value FROM settings WHERE key = 'holidays_version'), '0')
             OR c.scope_version != COALESCE(v.version, 0))
           ORDER BY s.scope LIMIT ?`,
        )
        .bind(after, limit)
        .all<{ scope: string }>();
      return results.map((row) => row.scope);
    },
  };
}
