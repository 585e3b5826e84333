/**
 * Applying the calendars/ directory at start-up in time proportional to what changed: every file's text is hashed
 * and compared with the hash recorded when it was last applied, and only new or changed files are parsed and
 * applied. A file that cannot be applied is recorded with its issues (the admin pages list it) and skipped; its
 * roster keeps its last good state, and the other files are applied as usual.
 */
import { type CalendarSet, loadCalendarSet, type SourceFile } from '../domain/calendar-set.ts';
import { contentHash } from '../domain/hash.ts';
import type { CalendarFileRecord } from '../storage/calendar-file-store.ts';
import { type ApplyReport, applyCalendars } from './apply-calendars.ts';
import type { ServiceContext } from './context.ts';

export interface FilesReport extends ApplyReport {
  /** Files skipped because their text has not changed since they were last applied. */
  unchanged: number;
  /** Every file that is broken now (changed or not), with readable issues. */
  broken: { path: string; issues: string[] }[];
}

export type Progress = (
  phase: 'parsing' | 'applying',
  done: number,
  total: number,
) => void | Promise<void>;

/**
 * Files parsed between two progress calls (the Node entry yields to requests there): a request needs a few turns of
 * the event loop, so chunks stay small enough that /healthz answers within a fraction of a second meanwhile.
 */
const CHUNK = 4;

export async function applyCalendarFiles(
  ctx: ServiceContext,
  files: readonly SourceFile[],
  progress: Progress = () => undefined,
): Promise<FilesReport> {
  const records = new Map((await ctx.store.calendarFiles.list()).map((r) => [r.path, r]));
  const hashes = new Map(files.map((file) => [file.path, contentHash(file.text)]));
  const changed = files.filter(
    (file) => records.get(file.path)?.textHash !== hashes.get(file.path),
  );
  const changedPaths = new Set(changed.map((file) => file.path));
  const kept = new Set(files.map((file) => file.path).filter((path) => !changedPaths.has(path)));

  const set = await parseInChunks(changed, progress);
  rejectClashes(
    set,
    [...kept].map((path) => records.get(path)!),
  );
  const report = await applyCalendars(ctx, set, {
    keptPaths: kept,
    onProgress: (done, total) => progress('applying', done, total),
  });

  const now = ctx.now().toISOString();
  const updated: CalendarFileRecord[] = changed.map((file) => ({
    path: file.path,
    textHash: hashes.get(file.path)!,
    rosterId: set.rosters.find((entry) => entry.path === file.path)?.roster.id ?? null,
    issues: set.issues
      .filter((issue) => issue.file === file.path)
      .map((issue) => `${issue.line}:${issue.column} ${issue.message}`),
    checkedAt: now,
  }));
  const removed = [...records.keys()].filter((path) => !hashes.has(path));
  await ctx.store.calendarFiles.save(updated, removed);
  const broken = (await ctx.store.calendarFiles.list())
    .filter((record) => record.issues.length > 0)
    .map(({ path, issues }) => ({ path, issues }));
  return { ...report, unchanged: kept.size, broken };
}

/** Parses `files` a chunk at a time, so the caller's progress callback can let requests through in between. */
async function parseInChunks(files: readonly SourceFile[], progress: Progress) {
  const set: CalendarSet = { rosters: [], holidayTables: [], issues: [] };
  for (let start = 0; start < files.length; start += CHUNK) {
    const part = loadCalendarSet(files.slice(start, start + CHUNK));
    set.rosters.push(...part.rosters);
    set.holidayTables.push(...part.holidayTables);
    set.issues.push(...part.issues);
    await progress('parsing', Math.min(start + CHUNK, files.length), files.length);
  }
  return set;
}

/**
 * Two files defining one roster id are refused (the later one), as `loadCalendarSet` does within one call: across
 * chunks, and against files left unparsed because they did not change.
 */
function rejectClashes(set: CalendarSet, unchanged: readonly CalendarFileRecord[]): void {
  const owners = new Map(
    unchanged.flatMap((record) => (record.rosterId ? [[record.rosterId, record.path]] : [])),
  );
  set.rosters = set.rosters.filter(({ path, roster }) => {
    const owner = owners.get(roster.id);
    if (owner === undefined) {
      owners.set(roster.id, path);
      return true;
    }
    set.issues.push({
      file: path,
      line: 1,
      column: 1,
      path: 'id',
      message: `roster id "${roster.id}" is already defined in ${owner}`,
    });
    return false;
  });
}
