/**
 * Draining the outbox: each roster with pending changes is synced (from records, no listing) to every provider it
 * publishes to; its outbox rows are removed only once every provider took them. A provider stopped for a roster
 * (credentials, sharing) keeps that roster's rows until a person fixes it and a resync runs.
 */
import type { ProviderName } from '../providers/calendar-provider.ts';
import type { SyncDeps } from './sync-deps.ts';
import { type SyncRunResult, syncRoster, targetOf } from './sync-roster.ts';

export function configuredProviders(
  deps: SyncDeps,
  roster: Parameters<typeof targetOf>[0],
): ProviderName[] {
  return (Object.keys(deps.providers) as ProviderName[]).filter(
    (name) => targetOf(roster, name) !== null,
  );
}

export async function drainOutbox(deps: SyncDeps): Promise<SyncRunResult[]> {
  const results: SyncRunResult[] = [];
  for (const pending of await deps.store.sync.pendingRosters()) {
    const stored = await deps.store.getRoster(pending.rosterId);
    if (!stored) {
      await deps.store.sync.clearOutbox(pending.rosterId, pending.maxSeq);
      continue;
    }
    let complete = true;
    for (const provider of configuredProviders(deps, stored.roster)) {
      if ((await deps.store.sync.state(provider, stored.id))?.blocked) {
        complete = false;
        continue;
      }
      const result = await syncRoster(deps, stored.id, provider, { full: false, dryRun: false });
      results.push(result);
      if (result.blocked || result.pending > 0) complete = false;
    }
    if (complete) await deps.store.sync.clearOutbox(pending.rosterId, pending.maxSeq);
  }
  return results;
}

/** The periodic full reconcile: every roster, every provider, against what the calendars really hold. */
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
