/** `lichtruc validate <file|dir>`: schema and semantic checks of roster files and holiday tables. */
import { readFileSync, statSync } from 'node:fs';
import { loadCalendarSet, type SourceFile } from '../domain/calendar-set.ts';
import { readCalendarDirectory, UsageError } from './calendar-files.ts';
import { formatIssues } from './issues.ts';

export interface ValidateResult {
  ok: boolean;
  report: string;
}

export function validate(target: string): ValidateResult {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(target).isDirectory();
  } catch {
    throw new UsageError(`${target} does not exist`);
  }
  // A lone file keeps the path it was given: holiday tables are recognised by it (holidays/<country>/<year>.yaml).
  const files: SourceFile[] = isDirectory
    ? readCalendarDirectory(target)
    : [{ path: target, text: readFileSync(target, 'utf8') }];
  if (files.length === 0)
    throw new UsageError(`no roster or holiday files (.yaml, .yml, .json) in ${target}`);
  const set = loadCalendarSet(files);
  if (set.issues.length > 0) {
    const broken = new Set(set.issues.map((issue) => issue.file)).size;
    const report = formatIssues(set.issues, isDirectory ? target : undefined);
    return { ok: false, report: `${report}\n${broken} of ${files.length} file(s) invalid` };
  }
  const summary = `${files.length} file(s) valid: ${set.rosters.length} roster(s), ${set.holidayTables.length} holiday table(s)`;
  return { ok: true, report: summary };
}
