/** Picking the entry of an effective-dated list, and the working hours, that apply on a given date. */
import type { IsoDate } from './dates.ts';
import type { Roster, Season } from './roster-schema.ts';

/**
 * The entry in force on `date`: the last one whose `from` is on or before it. Before the first `from`, the first
 * entry applies (it describes how things were before anything changed).
 */
export function effectiveOn<T extends { from?: IsoDate | undefined }>(
  entries: readonly T[],
  date: IsoDate,
): T {
  let current = entries[0]!;
  for (const entry of entries) {
    if (entry.from && entry.from <= date) current = entry;
  }
  return current;
}

function inSeason(season: Season, monthDay: string): boolean {
  return season.from <= season.to
    ? monthDay >= season.from && monthDay <= season.to
    : monthDay >= season.from || monthDay <= season.to;
}

/** The season whose hours apply on `date` (seasons are validated to cover every day of the year). */
export function seasonOn(roster: Roster, date: IsoDate): Season {
  const { seasons } = effectiveOn(roster.workingHours, date);
  const monthDay = date.slice(5);
  return seasons.find((season) => inSeason(season, monthDay)) ?? seasons[0]!;
}
