/**
 * Counters of failed sign-ins and bad tokens per key in a fixed window, in the database so that every Worker
 * isolate (and every Node process on one file) sees the same count.
 */
import type { SqlDatabase, SqlValue } from './sql.ts';

export interface FailureCount {
  failures: number;
  windowStart: string;
}

export interface AuthFailureStore {
  /** The count of a key whose window started after `windowOpenedAfter`; null when none is running. */
  current(key: string, windowOpenedAfter: string): Promise<FailureCount | null>;
  /** Counts one more failure, starting a new window at `now` when the running one opened before `windowOpenedAfter`. */
  record(key: string, now: string, windowOpenedAfter: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export function createAuthFailureStore(db: SqlDatabase): AuthFailureStore {
  return {
    async current(key, windowOpenedAfter) {
      const row = await db
        .prepare(
          'SELECT failures, window_start FROM auth_failures WHERE key = ? AND window_start > ?',
        )
        .bind(key, windowOpenedAfter)
        .first<Record<string, SqlValue>>();
      return row ? { failures: Number(row.failures), windowStart: String(row.window_start) } : null;
    },
    async record(key, now, windowOpenedAfter) {
      // One upsert, so two concurrent failures both count.
      await db
        .prepare(
          `INSERT INTO auth_failures (key, window_start, failures) VALUES (?, ?, 1)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN window_start > ? THEN failures + 1 ELSE 1 END,
             window_start = CASE WHEN window_start > ? THEN window_start ELSE excluded.window_start END`,
        )
        .bind(key, now, windowOpenedAfter, windowOpenedAfter)
        .run();
    },
    async clear(key) {
      await db.prepare('DELETE FROM auth_failures WHERE key = ?').bind(key).run();
    },
  };
}
