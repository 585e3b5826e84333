/**
 * Draining the outbox: each roster with pending changes is synced (from records, no listing) to every provider it
 * publishes to; its outbox rows are removed only once every provider took them. A provider stopped for a roster
 * (credentials, sharing) keeps that roster's rows until a person fixes it and a resync runs. Deleted rosters are
 * withdrawn first, so a roster created again under the same id starts from a calendar without its predecessor.
 *
 * Under a write budget the order matters (a first national push is days of quota): the drain walks the horizon in
 * date bands, nearest first, each band for every queued roster before the next (push-order.ts), so the next 30 days
 * of every roster are in place before anything later. With a run limit it starts no batch once the limit is
 * reached; what is left stays queued and the next run, planning afresh from the records, resumes nearest first.
 */
import { pushBands } from '../domain/push-order.ts';
import { dateInZone } from '../domain/zone.ts';
import type { ProviderName } from '../providers/calendar-provider.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { OutboxSummary } from '../storage/sync-store.ts';
import type { SyncDeps } from './sync-deps.ts';
import { syncRoster } from './sync-roster.ts';
import { configuredProviders, type SyncRunResult } from './sync-run.ts';
import { withdrawRoster } from './withdraw-roster.ts';

interface Queued {
  pending: OutboxSummary;
  stored: StoredRoster;
  /** Providers to push to in this run (configured, not stopped). */
  providers: ProviderName[];
  complete: boolean;
}

export async function drainOutbox(deps: SyncDeps): Promise<SyncRunResult[]> {
  const startedAt = deps.now().getTime();
  const overTime = () =>
    deps.runLimitMs !== undefined && deps.now().getTime() - startedAt >= deps.runLimitMs;
  const results: SyncRunResult[] = [];
  for (const withdrawal of await deps.store.sync.withdrawals()) {
    const result = await withdrawRoster(deps, withdrawal);
    if (result) results.push(result);
  }
  const queue = await queuedRosters(deps);
  const runs = new Map<string, SyncRunResult>();
  for (let band = 0; ; band++) {
    let more = false;
    for (const entry of queue) {
      const range = pushBands(dateInZone(deps.now(), entry.stored.roster.timeZone), deps.horizon)[
        band
      ];
      if (!range) continue;
      more = true;
      for (const provider of [...entry.providers]) {
        if (overTime()) {
          entry.complete = false;
          break;
        }
        const run = await syncRoster(deps, entry.stored.id, provider, {
          full: false,
          dryRun: false,
          range,
          until: deps.runLimitMs === undefined ? undefined : startedAt + deps.runLimitMs,
        });
        const key = `${entry.stored.id}\n${provider}`;
        runs.set(key, mergeRuns(runs.get(key), run));
        // A provider that could not finish a band goes no further for this roster in this run.
        if (run.blocked || run.pending > 0) {
          entry.providers.splice(entry.providers.indexOf(provider), 1);
          entry.complete = false;
        }
      }
    }
    if (!more) break;
  }
  for (const entry of queue) {
    if (entry.complete)
      await deps.store.sync.clearOutbox(entry.pending.rosterId, entry.pending.maxSeq);
  }
  return [...results, ...runs.values()];
}

/** The rosters with queued changes; a deleted roster's rows are dropped (its withdrawal took over). */
async function queuedRosters(deps: SyncDeps): Promise<Queued[]> {
  const queue: Queued[] = [];
  for (const pending of await deps.store.sync.pendingRosters()) {
    const stored = await deps.store.getRoster(pending.rosterId);
    if (!stored) {
      await deps.store.sync.clearOutbox(pending.rosterId, pending.maxSeq);
      continue;
    }
    const entry: Queued = { pending, stored, providers: [], complete: true };
    for (const provider of configuredProviders(deps, stored.roster)) {
      if ((await deps.store.sync.state(provider, stored.id))?.blocked) entry.complete = false;
      else entry.providers.push(provider);
    }
    queue.push(entry);
  }
  return queue;
}

/** One provider's runs over several bands, as one result. */
function mergeRuns(before: SyncRunResult | undefined, run: SyncRunResult): SyncRunResult {
  if (!before) return run;
  const plan = { ...before.plan };
  for (const key of Object.keys(plan) as (keyof typeof plan)[]) plan[key] += run.plan[key];
  return {
    ...run,
    plan,
    applied: before.applied + run.applied,
    failed: before.failed + run.failed,
    pending: before.pending + run.pending,
    error: run.error ?? before.error,
  };
}
