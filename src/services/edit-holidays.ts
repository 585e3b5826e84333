/**
 * Reading and editing the holiday table. A late government notice (a swap, a làm bù Saturday, a pending day coming
 * into force) is an edit of one date; the merged table is validated as a whole before it is saved, and every live
 * feed is re-published because any roster may be open that day.
 */
import { applyHolidayEdits } from '../domain/holiday-edits.ts';
import { type HolidayEntry, type HolidaySource, HolidayTableSchema } from '../domain/holiday-schema.ts';
import { createHolidayCalendar } from '../domain/holidays.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid } from './errors.ts';
import { enqueueEveryRoster } from './enqueue.ts';
import { holidayCorrections } from './holiday-corrections.ts';
import { publishAllFeeds } from './publish-feeds.ts';
import { loadHolidayCalendar } from './roster-state.ts';

export async function getHolidayTable(ctx: ServiceContext, year: number) {
  const calendar = await loadHolidayCalendar(ctx.store);
  return { ...calendar.tableFor(year), estimated: calendar.isEstimated(year) };
}

/** Sets (or with `entry: null`, removes) the table's entry for `date`, citing `source` if the table lacks it. */
export async function putHolidayEntry(ctx: ServiceContext, date: string, entry: HolidayEntry | null, source: HolidaySource | null = null) {
  if (entry && entry.date !== date) throw invalid('the entry is for another date', [{ field: 'date', message: `must be ${date}` }]);
  const [base, edits] = await Promise.all([ctx.store.holidays.baseTables(), ctx.store.holidays.edits()]);
  const year = Number(date.slice(0, 4));
  const before = applyHolidayEdits(base, edits).find((table) => table.year === year)?.entries.find((candidate) => candidate.date === date) ?? null;
  const tables = applyHolidayEdits(base, [...edits.filter((edit) => edit.date !== date), { date, entry, source }]);
  const merged = tables.find((table) => table.year === year)!;
  const result = HolidayTableSchema.safeParse(merged);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => ({ field: issue.path.slice(2).map(String).join('.') || 'entry', message: issue.message }));
    throw invalid('the holiday table would not be valid with this entry', fields);
  }
  // A closed month (month close) is not rewritten silently: 422 without a reason, else corrections in the same batch.
  const corrections = await holidayCorrections(ctx, date, await loadHolidayCalendar(ctx.store), createHolidayCalendar(tables));
  await ctx.store.holidays.putEdit(
    { country: 'vn', date, entry, source },
    { action: entry ? 'holiday.put' : 'holiday.delete', rosterId: null, entity: 'holiday', entityId: date, before, after: entry },
    stampOf(ctx),
    corrections,
  );
  // Any roster may be open that day: push them all (a full reconcile would catch a crash between these two steps).
  await enqueueEveryRoster(ctx, entry ? 'holiday.put' : 'holiday.delete');
  await publishAllFeeds(ctx);
  return getHolidayTable(ctx, year);
}
