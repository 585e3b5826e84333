/**
 * What admins do with the calendar push: preview a resync (dry run: the counts of what it would write), run it, and
 * read each roster's sync status in words they can act on.
 */
import { reconcileAll, reconcileRoster } from './reconcile-rosters.ts';
import type { SyncDeps } from './sync-deps.ts';
import { configuredProviders, type SyncRunResult } from './sync-run.ts';
import type { ProviderName } from '../providers/calendar-provider.ts';
import type { Store } from '../storage/store.ts';
import { invalid, notFound } from './errors.ts';

export interface SyncRequest {
  dryRun?: boolean | undefined;
  providers?: ProviderName[] | undefined;
}

const view = (result: SyncRunResult) => ({
  provider: result.provider,
  rosterId: result.rosterId,
  dryRun: result.dryRun,
  plan: result.plan,
  applied: result.applied,
  failed: result.failed,
  pending: result.pending,
  blocked: result.blocked,
  error: result.error,
});

/** A manual resync is how a person says "fixed it": it lifts a stop caused by credentials or sharing first. */
async function unblock(
  deps: SyncDeps,
  rosterId: string,
  providers: readonly ProviderName[],
): Promise<void> {
  for (const provider of providers) {
    const state = await deps.store.sync.state(provider, rosterId);
    if (state?.blocked) await deps.store.sync.saveState({ ...state, blocked: false });
  }
}

export async function resyncRoster(
  deps: SyncDeps | undefined,
  rosterId: string,
  request: SyncRequest,
) {
  const stored = await deps?.store.getRoster(rosterId);
  if (deps && !stored) throw notFound(`roster "${rosterId}"`, { entity: 'roster', id: rosterId });
  const providers =
    deps && stored
      ? configuredProviders(deps, stored.roster).filter(
          (name) => !request.providers || request.providers.includes(name),
        )
      : [];
  if (!deps || providers.length === 0) {
    throw invalid(
      `roster "${rosterId}" publishes to no configured calendar provider`,
      [
        {
          field: 'providers',
          message:
            "set publish.google or publish.outlook in the roster, and that provider's credentials on the server",
        },
      ],
      { code: 'no-provider', params: { rosterId } },
    );
  }
  if (!request.dryRun) await unblock(deps, rosterId, providers);
  const results = await reconcileRoster(deps, rosterId, {
    dryRun: request.dryRun ?? false,
    providers,
  });
  return { rosterId, results: results.map(view) };
}

export async function resyncAll(deps: SyncDeps | undefined, request: SyncRequest) {
  if (!deps) return { results: [] };
  if (!request.dryRun) {
    for (const stored of await deps.store.listRosters())
      await unblock(deps, stored.id, configuredProviders(deps, stored.roster));
  }
  const results = await reconcileAll(deps, {
    dryRun: request.dryRun ?? false,
    ...(request.providers ? { providers: request.providers } : {}),
  });
  return { results: results.map(view) };
}

/**
 * Rosters the push and the notices set aside because their stored definition no longer reads, with the changes
 * waiting for them; shown whether or not a calendar provider is configured.
 */
export async function unreadableRosters(store: Store) {
  const pending = new Map(
    (await store.sync.pendingRosters()).map((entry) => [entry.rosterId, entry.count]),
  );
  return (await store.unreadableRosters()).map((roster) => ({
    ...roster,
    pendingChanges: pending.get(roster.id) ?? 0,
  }));
}

export async function syncStatus(deps: SyncDeps | undefined) {
  if (!deps) return { providers: [], rosters: [], withdrawals: [], unreadable: [] };
  const pending = new Map(
    (await deps.store.sync.pendingRosters()).map((entry) => [entry.rosterId, entry.count]),
  );
  const rosters = [];
  for (const stored of await deps.store.listRosters()) {
    const providers = [];
    for (const provider of configuredProviders(deps, stored.roster)) {
      const state = await deps.store.sync.state(provider, stored.id);
      providers.push({
        provider,
        lastStartedAt: state?.lastStartedAt ?? null,
        lastFinishedAt: state?.lastFinishedAt ?? null,
        lastResult: state?.lastResult ?? null,
        lastError: state?.lastError ?? null,
        stopped: state?.blocked ?? false,
        progress: state?.progress ?? null,
      });
    }
    rosters.push({ rosterId: stored.id, pendingChanges: pending.get(stored.id) ?? 0, providers });
  }
  // Deleted rosters whose events are still being taken back from a calendar.
  const withdrawals = [];
  for (const { provider, rosterId, requestedAt } of await deps.store.sync.withdrawals()) {
    const state = await deps.store.sync.state(provider, rosterId);
    withdrawals.push({ provider, rosterId, requestedAt, lastError: state?.lastError ?? null });
  }
  const unreadable = await unreadableRosters(deps.store);
  return { providers: Object.keys(deps.providers), rosters, withdrawals, unreadable };
}
