/**
 * Holiday tables: the base tables applied from calendars/holidays, and admins' edits by date layered over them.
 * The merged result is what the holiday calendar is built from; its version changes with every edit or apply.
 */
import {
  type HolidayEntry,
  HolidayEntrySchema,
  type HolidaySource,
  HolidaySourceSchema,
  type HolidayTable,
  HolidayTableSchema,
} from '../domain/holiday-schema.ts';
import type { SqlDatabase, SqlStatement } from './sql.ts';
import { type AuditInput, plainAuditStatement, type Stamp } from './statements.ts';

export interface HolidayEdit {
  country: string;
  date: string;
  /** null: the admin removed that day from the table. */
  entry: HolidayEntry | null;
  /** The document the entry cites, when the base table does not list it. */
  source: HolidaySource | null;
  updatedAt: string;
  updatedBy: string;
}

export interface HolidayStore {
  baseTables(): Promise<HolidayTable[]>;
  edits(): Promise<HolidayEdit[]>;
  /** Changes whenever a base table or an edit changes: cache holiday calendars by it. */
  version(): Promise<string>;
  putBase(
    table: HolidayTable,
    hash: string,
    now: string,
  ): Promise<'created' | 'updated' | 'unchanged'>;
  /** `extra` statements land in the same batch (the corrections of closed months the edit makes). */
  putEdit(
    edit: Omit<HolidayEdit, 'updatedAt' | 'updatedBy'>,
    audit: AuditInput,
    stamp: Stamp,
    extra?: readonly SqlStatement[],
  ): Promise<void>;
}

const BUMP_VERSION = `INSERT INTO settings (key, value) VALUES ('holidays_version', '1')
  ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`;

export function createHolidayStore(db: SqlDatabase): HolidayStore {
  return {
    async baseTables() {
      const { results } = await db
        .prepare('SELECT definition FROM holiday_tables ORDER BY country, year')
        .all<{ definition: string }>();
      return results.map((row) => HolidayTableSchema.parse(JSON.parse(row.definition)));
    },
    async edits() {
      const { results } = await db
        .prepare('SELECT * FROM holiday_edits ORDER BY country, date')
        .all<{
          country: string;
          date: string;
          entry: string | null;
          source: string | null;
          updated_at: string;
          updated_by: string;
        }>();
      return results.map((row) => ({
        country: row.country,
        date: row.date,
        entry: row.entry === null ? null : HolidayEntrySchema.parse(JSON.parse(row.entry)),
        source: row.source === null ? null : HolidaySourceSchema.parse(JSON.parse(row.source)),
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }));
    },
    async version() {
      const row = await db
        .prepare("SELECT value FROM settings WHERE key = 'holidays_version'")
        .first<{ value: string }>();
      return row?.value ?? '0';
    },
    async putBase(table, hash, now) {
      const existing = await db
        .prepare('SELECT definition_hash FROM holiday_tables WHERE country = ? AND year = ?')
        .bind(table.country, table.year)
        .first<{ definition_hash: string }>();
      if (existing?.definition_hash === hash) return 'unchanged';
      await db.batch([
        db
          .prepare(
            `INSERT INTO holiday_tables (country, year, definition, definition_hash, updated_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (country, year) DO UPDATE SET definition = excluded.definition,
               definition_hash = excluded.definition_hash, updated_at = excluded.updated_at`,
          )
          .bind(table.country, table.year, JSON.stringify(table), hash, now),
        db.prepare(BUMP_VERSION),
      ]);
      return existing ? 'updated' : 'created';
    },
    async putEdit(edit, audit, stamp, extra = []) {
      await db.batch([
        db
          .prepare(
            `INSERT INTO holiday_edits (country, date, entry, source, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (country, date) DO UPDATE SET entry = excluded.entry, source = excluded.source,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          )
          .bind(
            edit.country,
            edit.date,
            edit.entry && JSON.stringify(edit.entry),
            edit.source && JSON.stringify(edit.source),
            stamp.now,
            stamp.actor.name,
          ),
        db.prepare(BUMP_VERSION),
        plainAuditStatement(db, audit, stamp),
        ...extra,
      ]);
    },
  };
}
