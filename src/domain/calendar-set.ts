/**
 * The calendars directory as data: roster files and holiday tables (`holidays/<country>/<year>.yaml`), parsed and
 * cross-checked. Reading the files is the caller's job (CLI, Node entry, Worker bundle), so this stays pure.
 */
import { type DocumentIssue, parseDocumentWith } from './parse-document.ts';
import { type HolidayTable, HolidayTableSchema } from './holiday-schema.ts';
import { type Roster, RosterSchema } from './roster-schema.ts';

export interface SourceFile {
  /** Path relative to the calendars directory, with forward slashes. */
  path: string;
  text: string;
}

export interface FileIssue extends DocumentIssue {
  file: string;
}

export interface CalendarSet {
  rosters: { path: string; roster: Roster }[];
  holidayTables: HolidayTable[];
  issues: FileIssue[];
}

const HOLIDAY_PATH = /(^|\/)holidays\/([a-z]{2})\/(\d{4})\.(ya?ml|json)$/;

export function isCalendarFile(path: string): boolean {
  return /\.(ya?ml|json)$/.test(path) && !path.endsWith('.schema.json');
}

export function loadCalendarSet(files: readonly SourceFile[]): CalendarSet {
  const set: CalendarSet = { rosters: [], holidayTables: [], issues: [] };
  const fail = (file: string, issue: DocumentIssue) => set.issues.push({ file, ...issue });
  const rosterFiles = new Map<string, string>();

  for (const file of files) {
    const holiday = HOLIDAY_PATH.exec(file.path);
    if (holiday) {
      const result = parseDocumentWith(HolidayTableSchema, file.text);
      if (!result.ok) for (const issue of result.issues) fail(file.path, issue);
      else if (String(result.value.year) !== holiday[3]) {
        fail(file.path, {
          line: 1,
          column: 1,
          path: 'year',
          message: `year ${result.value.year} does not match the file name`,
        });
      } else set.holidayTables.push(result.value);
      continue;
    }
    const result = parseDocumentWith(RosterSchema, file.text);
    if (!result.ok) {
      for (const issue of result.issues) fail(file.path, issue);
      continue;
    }
    const previous = rosterFiles.get(result.value.id);
    if (previous) {
      fail(file.path, {
        line: 1,
        column: 1,
        path: 'id',
        message: `roster id "${result.value.id}" is already defined in ${previous}`,
      });
      continue;
    }
    rosterFiles.set(result.value.id, file.path);
    set.rosters.push({ path: file.path, roster: result.value });
  }
  return set;
}
