/**
 * A holiday edit's notices on Cloudflare Queues, inside workerd with miniflare's queues: the edit writes one job and
 * sends one message; the notice queue's consumers page the rosters and write each roster's notice row; the cron
 * catches up on a job whose message was lost; a page that keeps failing is retried, then dead-lettered, while the
 * rest of its batch is acknowledged.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.ts';
import type { NoticeMessage } from '../../src/jobs/notice-queue.ts';
import type { SqlDatabase } from '../../src/storage/sql.ts';
import { createStore } from '../../src/storage/store.ts';
import {
  copyRoster,
  dayFromToday,
  env,
  json,
  ROSTER_ID,
  runScheduled,
  scheduleOf,
  until,
} from './workerd/api.ts';

const store = () => createStore(env.DB as unknown as SqlDatabase);
const COPIES = ['mot-cua-a', 'mot-cua-b', 'mot-cua-c', 'mot-cua-d'];
const ROSTERS = [...COPIES, ROSTER_ID].sort();

/** The `nth` of Bà Hà's coming days (a weekday she serves in every copy). */
async function haDay(nth: number): Promise<string> {
  const slots = await scheduleOf(ROSTER_ID, dayFromToday(2), dayFromToday(40));
  return slots.filter((slot) => slot.memberId === 'nguyen-manh-ha' && slot.kind === 'regular')[nth]!
    .date;
}

const declare = (date: string) =>
  json('PUT', `/api/holidays/days/${date}`, 200, {
    entry: { date, kind: 'holiday', name: 'Nghỉ lễ đặc biệt', status: 'estimated' },
  });

/** The notice rows waiting for `date`, as `roster/date/position` keys. */
async function rowsOn(date: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT slot_key FROM notice_changes WHERE slot_key LIKE ? ORDER BY slot_key',
  )
    .bind(`%/${date}/%`)
    .all<{ slot_key: string }>();
  return results.map((row) => row.slot_key);
}

describe('holiday notices on the notice queue in workerd', () => {
  it('fans a holiday edit out to every roster through the queue', async () => {
    for (const id of COPIES) await copyRoster(id);
    const date = await haDay(0);
    await declare(date);
    // The request wrote the job and no roster's rows: the queue's consumers write them.
    const expected = ROSTERS.map((id) => `${id}/${date}/primary`);
    expect(
      await until(
        () => rowsOn(date),
        (rows) => rows.length === expected.length,
      ),
    ).toEqual(expected);
    const [job] = await until(
      () => store().holidayNotices.pending(10),
      (jobs) => jobs.length === 0,
    );
    expect(job).toBeUndefined();

    // The cron plans them (coalescing window 0 here) and has no job to catch up on.
    await runScheduled('*/5 * * * *');
    expect(await rowsOn(date)).toEqual([]);
  });

  it('catches up on a job whose message was lost, at the next cron', async () => {
    const date = await haDay(1);
    // The job as the edit writes it, without the message (lost).
    await store()
      .holidayNotices.jobStatement({
        date,
        before: null,
        after: { date, kind: 'holiday', name: 'Nghỉ lễ', status: 'estimated' },
        createdAt: new Date().toISOString(),
      })
      .run();
    await runScheduled('17 19 * * *'); // the nightly cron does not catch up; the */5 one does
    await runScheduled('*/5 * * * *');
    expect(
      await until(
        () => rowsOn(date),
        (rows) => rows.length === ROSTERS.length,
      ),
    ).toEqual(ROSTERS.map((id) => `${id}/${date}/primary`));
  });

  it('retries a page that fails, acknowledges the others, and dead-letters one that keeps failing', async () => {
    const date = await haDay(2);
    await declare(date);
    await until(
      () => store().holidayNotices.pending(10),
      (jobs) => jobs.length === 0,
    );
    const latest = await env.DB.prepare('SELECT MAX(id) AS id FROM holiday_notice_jobs').first<{
      id: number;
    }>();
    const jobId = latest!.id;
    // A job whose stored edit no longer reads: telling any roster of it fails every time. Its id is below the real
    // job's, which reads the jobs after it. (A roster whose own definition no longer reads is set aside instead:
    // test/sync/unreadable-roster.test.ts.)
    const broken = await env.DB.prepare(
      `INSERT INTO holiday_notice_jobs (id, date, before, after, created_at, done_at)
       SELECT MIN(id) - 1000, ?, '{', '{', ?, ? FROM holiday_notice_jobs RETURNING id`,
    )
      .bind(date, new Date().toISOString(), new Date().toISOString())
      .first<{ id: number }>();
    const message = (id: string, body: NoticeMessage | string) => ({
      id,
      timestamp: new Date(),
      attempts: 1,
      body,
    });
    const batch = createMessageBatch<NoticeMessage | string>('lichtruc-notices', [
      message('bad', { kind: 'holiday-rosters', job: broken!.id, rosters: ['mot-cua-d'] }),
      message('good', { kind: 'holiday-rosters', job: jobId, rosters: ['mot-cua-a'] }),
      message('junk', 'not a notice message'),
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((retried) => retried.msgId)).toEqual(['bad']);
    expect(result.explicitAcks.sort()).toEqual(['good', 'junk']);

    await env.NOTICE_QUEUE.send({
      kind: 'holiday-rosters',
      job: broken!.id,
      rosters: ['mot-cua-d'],
    });
    const dead = await until(
      () => store().feeds.deadLetters(10),
      (letters) => letters.some((letter) => letter.body.includes('mot-cua-d')),
    );
    expect(dead.map((letter) => JSON.parse(letter.body))).toContainEqual({
      kind: 'holiday-rosters',
      job: broken!.id,
      rosters: ['mot-cua-d'],
    });
  });
});
