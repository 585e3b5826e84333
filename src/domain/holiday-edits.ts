/**
 * Admins' edits of the holiday table (a late notice adds a swap, a pending day comes into force), layered by date
 * over the base tables from calendars/holidays or, for a year without one, over the estimated table.
 */
import { yearOf } from './dates.ts';
import { estimateHolidayTable } from './estimate-holidays.ts';
import type { HolidayEntry, HolidaySource, HolidayTable } from './holiday-schema.ts';

export interface HolidayEditInput {
  date: string;
  /** null removes the day from the table. */
  entry: HolidayEntry | null;
  /** A document the entry cites that the table does not list yet (a notice that arrived late). */
  source?: HolidaySource | null;
}

/** Tables with the edits applied; a year that only has edits starts from its estimate. */
export function applyHolidayEdits(
  base: readonly HolidayTable[],
  edits: readonly HolidayEditInput[],
): HolidayTable[] {
  const tables = new Map(base.map((table) => [table.year, table]));
  for (const edit of edits) {
    const year = yearOf(edit.date);
    const table = tables.get(year) ?? estimateHolidayTable(year);
    const entries = table.entries.filter((entry) => entry.date !== edit.date);
    if (edit.entry) entries.push(edit.entry);
    entries.sort((a, b) => a.date.localeCompare(b.date));
    const source = edit.source;
    const sources =
      source && !table.sources.some((known) => known.id === source.id)
        ? [...table.sources, source]
        : table.sources;
    tables.set(year, { ...table, sources, entries });
  }
  return [...tables.values()].sort((a, b) => a.year - b.year);
}

/** A holiday edit as its notices see it: the date's entry in the merged table before and after (null: none). */
export interface HolidayEntryChange {
  date: string;
  before: HolidayEntry | null;
  after: HolidayEntry | null;
}

const withEntry = (
  edits: readonly HolidayEditInput[],
  date: string,
  entry: HolidayEntry | null,
): HolidayEditInput[] => [...edits.filter((edit) => edit.date !== date), { date, entry }];

/**
 * The edits as they stood just before and just after `change`, rebuilt from the edits as they stand now by undoing
 * the changes recorded since (`later`, oldest first) newest first: a fan-out that runs after further edits still
 * compares exactly what this one changed.
 */
export function editsAround(
  current: readonly HolidayEditInput[],
  change: HolidayEntryChange,
  later: readonly HolidayEntryChange[],
): { before: HolidayEditInput[]; after: HolidayEditInput[] } {
  let then = [...current];
  for (const undo of [...later].reverse()) then = withEntry(then, undo.date, undo.before);
  return {
    before: withEntry(then, change.date, change.before),
    after: withEntry(then, change.date, change.after),
  };
}
