/**
 * One sync of one roster to one provider: plan (desired slots against records, and on a full resync against the
 * remote calendar), then apply the plan in batches, recording each result as it lands so a crash at any instant
 * leaves records that the next run converges from. Rate limits and outages are retried with backoff; a credentials
 * or sharing problem stops the provider for this roster and is shown in words a person can act on.
 */
import { addDays } from '../domain/dates.ts';
import { type DateRange, nearestFirst } from '../domain/push-order.ts';
import type { Roster } from '../domain/roster-schema.ts';
import { planSync, type SyncOp } from '../domain/sync-plan.ts';
import { dateInZone } from '../domain/zone.ts';
import {
  type CalendarProvider,
  ProviderError,
  type ProviderName,
  type ProviderTarget,
} from '../providers/calendar-provider.ts';
import { executeOps } from './execute-ops.ts';
import type { SyncDeps } from './sync-deps.ts';
import {
  countPlan,
  desiredEventsOf,
  newRunResult,
  recordOf,
  type SyncRunResult,
  targetOf,
} from './sync-run.ts';
import { sharesWithinBudget } from './write-budget.ts';

export async function syncRoster(
  deps: SyncDeps,
  rosterId: string,
  providerName: ProviderName,
  options: {
    full: boolean;
    dryRun: boolean;
    range?: DateRange | undefined;
    /** No batch starts after this instant (ms): a drain's run limit. */
    until?: number | undefined;
  },
): Promise<SyncRunResult> {
  const provider = deps.providers[providerName] as CalendarProvider;
  const stored = (await deps.store.getRoster(rosterId))!;
  const target = targetOf(stored.roster, providerName)!;
  const today = dateInZone(deps.now(), stored.roster.timeZone);
  // A drain may push one band of the horizon at a time (push-order.ts); a full reconcile lists all of it.
  const horizon = (!options.full && options.range) || {
    from: addDays(today, -deps.horizon.pastDays),
    to: addDays(today, deps.horizon.futureDays),
  };
  const result = newRunResult(providerName, rosterId, options);
  const startedAt = deps.now().toISOString();
  const previous = await deps.store.sync.state(providerName, rosterId);
  const saveState = (progress: { done: number; total: number } | null, finished: boolean) =>
    deps.store.sync.saveState({
      provider: providerName,
      rosterId,
      lastStartedAt: startedAt,
      lastFinishedAt: finished ? deps.now().toISOString() : (previous?.lastFinishedAt ?? null),
      lastResult: finished
        ? {
            ...result.plan,
            applied: result.applied,
            failed: result.failed,
            pending: result.pending,
          }
        : (previous?.lastResult ?? null),
      lastError: result.error,
      blocked: result.blocked,
      progress,
    });

  try {
    const desired = await desiredEventsOf(deps, stored, horizon);
    const records = await deps.store.sync.records(providerName, rosterId);
    const remote = options.full ? await provider.listOwned(target, horizon) : undefined;
    const plan = planSync({ desired, records, horizon, ...(remote ? { remote } : {}) });
    result.plan = countPlan(plan.ops, plan.unchanged);
    if (options.dryRun) return result;

    const adopted = plan.ops.filter((op) => op.type === 'adopt');
    await deps.store.sync.saveRecords(
      providerName,
      rosterId,
      adopted.map((op) => recordOf(op, op.remote.remoteId, op.remote.etag)),
      startedAt,
    );
    const writes = nearestFirst(
      plan.ops.filter((op): op is Exclude<SyncOp, { type: 'adopt' }> => op.type !== 'adopt'),
      today,
    );
    await saveState({ done: 0, total: writes.length }, false);
    const outcome = await executeOps(
      deps,
      provider,
      target,
      writes,
      async (landed, done) => {
        await deps.store.sync.saveRecords(
          providerName,
          rosterId,
          landed.map(({ op, remoteId, etag }) => recordOf(op, remoteId, etag)),
          deps.now().toISOString(),
        );
        await saveState({ done, total: writes.length }, false);
      },
      options.until,
    );
    Object.assign(result, {
      applied: outcome.applied,
      failed: outcome.rejected.length,
      pending: outcome.pending,
    });
    if (outcome.waitMs !== undefined) result.waitMs = outcome.waitMs;
    result.error = outcome.rejected[0]?.message ?? outcome.lastRetryable?.message ?? null;
    result.error = (await syncShares(deps, provider, target, stored.roster)) ?? result.error;
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    result.error = error.message;
    result.blocked = error.kind === 'credentials' || error.kind === 'not-shared';
    result.pending = result.plan.create + result.plan.update + result.plan.delete - result.applied;
  }
  await saveState(null, true);
  return result;
}

/**
 * Members with an account at this provider see the calendar in their own calendar app (Google: a reader share).
 * Without the right to manage sharing the events still go out: the problem is reported, the push is not stopped.
 */
async function syncShares(
  deps: SyncDeps,
  provider: CalendarProvider,
  target: ProviderTarget,
  roster: Roster,
): Promise<string | undefined> {
  if (!provider.syncShares) return;
  const wanted = [
    ...new Set(
      roster.members.flatMap((member) =>
        provider.name === 'google' && member.googleAccount
          ? [member.googleAccount.toLowerCase()]
          : [],
      ),
    ),
  ].sort();
  const made = await deps.store.sync.shares(provider.name, roster.id);
  if (wanted.join() === made.map((share) => share.account).join()) return;
  try {
    await deps.store.sync.saveShares(
      provider.name,
      roster.id,
      target.calendarId,
      await sharesWithinBudget(deps, provider, target, wanted, made),
    );
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'not-shared') return error.message;
    throw error;
  }
}
