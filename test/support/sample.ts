/** The calendars directory as the tests see it: the founding letter's roster and the official holiday tables. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadCalendarSet, type SourceFile } from '../../src/domain/calendar-set.ts';
import { createHolidayCalendar } from '../../src/domain/holidays.ts';
import type { Roster } from '../../src/domain/roster-schema.ts';

export const CALENDARS = join(import.meta.dirname, '../../calendars');

export function readCalendarFiles(directory = CALENDARS): SourceFile[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({
      path: relative(directory, join(directory, name)),
      text: readFileSync(join(directory, name), 'utf8'),
    }));
}

const set = loadCalendarSet(readCalendarFiles());
if (set.issues.length > 0)
  throw new Error(`sample calendars are invalid: ${JSON.stringify(set.issues)}`);

export const holidayTables = set.holidayTables;
export const holidays = createHolidayCalendar(set.holidayTables);
export const letterRoster: Roster = set.rosters.find(
  (entry) => entry.roster.id === 'so-vhttdl-bac-giang',
)!.roster;

export const HA = 'nguyen-manh-ha';
export const LUYEN = 'nguyen-van-luyen';
export const HANH = 'nguyen-van-hanh';

/** The letter's roster under another id, as a body for `POST /api/rosters`. */
export function letterRosterCopy(id: string, changes: Partial<Roster> = {}): Roster {
  return { ...letterRoster, id, name: `${letterRoster.name} (${id})`, ...changes };
}
