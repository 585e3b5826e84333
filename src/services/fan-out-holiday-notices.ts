/**
 * The background half of a holiday edit's notices. The edit records one job (its date, the entry before and after)
 * in its own batch and answers; this fan-out compares each roster's coming days with and without the edit and writes
 * that roster's notice rows, which then wait for the coalescing window like any change's. The Node notice worker
 * runs `fanOutHolidayNotices` in pages; on Workers the notice queue hands out pages (`dispatchHolidayJob`) and tells
 * each page's rosters (`tellRosters`). A roster is told at most once per job (see HolidayNoticeStore.tell).
 */
import { applyHolidayEdits, editsAround } from '../domain/holiday-edits.ts';
import { createHolidayCalendar } from '../domain/holidays.ts';
import type { HolidayNoticeJob } from '../storage/holiday-notice-store.ts';
import type { ServiceContext } from './context.ts';
import { holidayNoticeStatements } from './notice-changes.ts';
import { readRoster } from './read-roster.ts';

/** What the fan-out needs: the store and the clock (the notice worker's deps and a verb's context both have them). */
export type FanOutContext = Pick<ServiceContext, 'store' | 'now'>;

/** Rosters read (and on Workers, put in one queue message) at a time. */
export const ROSTER_PAGE = 50;
/** Done jobs are kept a week (a late queue message finds its markers), then forgotten. */
const KEEP_MS = 7 * 86_400_000;

/** The holiday calendars just before and just after `job`, whatever was edited since. */
async function calendarsAround(ctx: FanOutContext, job: HolidayNoticeJob) {
  const [base, edits, later] = await Promise.all([
    ctx.store.holidays.baseTables(),
    ctx.store.holidays.edits(),
    ctx.store.holidayNotices.later(job.id),
  ]);
  const around = editsAround(edits, job, later);
  return {
    before: createHolidayCalendar(applyHolidayEdits(base, around.before)),
    after: createHolidayCalendar(applyHolidayEdits(base, around.after)),
  };
}

type Calendars = Awaited<ReturnType<typeof calendarsAround>>;

/**
 * Writes `rosterId`'s rows unless told already; true when it wrote some. A roster gone meanwhile has none, and so has
 * one whose stored definition no longer reads (logged; its members are not told of this edit).
 */
async function tellRoster(
  ctx: FanOutContext,
  job: HolidayNoticeJob,
  holidays: Calendars,
  rosterId: string,
): Promise<boolean> {
  const [stored, facts] = await Promise.all([
    readRoster(ctx, rosterId),
    ctx.store.factsOf(rosterId),
  ]);
  const at = new Date(job.createdAt);
  const rows =
    stored && stored !== 'unreadable'
      ? holidayNoticeStatements(ctx, { stored, facts }, holidays, at)
      : [];
  // No rows, nothing to tell twice: the marker is only written with rows.
  return rows.length > 0 && ctx.store.holidayNotices.tell(job.id, rosterId, rows);
}

/**
 * Writes the notice rows of `job` for each of `rosterIds` not told yet, awaiting `pause` after each roster (the Node
 * worker lets requests through there); answers how many rosters got rows. A roster that fails does not hold up the
 * others: the page throws once all were tried, to be done again (those told are then skipped).
 */
export async function tellRosters(
  ctx: FanOutContext,
  job: HolidayNoticeJob,
  rosterIds: readonly string[],
  pause: () => Promise<unknown> = async () => undefined,
): Promise<number> {
  const holidays = await calendarsAround(ctx, job);
  const failed: string[] = [];
  let told = 0;
  for (const rosterId of rosterIds) {
    try {
      if (await tellRoster(ctx, job, holidays, rosterId)) told++;
    } catch (error) {
      failed.push(`${rosterId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await pause();
  }
  if (failed.length > 0)
    throw new Error(`holiday notices of ${job.date} failed for ${failed.join('; ')}`);
  return told;
}

/** Reads the page of rosters after the job's cursor; `handle` deals with it, then the cursor moves past it. */
async function nextPage(
  ctx: FanOutContext,
  job: HolidayNoticeJob,
  handle: (rosterIds: string[]) => Promise<unknown>,
): Promise<{ job: HolidayNoticeJob; rosters: number; done: boolean }> {
  const rosterIds = await ctx.store.holidayNotices.rosterIds(job.cursor, ROSTER_PAGE);
  if (rosterIds.length > 0) await handle(rosterIds);
  const done = rosterIds.length < ROSTER_PAGE;
  const cursor = rosterIds.at(-1) ?? job.cursor;
  const doneAt = done ? ctx.now().toISOString() : null;
  await ctx.store.holidayNotices.advance(job.id, job.cursor, cursor, doneAt);
  return { job: { ...job, cursor, doneAt }, rosters: rosterIds.length, done };
}

/**
 * Node: works through the pending jobs, oldest first, until about `budget` rosters are handled; a crash loses at most
 * the page under way, which is done again (its rosters already told are skipped). `more`: call again.
 */
export async function fanOutHolidayNotices(
  ctx: FanOutContext,
  budget: number,
  pause?: () => Promise<unknown>,
): Promise<{ rosters: number; more: boolean }> {
  const jobs = await ctx.store.holidayNotices.pending(10);
  if (jobs.length === 0) return { rosters: 0, more: false };
  let rosters = 0;
  for (let job of jobs) {
    for (;;) {
      if (rosters >= budget) return { rosters, more: true };
      const page = await nextPage(ctx, job, (ids) => tellRosters(ctx, job, ids, pause));
      rosters += page.rosters;
      job = page.job;
      if (page.done) break;
    }
  }
  await ctx.store.holidayNotices.prune(new Date(ctx.now().getTime() - KEEP_MS).toISOString());
  return { rosters, more: (await ctx.store.holidayNotices.pending(1)).length > 0 };
}

/**
 * Workers: hands the rosters of job `jobId` to `send`, a page at a time, moving the cursor after each page, and marks
 * the job done after the last. Run again after a crash, it goes on from the cursor (a page sent twice tells nobody
 * twice). Answers the number of pages sent.
 */
export async function dispatchHolidayJob(
  ctx: FanOutContext,
  jobId: number,
  send: (rosterIds: string[]) => Promise<unknown>,
): Promise<number> {
  let job = await ctx.store.holidayNotices.get(jobId);
  let pages = 0;
  while (job && !job.doneAt) {
    const page = await nextPage(ctx, job, send);
    if (page.rosters > 0) pages++;
    job = page.job;
  }
  return pages;
}
