/**
 * Holiday notice jobs (migration 0012): a holiday edit records one job in its own batch, O(the edit); the fan-out
 * reads the rosters in pages after the job's cursor and writes each roster's notice rows in a batch that lands only
 * if that roster was not told by this job yet.
 */
import { type HolidayEntry, HolidayEntrySchema } from '../domain/holiday-schema.ts';
import type { GuardedStatement } from './guarded-write.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export interface HolidayNoticeJob {
  id: number;
  date: string;
  /** The date's entry before and after the edit; null: none. */
  before: HolidayEntry | null;
  after: HolidayEntry | null;
  createdAt: string;
  cursor: string;
  doneAt: string | null;
}

export type NewHolidayNoticeJob = Pick<HolidayNoticeJob, 'date' | 'before' | 'after' | 'createdAt'>;

export interface HolidayNoticeStore {
  /** The insert of a job, to land in the holiday edit's own batch. */
  jobStatement(job: NewHolidayNoticeJob): SqlStatement;
  /** Jobs not done yet, oldest first. */
  pending(limit: number): Promise<HolidayNoticeJob[]>;
  get(id: number): Promise<HolidayNoticeJob | null>;
  /** Jobs recorded after `id` (the edits made since, which the fan-out of `id` sets aside), oldest first. */
  later(id: number): Promise<HolidayNoticeJob[]>;
  /** Up to `limit` roster ids after `after`, in id order. */
  rosterIds(after: string, limit: number): Promise<string[]>;
  /** Writes a roster's notice rows unless this job has told that roster already; false when it had. */
  tell(jobId: number, rosterId: string, statements: readonly GuardedStatement[]): Promise<boolean>;
  /** Moves the cursor from `from` to `to`, and marks the job done with it when `doneAt` is given. */
  advance(jobId: number, from: string, to: string, doneAt: string | null): Promise<void>;
  /** Forgets jobs done before `before` with their markers, keeping those a pending job still sets aside. */
  prune(before: string): Promise<void>;
}

const NOT_TOLD =
  'NOT EXISTS (SELECT 1 FROM holiday_notice_rosters WHERE job_id = ? AND roster_id = ?)';

const entryOf = (value: SqlValue | undefined) =>
  value === null || value === undefined
    ? null
    : HolidayEntrySchema.parse(JSON.parse(String(value)));

function toJob(row: Record<string, SqlValue>): HolidayNoticeJob {
  return {
    id: Number(row.id),
    date: String(row.date),
    before: entryOf(row.before),
    after: entryOf(row.after),
    createdAt: String(row.created_at),
    cursor: String(row.cursor),
    doneAt: row.done_at === null ? null : String(row.done_at),
  };
}

export function createHolidayNoticeStore(db: SqlDatabase): HolidayNoticeStore {
  const jobs = async (sql: string, ...values: SqlValue[]) =>
    (
      await db
        .prepare(sql)
        .bind(...values)
        .all<Record<string, SqlValue>>()
    ).results.map(toJob);
  return {
    jobStatement: (job) =>
      db
        .prepare(
          'INSERT INTO holiday_notice_jobs (date, before, after, created_at) VALUES (?, ?, ?, ?)',
        )
        .bind(
          job.date,
          job.before && JSON.stringify(job.before),
          job.after && JSON.stringify(job.after),
          job.createdAt,
        ),
    pending: (limit) =>
      jobs('SELECT * FROM holiday_notice_jobs WHERE done_at IS NULL ORDER BY id LIMIT ?', limit),
    async get(id) {
      return (await jobs('SELECT * FROM holiday_notice_jobs WHERE id = ?', id))[0] ?? null;
    },
    later: (id) => jobs('SELECT * FROM holiday_notice_jobs WHERE id > ? ORDER BY id', id),
    async rosterIds(after, limit) {
      const { results } = await db
        .prepare('SELECT id FROM rosters WHERE id > ? ORDER BY id LIMIT ?')
        .bind(after, limit)
        .all<{ id: string }>();
      return results.map((row) => row.id);
    },
    async tell(jobId, rosterId, statements) {
      // The marker goes last: the rows before it see it absent only on the first telling.
      const results = await db.batch([
        ...statements.map((statement) =>
          db
            .prepare(statement.sql.replace(':guard', NOT_TOLD))
            .bind(...statement.values, jobId, rosterId),
        ),
        db
          .prepare('INSERT OR IGNORE INTO holiday_notice_rosters (job_id, roster_id) VALUES (?, ?)')
          .bind(jobId, rosterId),
      ]);
      return (results.at(-1)?.meta.changes ?? 0) === 1;
    },
    async advance(jobId, from, to, doneAt) {
      await db
        .prepare(
          `UPDATE holiday_notice_jobs SET cursor = ?, done_at = COALESCE(done_at, ?)
           WHERE id = ? AND cursor = ?`,
        )
        .bind(to, doneAt, jobId, from)
        .run();
    },
    async prune(before) {
      const done = `SELECT id FROM holiday_notice_jobs WHERE done_at < ? AND id < COALESCE(
        (SELECT MIN(id) FROM holiday_notice_jobs WHERE done_at IS NULL), 9e18)`;
      await db.batch([
        db.prepare(`DELETE FROM holiday_notice_rosters WHERE job_id IN (${done})`).bind(before),
        db.prepare(`DELETE FROM holiday_notice_jobs WHERE id IN (${done})`).bind(before),
      ]);
    },
  };
}
