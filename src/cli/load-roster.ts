/** Finding the roster a command names (a file path or a roster id) together with the holiday tables it needs. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCalendarSet } from '../domain/calendar-set.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../domain/holidays.ts';
import type { Roster } from '../domain/roster-schema.ts';
import {
  calendarsDirectory,
  readCalendarDirectory,
  readSourceFile,
  UsageError,
} from './calendar-files.ts';
import { formatIssues } from './issues.ts';

export interface LoadedRoster {
  roster: Roster;
  holidays: HolidayCalendar;
}

/** Holiday tables from the calendars directory; a broken table stops the command rather than being skipped. */
export function loadHolidays(calendars: string | undefined): HolidayCalendar {
  const directory = calendarsDirectory(calendars);
  const files = existsSync(directory)
    ? readCalendarDirectory(directory).filter((file) => file.path.includes('holidays/'))
    : [];
  const set = loadCalendarSet(files);
  if (set.issues.length > 0)
    throw new UsageError(
      `holiday tables in ${directory} are invalid:\n${formatIssues(set.issues, directory)}`,
    );
  return createHolidayCalendar(set.holidayTables);
}

export function loadRoster(reference: string, calendars: string | undefined): LoadedRoster {
  const holidays = loadHolidays(calendars);
  if (existsSync(reference)) {
    const path = resolve(reference);
    const set = loadCalendarSet([{ ...readSourceFile(path), path: reference }]);
    if (set.issues.length > 0) throw new UsageError(formatIssues(set.issues));
    const found = set.rosters[0];
    if (!found) throw new UsageError(`${reference} is not a roster file`);
    return { roster: found.roster, holidays };
  }
  const directory = calendarsDirectory(calendars);
  const set = loadCalendarSet(readCalendarDirectory(directory));
  const found = set.rosters.find((entry) => entry.roster.id === reference);
  if (found) return { roster: found.roster, holidays };
  const known = set.rosters.map((entry) => entry.roster.id).join(', ') || 'none';
  throw new UsageError(
    `no roster file or roster id "${reference}" (rosters in ${directory}: ${known})`,
  );
}
