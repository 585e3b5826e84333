/**
 * Provisioning from calendars/: every roster file and holiday table is applied declaratively and idempotently at
 * start-up (or deploy). An unchanged file changes nothing; a changed one replaces the definition, keeps the roster's
 * facts, is audited, and re-publishes the feeds it touches. A roster whose file disappeared is kept (with its facts
 * and feeds) and flagged, never deleted behind the admins' backs.
 */
import type { CalendarSet } from '../domain/calendar-set.ts';
import { contentHash } from '../domain/hash.ts';
import type { Roster } from '../domain/roster-schema.ts';
import { auditStatement, replaceDefinition } from '../storage/statements.ts';
import { enqueueStatements } from '../storage/sync-store.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid } from './errors.ts';
import { enqueueEveryRoster } from './enqueue.ts';
import { definitionNoticeStatements } from './notice-changes.ts';
import { publishAllFeeds, publishRosterFeeds } from './publish-feeds.ts';
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
}

export async function applyCalendars(ctx: ServiceContext, set: CalendarSet): Promise<ApplyReport> {
  if (set.issues.length > 0) {
    throw invalid(
      'the calendars directory has invalid files',
      set.issues.map((issue) => ({
        field: `${issue.file}:${issue.line}:${issue.column}`,
        message: issue.message,
      })),
    );
  }
  const report: ApplyReport = { rosters: [], holidayTables: [], missing: [] };
  const now = ctx.now().toISOString();
  for (const table of set.holidayTables) {
    const result = await ctx.store.holidays.putBase(table, contentHash(JSON.stringify(table)), now);
    report.holidayTables.push({ year: table.year, result });
  }
  const changed: [Roster, Roster | null][] = [];
  for (const { path, roster } of set.rosters) {
    const entry = await applyRosterFile(ctx, path, roster);
    report.rosters.push(entry.report);
    if (entry.changed) changed.push(entry.changed);
  }

  const fileIds = new Set(set.rosters.map((entry) => entry.roster.id));
  const fileRosters = (await ctx.store.listRosters()).filter((stored) => stored.origin === 'file');
  report.missing = fileRosters
    .filter((stored) => !fileIds.has(stored.id))
    .map((stored) => stored.id);
  await ctx.store.setFileMissing(report.missing, true);
  await ctx.store.setFileMissing(
    fileRosters
      .filter((stored) => fileIds.has(stored.id) && stored.fileMissing)
      .map((stored) => stored.id),
    false,
  );

  if (report.holidayTables.some((table) => table.result !== 'unchanged')) {
    await enqueueEveryRoster(ctx, 'holidays.apply-file');
    await publishAllFeeds(ctx);
  } else {
    for (const [next, before] of changed) await publishRosterFeeds(ctx, next, before);
  }
  return report;
}

async function applyRosterFile(ctx: ServiceContext, path: string, roster: Roster) {
  const stamp = { ...stampOf(ctx), actor: { name: `calendars/${path}`, requestId: null } };
  const hash = definitionHash(roster);
  const stored = await ctx.store.getRoster(roster.id);
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
      ...(await definitionNoticeStatements(ctx, stored, roster)),
    ],
  );
  return {
    report: { id: roster.id, path, result: 'updated' as const },
    changed: [roster, stored.roster] as [Roster, Roster],
  };
}
