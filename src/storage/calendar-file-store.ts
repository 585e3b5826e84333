/**
 * The calendars/ files last applied, by path: the hash of each file's text (so an unchanged file is not parsed
 * again at start-up), the roster it defines, and the issues of a file that could not be applied (shown on the admin
 * pages until the file is fixed).
 */
import type { SqlDatabase } from './sql.ts';

export interface CalendarFileRecord {
  path: string;
  textHash: string;
  /** The roster the file defines (null for holiday tables and files that failed to parse). */
  rosterId: string | null;
  /** Readable issues (`line:column message`) when the file could not be applied; empty when it was. */
  issues: string[];
  checkedAt: string;
}

export interface CalendarFileStore {
  list(): Promise<CalendarFileRecord[]>;
  /** Replaces the records of the given paths and forgets the `removed` ones, in one batch. */
  save(records: readonly CalendarFileRecord[], removed: readonly string[]): Promise<void>;
}

export function createCalendarFileStore(db: SqlDatabase): CalendarFileStore {
  return {
    async list() {
      const { results } = await db.prepare('SELECT * FROM calendar_files ORDER BY path').all<{
        path: string;
        text_hash: string;
        roster_id: string | null;
        issues: string | null;
        checked_at: string;
      }>();
      return results.map((row) => ({
        path: row.path,
        textHash: row.text_hash,
        rosterId: row.roster_id,
        issues: row.issues ? (JSON.parse(row.issues) as string[]) : [],
        checkedAt: row.checked_at,
      }));
    },
    async save(records, removed) {
      const statements = [
        ...records.map((record) =>
          db
            .prepare(
              `INSERT INTO calendar_files (path, text_hash, roster_id, issues, checked_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (path) DO UPDATE SET text_hash = excluded.text_hash, roster_id = excluded.roster_id,
                 issues = excluded.issues, checked_at = excluded.checked_at`,
            )
            .bind(
              record.path,
              record.textHash,
              record.rosterId,
              record.issues.length > 0 ? JSON.stringify(record.issues) : null,
              record.checkedAt,
            ),
        ),
        ...removed.map((path) =>
          db.prepare('DELETE FROM calendar_files WHERE path = ?').bind(path),
        ),
      ];
      if (statements.length > 0) await db.batch(statements);
    },
  };
}
