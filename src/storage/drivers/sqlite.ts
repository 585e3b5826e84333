/** The Node driver: Node's built-in embedded SQLite (`node:sqlite`) behind the D1-shaped port. */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  type Migration,
  type SqlDatabase,
  type SqlRunResult,
  type SqlStatement,
  type SqlValue,
  StorageWriteError,
} from '../sql.ts';

/** SQLite's primary result codes that mean the machine, not the data, refused a write. */
const MACHINE_FAULTS: Record<number, string> = {
  8: 'the database file is read-only',
  10: 'the disk could not be read or written',
  13: 'the disk is full',
  14: 'the database file cannot be opened',
};

/** `error` as a StorageWriteError that says why the database cannot be written, or unchanged. */
function writeError(error: unknown): unknown {
  const errcode = (error as { errcode?: unknown }).errcode;
  const why = typeof errcode === 'number' ? MACHINE_FAULTS[errcode & 0xff] : undefined;
  if (!why) return error;
  return new StorageWriteError(
    `the database cannot be written: ${why} (SQLite: ${(error as Error).message})`,
    { cause: error },
  );
}

/** Compiled statements by SQL text: the store prepares the same few statements over and over. */
type StatementCache = Map<string, StatementSync>;

class SqliteStatement implements SqlStatement {
  private readonly db: DatabaseSync;
  private readonly cache: StatementCache;
  private readonly sql: string;
  private readonly values: SqlValue[];

  constructor(db: DatabaseSync, cache: StatementCache, sql: string, values: SqlValue[] = []) {
    this.db = db;
    this.cache = cache;
    this.sql = sql;
    this.values = values;
  }

  private compiled(): StatementSync {
    let statement = this.cache.get(this.sql);
    if (!statement) {
      statement = this.db.prepare(this.sql);
      this.cache.set(this.sql, statement);
    }
    return statement;
  }

  bind(...values: SqlValue[]): SqlStatement {
    return new SqliteStatement(this.db, this.cache, this.sql, values);
  }

  async all<T>(): Promise<{ results: T[] }> {
    return { results: this.compiled().all(...this.values) as T[] };
  }

  async first<T>(): Promise<T | null> {
    return (this.compiled().get(...this.values) as T | undefined) ?? null;
  }

  async run(): Promise<SqlRunResult> {
    return this.runNow();
  }

  runNow(): SqlRunResult {
    try {
      return { meta: { changes: Number(this.compiled().run(...this.values).changes) } };
    } catch (error) {
      throw writeError(error);
    }
  }
}

/** Opens (creating if needed) the database file; `:memory:` gives a private in-memory database. */
export function openSqlite(path: string): SqlDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  const cache: StatementCache = new Map();
  return {
    prepare: (sql) => new SqliteStatement(db, cache, sql),
    async batch(statements) {
      try {
        db.exec('BEGIN IMMEDIATE');
        const results = statements.map((statement) => (statement as SqliteStatement).runNow());
        db.exec('COMMIT');
        return results;
      } catch (error) {
        // SQLite has already rolled back after a full disk or an I/O error; a second ROLLBACK would replace the
        // real reason with "cannot rollback - no transaction is active".
        if (db.isTransaction) db.exec('ROLLBACK');
        throw writeError(error);
      }
    },
    async exec(sql) {
      db.exec(sql);
      cache.clear(); // a migration may change the schema under compiled statements
    },
  };
}

/** The SQL files of `migrations/`, read from disk (on Workers, wrangler applies the same files). */
export function readMigrations(directory: string): Migration[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(directory, name), 'utf8') }));
}
