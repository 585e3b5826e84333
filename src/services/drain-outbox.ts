/**
 * Draining the outbox: each roster with pending changes is synced (from records, no listing) to every provider it
 * publishes to; its outbox rows are removed only once every provider took them. A provider stopped for a roster
 * (credentials, sharing) keeps that roster's rows until a person fixes it and a resync runs. Deleted rosters are
 * withdrawn first, so a roster created again under the same id starts from a calendar without its predecessor.
 */
import type { SyncDeps } from './sync-deps.ts';
import { syncRoster } from './sync-roster.ts';
import { configuredProviders, type SyncRunResult } from './sync-run.ts';
import { withdrawRoster } from './withdraw-roster.ts';

export async function drainOutbox(deps: SyncDeps): Promise<SyncRunResult[]> {
  const results: SyncRunResult[] = [];
  for (const withdrawal of await deps.store.sync.withdrawals()) {
    const result = await withdrawRoster(deps, withdrawal);
    if (result) results.push(result);
  }
  for (const pending of await deps.store.sync.pendingRosters()) {
    const stored = await deps.store.getRoster(pending.rosterId);
    if (!stored) {
      // Deleted: what it had pushed is withdrawn through its own records (above), not through the outbox.
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
