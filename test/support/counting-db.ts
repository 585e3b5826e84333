/**
 * A SQL port that records every statement it runs (prepared ones when they run, batch members one by one), so a
 * test can say how much work a request did: statements are counted, never timed.
 */
import type { SqlDatabase, SqlStatement, SqlValue } from '../../src/storage/sql.ts';

export interface CountingDb extends SqlDatabase {
  /** SQL text of every statement run since the last `reset`, in order. */
  readonly log: string[];
  reset(): void;
  count(pattern: RegExp): number;
}

type Counted = SqlStatement & { inner: SqlStatement; sql: string };

export function countingDb(inner: SqlDatabase): CountingDb {
  const log: string[] = [];
  const wrap = (statement: SqlStatement, sql: string): Counted => ({
    inner: statement,
    sql,
    bind: (...values: SqlValue[]) => wrap(statement.bind(...values), sql),
    all: <T>() => {
      log.push(sql);
      return statement.all<T>();
    },
    first: <T>() => {
      log.push(sql);
      return statement.first<T>();
    },
    run: () => {
      log.push(sql);
      return statement.run();
    },
  });
  return {
    log,
    reset: () => log.splice(0),
    count: (pattern) => log.filter((sql) => pattern.test(sql)).length,
    prepare: (sql) => wrap(inner.prepare(sql), sql),
    batch(statements) {
      const counted = statements as Counted[];
      for (const statement of counted) log.push(statement.sql);
      return inner.batch(counted.map((statement) => statement.inner));
    },
    exec: (sql) => inner.exec(sql),
  };
}
