/**
 * The holiday calendar: answers "is the office open on this date, and why not" from the official tables, falling
 * back to an estimated table (computed from the lunar calendar) for years no notice covers yet.
 */
import { type IsoDate, isWeekend, yearOf } from './dates.ts';
import { estimateHolidayTable } from './estimate-holidays.ts';
import type { HolidayEntry, HolidayTable } from './holiday-schema.ts';

export type DayStatus =
  | { type: 'working' }
  | { type: 'weekend' }
  /** A weekday the office is closed: a holiday, a nghỉ bù or a swapped day. */
  | { type: 'closed'; entry: HolidayEntry }
  /** A Saturday or Sunday that is a working day (làm bù), standing in for the weekday `entry.replaces`. */
  | { type: 'makeup'; entry: HolidayEntry; replaces: IsoDate };

export interface HolidayCalendar {
  statusOn(date: IsoDate): DayStatus;
  /** The table that decides `year`: the official one when there is one, else an estimate. */
  tableFor(year: number): HolidayTable;
  /** True when `year` has no table of its own and is estimated. */
  isEstimated(year: number): boolean;
}

/** Entries that are in force: pending ones (e.g. a day off awaiting a law) wait until an admin switches them on. */
function inForce(entry: HolidayEntry): boolean {
  return entry.status !== 'pending';
}

export function createHolidayCalendar(tables: readonly HolidayTable[]): HolidayCalendar {
  const official = new Map<number, HolidayTable>();
  for (const table of tables) {
    if (official.has(table.year)) throw new Error(`two holiday tables for ${table.year}`);
    official.set(table.year, table);
  }
  const byYear = new Map<number, Map<IsoDate, HolidayEntry>>();

  const tableFor = (year: number): HolidayTable => official.get(year) ?? estimateHolidayTable(year);
  const entriesOf = (year: number): Map<IsoDate, HolidayEntry> => {
    let entries = byYear.get(year);
    if (!entries) {
      entries = new Map(
        tableFor(year)
          .entries.filter(inForce)
          .map((entry) => [entry.date, entry]),
      );
      byYear.set(year, entries);
    }
    return entries;
  };

  // Expansion asks for every day of every roster: each date's answer is worked out once per calendar.
  const statuses = new Map<IsoDate, DayStatus>();
  const statusOf = (date: IsoDate): DayStatus => {
    let status = statuses.get(date);
    if (!status) {
      status = computeStatus(date);
      if (statuses.size >= 100_000) statuses.clear();
      statuses.set(date, status);
    }
    return status;
  };
  const computeStatus = (date: IsoDate): DayStatus => {
    const entry = entriesOf(yearOf(date)).get(date);
    const weekend = isWeekend(date);
    if (entry?.kind === 'makeup-workday' && entry.replaces)
      return { type: 'makeup', entry, replaces: entry.replaces };
    if (weekend) return { type: 'weekend' };
    if (entry) return { type: 'closed', entry };
    return { type: 'working' };
  };

  return {
    tableFor,
    isEstimated: (year) => !official.has(year),
    statusOn: statusOf,
  };
}
