/**
 * The periodic full reconcile (drift repair): every roster, every provider, against what the calendars really hold.
 * A complete run also delivers whatever was queued before it started.
 */
import type { ProviderName } from '../providers/calendar-provider.ts';
import type { SyncDeps } from './sync-deps.ts';
import { syncRoster } from './sync-roster.ts';
import { configuredProviders, type SyncRunResult } from './sync-run.ts';

export async function reconcileAll(
  deps: SyncDeps,
  options: { dryRun?: boolean; providers?: ProviderName[] } = {},
): Promise<SyncRunResult[]> {
  const results: SyncRunResult[] = [];
  for (const stored of await deps.store.listRosters()) {
    results.push(...(await reconcileRoster(deps, stored.id, options)));
  }
  return results;
}

export async function reconcileRoster(
  deps: SyncDeps,
  rosterId: string,
  options: { dryRun?: boolean; providers?: ProviderName[] } = {},
): Promise<SyncRunResult[]> {
  const stored = await deps.store.getRoster(rosterId);
  if (!stored) return [];
  const queued = (await deps.store.sync.pendingRosters()).find(
    (pending) => pending.rosterId === rosterId,
  );
  const providers = configuredProviders(deps, stored.roster).filter(
    (provider) => !options.providers || options.providers.includes(provider),
  );
  const results: SyncRunResult[] = [];
  for (const provider of providers) {
    results.push(
      await syncRoster(deps, rosterId, provider, { full: true, dryRun: options.dryRun ?? false }),
    );
  }
  // A complete full run of every provider also delivers whatever was queued before it started.
  const complete =
    results.length === configuredProviders(deps, stored.roster).length &&
    results.every((result) => !result.dryRun && !result.blocked && result.pending === 0);
  if (queued && complete) await deps.store.sync.clearOutbox(rosterId, queued.maxSeq);
  return results;
}
