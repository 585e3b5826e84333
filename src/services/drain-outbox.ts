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
import { type DateRange, pushBands } from '../domain/push-order.ts';
import { dateInZone } from '../domain/zone.ts';
import type { ProviderName } from '../providers/calendar-provider.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { OutboxSummary } from '../storage/sync-store.ts';
import type { SyncDeps } from './sync-deps.ts';
import { syncRoster } from './sync-roster.ts';
import { configuredProviders, type SyncRunResult } from './sync-run.ts';
import { readRoster } from './read-roster.ts';
import { withdrawRoster } from './withdraw-roster.ts';

export interface Queued {
  pending: OutboxSummary;
  stored: StoredRoster;
  /** Providers to push to in this run (configured, not stopped). */
  providers: ProviderName[];
  /** The roster's date bands, nearest first (push-order.ts). */
  bands: DateRange[];
  complete: boolean;
}

export async function drainOutbox(deps: SyncDeps): Promise<SyncRunResult[]> {
  const until = deps.runLimitMs === undefined ? undefined : deps.now().getTime() + deps.runLimitMs;
  const results: SyncRunResult[] = [];
  for (const withdrawal of await deps.store.sync.withdrawals()) {
    const result = await withdrawRoster(deps, withdrawal);
    if (result) results.push(result);
  }
  const queue = await queuedRosters(deps);
  const runs = new Map<string, SyncRunResult>();
  for (let band = 0; queue.some((entry) => band < entry.bands.length); band++) {
    for (const entry of queue) await pushBand(deps, entry, band, until, runs);
  }
  for (const entry of queue) {
    if (entry.complete)
      await deps.store.sync.clearOutbox(entry.pending.rosterId, entry.pending.maxSeq);
  }
  return [...results, ...runs.values()];
}

/** One band of one roster to each of its providers; a provider that cannot finish it goes no further this run. */
export async function pushBand(
  deps: SyncDeps,
  entry: Queued,
  band: number,
  until: number | undefined,
  runs: Map<string, SyncRunResult>,
): Promise<void> {
  const range = entry.bands[band];
  if (!range) return;
  for (const provider of [...entry.providers]) {
    if (until !== undefined && deps.now().getTime() >= until) {
      entry.complete = false;
      return;
    }
    const run = await syncRoster(deps, entry.stored.id, provider, {
      full: false,
      dryRun: false,
      range,
      until,
    });
    const key = `${entry.stored.id}\n${provider}`;
    runs.set(key, mergeRuns(runs.get(key), run));
    if (run.blocked || run.pending > 0) {
      entry.providers.splice(entry.providers.indexOf(provider), 1);
      entry.complete = false;
    }
  }
}

/** The rosters with queued changes; a deleted roster's rows are dropped (its withdrawal took over). */
async function queuedRosters(deps: SyncDeps): Promise<Queued[]> {
  const queue: Queued[] = [];
  for (const pending of await deps.store.sync.pendingRosters()) {
    const entry = await queueEntry(deps, pending);
    if (entry) queue.push(entry);
  }
  return queue;
}

/**
 * A roster with queued changes, ready to push; null (its rows dropped) when the roster was deleted. A roster whose
 * stored definition no longer reads is set aside with one line in the log, its rows kept: the sync page shows it
 * (syncStatus's `unreadable`), and the push resumes once the roster is stored again.
 */
export async function queueEntry(deps: SyncDeps, pending: OutboxSummary): Promise<Queued | null> {
  const stored = await readRoster(deps, pending.rosterId);
  if (stored === 'unreadable') return null;
  if (!stored) {
    await deps.store.sync.clearOutbox(pending.rosterId, pending.maxSeq);
    return null;
  }
  const today = dateInZone(deps.now(), stored.roster.timeZone);
  const bands = pushBands(today, deps.horizon);
  const entry: Queued = { pending, stored, providers: [], bands, complete: true };
  for (const provider of configuredProviders(deps, stored.roster)) {
    if ((await deps.store.sync.state(provider, stored.id))?.blocked) entry.complete = false;
    else entry.providers.push(provider);
  }
  return entry;
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
