/**
 * Provisioning from calendars/: every roster file and holiday table is applied declaratively and idempotently at
 * start-up (or deploy). An unchanged file changes nothing; a changed one replaces the definition, keeps the roster's
 * facts, is audited, and marks the feeds it touches stale. A roster whose file disappeared is kept (with its facts
 * and feeds) and flagged, never deleted behind the admins' backs. A file that cannot be applied (bad YAML, an alias
 * bomb, an invalid roster) is reported and skipped: the other files are applied and its roster keeps its last good
 * state.
 */
import type { CalendarSet, FileIssue } from '../domain/calendar-set.ts';
import { contentHash } from '../domain/hash.ts';
import type { Roster } from '../domain/roster-schema.ts';
import { auditStatement, replaceDefinition } from '../storage/statements.ts';
import { enqueueStatements } from '../storage/sync-store.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { enqueueEveryRoster } from './enqueue.ts';
import { definitionNoticeStatements } from './notice-changes.ts';
import { invalidateRosterFeeds } from './publish-feeds.ts';
import { rosterToReplace } from './read-roster.ts';
import { definitionHash } from './validate-roster.ts';

export interface ApplyReport {
  rosters: {
    id: string;
    path: string;
    result: 'created' | 'updated' | 'unchanged' | 'skipped';
    reason?: string;
  }[];
  holidayTables: { year: number; result: 'created' | 'updated' | 'unchanged' }[];
  /** File-defined rosters whose file is gone. */
  missing: string[];
  /** Files that could not be applied, with their locations; nothing of them was stored. */
  issues: FileIssue[];
}

export interface ApplyOptions {
  /**
   * Files present in calendars/ but left out of the set (unchanged since they were last applied): their rosters are
   * kept as stored, neither applied nor flagged missing.
   */
  keptPaths?: ReadonlySet<string>;
  /** Called after each roster: the Node entry logs progress and lets requests through meanwhile. */
  onProgress?(done: number, total: number): Promise<void> | void;
}

export async function applyCalendars(
  ctx: ServiceContext,
  set: CalendarSet,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const report: ApplyReport = { rosters: [], holidayTables: [], missing: [], issues: set.issues };
  const now = ctx.now().toISOString();
  for (const table of set.holidayTables) {
    const result = await ctx.store.holidays.putBase(table, contentHash(JSON.stringify(table)), now);
    report.holidayTables.push({ year: table.year, result });
  }
  const changed: [Roster, Roster | null][] = [];
  for (const [index, { path, roster }] of set.rosters.entries()) {
    const entry = await applyRosterFile(ctx, path, roster);
    report.rosters.push(entry.report);
    if (entry.changed) changed.push(entry.changed);
    await options.onProgress?.(index + 1, set.rosters.length);
  }

  // A broken file's roster is not missing: it keeps its last good state until the file is fixed.
  const kept = new Set([...(options.keptPaths ?? []), ...set.issues.map((issue) => issue.file)]);
  const fileIds = new Set(set.rosters.map((entry) => entry.roster.id));
  const fileRosters = await ctx.store.fileRosters();
  report.missing = fileRosters
    .filter((stored) => !fileIds.has(stored.id) && !kept.has(stored.sourcePath ?? ''))
    .map((stored) => stored.id);
  await ctx.store.setFileMissing(report.missing, true);
  await ctx.store.setFileMissing(
    fileRosters
      .filter((stored) => fileIds.has(stored.id) && stored.fileMissing)
      .map((stored) => stored.id),
    false,
  );

  // A changed holiday table bumped the holidays version, which every feed checks; a changed roster marks its own.
  if (report.holidayTables.some((table) => table.result !== 'unchanged')) {
    await enqueueEveryRoster(ctx, 'holidays.apply-file');
    ctx.feedsChanged?.();
  }
  for (const [next, before] of changed) await invalidateRosterFeeds(ctx, next, before);
  return report;
}

async function applyRosterFile(ctx: ServiceContext, path: string, roster: Roster) {
  const stamp = { ...stampOf(ctx), actor: { name: `calendars/${path}`, requestId: null } };
  const hash = definitionHash(roster);
  // A stored definition that no longer reads is mended by its file: replaced without the notices of its slot changes.
  const stored = await rosterToReplace(ctx.store, roster.id);
  if (!stored) {
    await ctx.store.insertRoster(
      {
        id: roster.id,
        origin: 'file',
        sourcePath: path,
        roster,
        definitionHash: hash,
        createdAt: stamp.now,
      },
      stamp,
    );
    return {
      report: { id: roster.id, path, result: 'created' as const },
      changed: [roster, null] as [Roster, null],
    };
  }
  if (stored.origin === 'api') {
    return {
      report: {
        id: roster.id,
        path,
        result: 'skipped' as const,
        reason: 'a roster created over the API already has this id',
      },
      changed: null,
    };
  }
  if (stored.definitionHash === hash && stored.sourcePath === path)
    return { report: { id: roster.id, path, result: 'unchanged' as const }, changed: null };
  await ctx.store.commit(
    { rosterId: roster.id, column: 'version', expected: stored.version },
    stamp.now,
    [
      replaceDefinition(roster, hash, stamp.now),
      {
        sql: 'UPDATE rosters SET source_path = ? WHERE id = ? AND :guard',
        values: [path, roster.id],
      },
      auditStatement(
        {
          action: 'roster.apply-file',
          rosterId: roster.id,
          entity: 'roster',
          entityId: roster.id,
          before: stored.roster,
          after: roster,
        },
        stamp,
      ),
      ...enqueueStatements(roster.id, [null], 'roster.apply-file', stamp.now),
      ...(stored.roster
        ? await definitionNoticeStatements(ctx, { ...stored, roster: stored.roster }, roster)
        : []),
    ],
  );
  return {
    report: { id: roster.id, path, result: 'updated' as const },
    changed: [roster, stored.roster] as [Roster, Roster | null],
  };
}
