/**
 * Creating, replacing, editing and deleting API-managed rosters. A roster defined by a file in calendars/ is
 * read-only here (edit the file); every edit names the version it was made on (If-Match), so two admins cannot
 * overwrite each other silently.
 */
import type { Roster } from '../domain/roster-schema.ts';
import type { StoredRoster } from '../storage/records.ts';
import { auditStatement, replaceDefinition, revokeRosterFeeds } from '../storage/statements.ts';
import { invalidateFeedsStatement } from '../storage/feed-versions.ts';
import { enqueueStatements } from '../storage/sync-store.ts';
import { withdrawStatements } from '../storage/sync-withdrawals.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, notFound, ServiceError } from './errors.ts';
import { definitionNoticeStatements } from './notice-changes.ts';
import { invalidateRosterFeeds, rosterFeedScopes } from './publish-feeds.ts';
import { rosterToReplace } from './read-roster.ts';
import { requireRoster } from './roster-state.ts';
import { publishTargets } from './sync-run.ts';
import { definitionHash, validateRoster } from './validate-roster.ts';

export const rosterEtag = (stored: Pick<StoredRoster, 'version'>) => `"v${stored.version}"`;

function requireEditable(stored: Omit<StoredRoster, 'roster'>, ifMatch: string | undefined): void {
  if (stored.origin === 'file') {
    throw new ServiceError(
      'read-only',
      `roster "${stored.id}" is defined by ${stored.sourcePath}: edit that file instead (absences, overrides and swaps can be changed here)`,
      [],
      { code: 'roster-from-file', params: { path: stored.sourcePath ?? '' } },
    );
  }
  if (!ifMatch)
    throw new ServiceError(
      'precondition-required',
      `send If-Match: ${rosterEtag(stored)} (the roster's current ETag) to change it`,
      [],
      { code: 'stale-version' },
    );
  if (ifMatch !== '*' && !ifMatch.split(',').some((tag) => tag.trim() === rosterEtag(stored))) {
    throw new ServiceError(
      'precondition-failed',
      `roster "${stored.id}" has changed since you read it (now ${rosterEtag(stored)}): reload and try again`,
      [],
      { code: 'stale-version' },
    );
  }
}

export async function createRoster(ctx: ServiceContext, input: unknown): Promise<StoredRoster> {
  const roster = validateRoster(input);
  if (await ctx.store.getRoster(roster.id))
    throw conflict(
      `a roster with id "${roster.id}" already exists`,
      [{ field: 'id', message: 'already exists' }],
      { code: 'roster-exists', params: { id: roster.id } },
    );
  const stamp = stampOf(ctx);
  await ctx.store.insertRoster(
    {
      id: roster.id,
      origin: 'api',
      sourcePath: null,
      roster,
      definitionHash: definitionHash(roster),
      createdAt: stamp.now,
    },
    stamp,
  );
  // Members' feeds span all their rosters: a new roster shows up in them at their next GET.
  await invalidateRosterFeeds(ctx, roster);
  ctx.afterChange?.(roster.id);
  return (await ctx.store.getRoster(roster.id))!;
}

/** Replaces the definition with `edit(current)`, validated as a whole. */
export async function editRoster(
  ctx: ServiceContext,
  rosterId: string,
  ifMatch: string | undefined,
  edit: (current: Roster) => unknown,
): Promise<StoredRoster> {
  const stored = await requireRoster(ctx, rosterId);
  return writeDefinition(ctx, stored, ifMatch, () => edit(structuredClone(stored.roster)));
}

/**
 * Replaces the definition with `next` (PUT). Needing nothing of the old one, it also mends a roster whose stored
 * definition no longer reads: written without the notices of its slot changes (the old slots cannot be computed).
 */
export async function replaceRoster(
  ctx: ServiceContext,
  rosterId: string,
  ifMatch: string | undefined,
  next: unknown,
): Promise<StoredRoster> {
  const stored = await rosterToReplace(ctx.store, rosterId);
  if (!stored) throw notFound(`roster "${rosterId}"`, { entity: 'roster', id: rosterId });
  return writeDefinition(ctx, stored, ifMatch, () => next);
}

async function writeDefinition(
  ctx: ServiceContext,
  stored: Omit<StoredRoster, 'roster'> & { roster: Roster | null },
  ifMatch: string | undefined,
  propose: () => unknown,
): Promise<StoredRoster> {
  const rosterId = stored.id;
  requireEditable(stored, ifMatch);
  const next = validateRoster(propose());
  if (next.id !== rosterId)
    throw conflict(
      'a roster id never changes: feed links and event identities derive from it',
      [{ field: 'id', message: `must stay ${rosterId}` }],
      { code: 'roster-id-fixed', params: { id: rosterId } },
    );
  const stamp = stampOf(ctx);
  const written = await ctx.store.commit(
    { rosterId, column: 'version', expected: stored.version },
    stamp.now,
    [
      replaceDefinition(next, definitionHash(next), stamp.now),
      auditStatement(
        {
          action: 'roster.update',
          rosterId,
          entity: 'roster',
          entityId: rosterId,
          before: stored.roster,
          after: next,
        },
        stamp,
      ),
      ...enqueueStatements(rosterId, [null], 'roster.update', stamp.now),
      ...(stored.roster
        ? await definitionNoticeStatements(ctx, { ...stored, roster: stored.roster }, next)
        : []),
      invalidateFeedsStatement(rosterFeedScopes(next, stored.roster ?? next)),
    ],
  );
  if (!written)
    throw new ServiceError(
      'precondition-failed',
      `roster "${rosterId}" was changed by someone else at the same moment: reload and try again`,
      [],
      { code: 'concurrent-change' },
    );
  ctx.feedsChanged?.();
  ctx.afterChange?.(rosterId);
  return (await ctx.store.getRoster(rosterId))!;
}

export async function deleteRoster(
  ctx: ServiceContext,
  rosterId: string,
  ifMatch: string | undefined,
): Promise<void> {
  const stored = await requireRoster(ctx, rosterId);
  requireEditable(stored, ifMatch);
  const facts = await ctx.store.factsOf(rosterId);
  const stamp = stampOf(ctx);
  // The audit entry keeps the definition and its facts: deleting a roster never loses what admins entered. What
  // it pushed to calendars is withdrawn by the sync, from a row written in this same batch.
  const written = await ctx.store.commit(
    { rosterId, column: 'version', expected: stored.version },
    stamp.now,
    [
      revokeRosterFeeds(rosterId, stamp.now),
      auditStatement(
        {
          action: 'roster.delete',
          rosterId,
          entity: 'roster',
          entityId: rosterId,
          before: { roster: stored.roster, facts },
        },
        stamp,
      ),
      ...withdrawStatements(publishTargets(stored.roster), stamp.now),
      invalidateFeedsStatement(rosterFeedScopes(stored.roster)),
      { sql: 'DELETE FROM rosters WHERE id = ? AND :guard', values: [rosterId] },
    ],
  );
  if (!written)
    throw new ServiceError(
      'precondition-failed',
      `roster "${rosterId}" was changed by someone else at the same moment: reload and try again`,
      [],
      { code: 'concurrent-change' },
    );
  ctx.feedsChanged?.();
  ctx.afterChange?.(rosterId);
}
