/**
 * Reading and editing the holiday table. A late government notice (a swap, a làm bù Saturday, a pending day coming
 * into force) is an edit of one date; the merged table is validated as a whole before it is saved. Saving bumps the
 * holiday table's version, which every feed checks: the request renders nothing, each feed renders on its next GET
 * or in the background. Change notices likewise: the edit writes one job row in its batch, and the rosters are told
 * in the background (fan-out-holiday-notices.ts).
 */
import { estimateHolidayTable } from '../domain/estimate-holidays.ts';
import { applyHolidayEdits } from '../domain/holiday-edits.ts';
import {
  type HolidayEntry,
  type HolidaySource,
  HolidayTableSchema,
} from '../domain/holiday-schema.ts';
import { createHolidayCalendar } from '../domain/holidays.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid, zodFieldProblems } from './errors.ts';
import { enqueueEveryRoster } from './enqueue.ts';
import { holidayCorrections } from './holiday-corrections.ts';
import { loadHolidayCalendar } from './roster-state.ts';

export async function getHolidayTable(ctx: ServiceContext, year: number) {
  const calendar = await loadHolidayCalendar(ctx.store);
  return { ...calendar.tableFor(year), estimated: calendar.isEstimated(year) };
}

/** One day's edit: the entry (null removes the day) and the notice it cites if the table lacks it. */
export interface HolidayEntryEdit {
  date: string;
  entry: HolidayEntry | null;
  source?: HolidaySource | null;
}

/** The tables with `changes` layered over the stored edits, each touched year validated as a whole. */
async function mergedTables(ctx: ServiceContext, changes: readonly HolidayEntryEdit[]) {
  for (const change of changes) {
    if (change.entry && change.entry.date !== change.date)
      throw invalid('the entry is for another date', [
        { field: 'date', message: `must be ${change.date}` },
      ]);
  }
  const [base, edits] = await Promise.all([
    ctx.store.holidays.baseTables(),
    ctx.store.holidays.edits(),
  ]);
  const dates = new Set(changes.map((change) => change.date));
  const tables = applyHolidayEdits(base, [
    ...edits.filter((edit) => !dates.has(edit.date)),
    ...changes.map((change) => ({ ...change, source: change.source ?? null })),
  ]);
  for (const year of new Set(changes.map((change) => Number(change.date.slice(0, 4))))) {
    const table = tables.find((candidate) => candidate.year === year)!;
    const result = HolidayTableSchema.safeParse(table);
    if (!result.success) {
      const fields = zodFieldProblems(result.error, table, 2).map((field) => ({
        ...field,
        field: field.field || 'entry',
      }));
      throw invalid('the holiday table would not be valid with this entry', fields, {
        code: 'holiday-table-invalid',
      });
    }
  }
  return { base, edits, tables };
}

/**
 * Checks, storing nothing, that `changes` together keep the tables valid and give a reason for any closed month
 * they touch: a notice of several days (a swap and its làm bù Saturday) is checked whole before its first day is put.
 */
export async function checkHolidayEntries(
  ctx: ServiceContext,
  changes: readonly HolidayEntryEdit[],
): Promise<void> {
  const { tables } = await mergedTables(ctx, changes);
  const current = await loadHolidayCalendar(ctx.store);
  const next = createHolidayCalendar(tables);
  for (const change of changes) await holidayCorrections(ctx, change.date, current, next);
}

/** Sets (or with `entry: null`, removes) the table's entry for `date`, citing `source` if the table lacks it. */
export async function putHolidayEntry(
  ctx: ServiceContext,
  date: string,
  entry: HolidayEntry | null,
  source: HolidaySource | null = null,
) {
  const { base, edits, tables } = await mergedTables(ctx, [{ date, entry, source }]);
  const year = Number(date.slice(0, 4));
  const before =
    applyHolidayEdits(base, edits)
      .find((table) => table.year === year)
      ?.entries.find((candidate) => candidate.date === date) ?? null;
  // A closed month (month close) is not rewritten silently: 422 without a reason, else corrections in the same batch.
  const current = await loadHolidayCalendar(ctx.store);
  const nextCalendar = createHolidayCalendar(tables);
  const corrections = await holidayCorrections(ctx, date, current, nextCalendar);
  // Whose duty moves is worked out in the background, roster by roster, from this one row written with the edit.
  const noticeJob =
    JSON.stringify(before) === JSON.stringify(entry)
      ? []
      : [
          ctx.store.holidayNotices.jobStatement({
            date,
            before,
            after: entry,
            createdAt: ctx.now().toISOString(),
          }),
        ];
  await ctx.store.holidays.putEdit(
    { country: 'vn', date, entry, source },
    {
      action: entry ? 'holiday.put' : 'holiday.delete',
      rosterId: null,
      entity: 'holiday',
      entityId: date,
      before,
      after: entry,
    },
    stampOf(ctx),
    [...corrections, ...noticeJob],
  );
  // Any roster may be open that day: push them all (a full reconcile would catch a crash between these two steps).
  await enqueueEveryRoster(ctx, entry ? 'holiday.put' : 'holiday.delete');
  ctx.feedsChanged?.();
  if (noticeJob.length > 0) ctx.holidayNoticesChanged?.();
  return getHolidayTable(ctx, year);
}

/** The entry of `date` in the table from calendars/holidays (or the estimate), before any admin's edit. */
export async function baseHolidayEntry(
  ctx: ServiceContext,
  date: string,
): Promise<HolidayEntry | null> {
  const year = Number(date.slice(0, 4));
  const table =
    (await ctx.store.holidays.baseTables()).find((candidate) => candidate.year === year) ??
    estimateHolidayTable(year);
  return table.entries.find((entry) => entry.date === date) ?? null;
}

/** The days admins have edited in `year`. */
export async function holidayEditsOf(ctx: ServiceContext, year: number) {
  return (await ctx.store.holidays.edits()).filter(
    (edit) => Number(edit.date.slice(0, 4)) === year,
  );
}
