/** Reading roster files and holiday tables from disk for the CLI; everything after reading is pure domain code. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCalendarFile, type SourceFile } from '../domain/calendar-set.ts';

/** The calendars shipped with lichtruc, used when neither `--calendars` nor `LICHTRUC_CALENDARS` says otherwise. */
const BUNDLED_CALENDARS = resolve(dirname(fileURLToPath(import.meta.url)), '../../calendars');

export function calendarsDirectory(explicit: string | undefined): string {
  if (explicit) return resolve(explicit);
  if (process.env.LICHTRUC_CALENDARS) return resolve(process.env.LICHTRUC_CALENDARS);
  return existsSync('calendars') ? resolve('calendars') : BUNDLED_CALENDARS;
}

export function readSourceFile(path: string, base = dirname(path)): SourceFile {
  return { path: relative(base, path).split(sep).join('/'), text: readFileSync(path, 'utf8') };
}

/** Every calendar file below `directory`, with paths relative to it, in a stable order. */
export function readCalendarDirectory(directory: string): SourceFile[] {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`${directory} is not a directory`);
  }
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (isCalendarFile(entry.name)) files.push(readSourceFile(path, directory));
    }
  };
  walk(directory);
  return files;
}

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
