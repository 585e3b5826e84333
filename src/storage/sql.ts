/**
 * The small SQL port the store is written against: the shape of Cloudflare D1's API, so the D1 binding is a driver
 * as it is, and the Node driver wraps an embedded SQLite to look the same.
 */
export type SqlValue = string | number | null;

export interface SqlRunResult {
  meta: { changes: number };
}

export interface SqlStatement {
  bind(...values: SqlValue[]): SqlStatement;
  all<T = Record<string, SqlValue>>(): Promise<{ results: T[] }>;
  first<T = Record<string, SqlValue>>(): Promise<T | null>;
  run(): Promise<SqlRunResult>;
}

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  /** Runs the statements in one transaction: all of them land, or none. */
  batch(statements: SqlStatement[]): Promise<SqlRunResult[]>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<unknown>;
}

/**
 * The database refused a write for a reason of the machine, not of the data (a full disk, a read-only file): the
 * request can be retried once the operator has fixed it. Drivers translate their own errors into it.
 */
export class StorageWriteError extends Error {
  override readonly name = 'StorageWriteError';
}

export interface Migration {
  name: string;
  sql: string;
}

/**
 * Applies the migrations not yet applied, in name order, recording them in `d1_migrations`, the table wrangler
 * itself uses, so a database migrated by either tool is understood by the other.
 */
export async function applyMigrations(
  db: SqlDatabase,
  migrations: readonly Migration[],
): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)',
  );
  const { results } = await db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
  const applied = new Set(results.map((row) => row.name));
  const pending = [...migrations]
    .sort((a, b) => a.name.localeCompare(b.name))
    .filter((m) => !applied.has(m.name));
  for (const migration of pending) {
    await db.exec(
      `BEGIN;\n${migration.sql}\nINSERT INTO d1_migrations (name) VALUES ('${migration.name.replaceAll("'", "''")}');\nCOMMIT;`,
    );
  }
  return pending.map((migration) => migration.name);
}
