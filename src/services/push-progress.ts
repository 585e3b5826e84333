/**
 * How far the calendar push has come, for the sync page: the share of rosters whose next 30 days are in place at
 * every provider, the share of all the horizon's events in place, and an estimate of the time left at the rate each
 * principal may write now. A roster with nothing queued is counted from its records alone; only queued rosters are
 * expanded and compared with their records (an event is in place when its record holds its current content).
 */
import { addDays } from '../domain/dates.ts';
import { NEAR_DAYS } from '../domain/push-order.ts';
import { dateInZone } from '../domain/zone.ts';
import type { ProviderName } from '../providers/calendar-provider.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { SyncDeps } from './sync-deps.ts';
import { configuredProviders, desiredEventsOf, targetOf } from './sync-run.ts';
import { principalOf } from './write-budget.ts';

export interface PushProgress {
  /** Per cent of roster × provider pairs whose next 30 days are all in place. */
  nearPercent: number;
  /** Per cent of the horizon's events in place. */
  horizonPercent: number;
  /** Writes still to do for the queued rosters. */
  remainingWrites: number;
  /** At the current rates; null when nothing is left or no budget applies. */
  minutesLeft: number | null;
}

interface Counts {
  total: number;
  inPlace: number;
  nearDone: boolean;
}

export async function pushProgress(deps: SyncDeps): Promise<PushProgress> {
  const queued = new Set((await deps.store.sync.pendingRosters()).map((entry) => entry.rosterId));
  let pairs = 0;
  let nearDone = 0;
  let total = 0;
  let inPlace = 0;
  const remainingBy = new Map<
    string,
    { provider: ProviderName; principal: string; writes: number }
  >();
  for (const stored of await deps.store.listRosters()) {
    for (const provider of configuredProviders(deps, stored.roster)) {
      const counts = await countsOf(deps, stored, provider, queued.has(stored.id));
      pairs++;
      if (counts.nearDone) nearDone++;
      total += counts.total;
      inPlace += counts.inPlace;
      const principal = principalOf(deps.providers[provider]!, targetOf(stored.roster, provider)!);
      const key = `${provider}:${principal}`;
      const entry = remainingBy.get(key) ?? { provider, principal, writes: 0 };
      entry.writes += counts.total - counts.inPlace;
      remainingBy.set(key, entry);
    }
  }
  return {
    nearPercent: percent(nearDone, pairs),
    horizonPercent: percent(inPlace, total),
    remainingWrites: total - inPlace,
    minutesLeft: await minutesLeft(deps, [...remainingBy.values()]),
  };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 100 : Math.floor((part / whole) * 100);

async function countsOf(
  deps: SyncDeps,
  stored: StoredRoster,
  provider: ProviderName,
  queued: boolean,
): Promise<Counts> {
  const today = dateInZone(deps.now(), stored.roster.timeZone);
  const horizon = {
    from: addDays(today, -deps.horizon.pastDays),
    to: addDays(today, deps.horizon.futureDays),
  };
  const records = (await deps.store.sync.records(provider, stored.id)).filter(
    (record) => record.date >= horizon.from && record.date <= horizon.to,
  );
  if (!queued) {
    const present = records.filter((record) => record.state === 'present').length;
    return { total: present, inPlace: present, nearDone: true };
  }
  const hashes = new Map(
    records.filter((r) => r.state === 'present').map((r) => [r.slotKey, r.contentHash]),
  );
  const nearEnd = addDays(today, NEAR_DAYS - 1);
  let inPlace = 0;
  let nearMissing = 0;
  const desired = await desiredEventsOf(deps, stored, horizon);
  for (const event of desired) {
    if (hashes.get(event.slotKey) === event.hash) inPlace++;
    else if (event.date >= today && event.date <= nearEnd) nearMissing++;
  }
  return { total: desired.length, inPlace, nearDone: nearMissing === 0 };
}

/** The slowest principal sets the pace: each writes its share at the rate it may write now. */
async function minutesLeft(
  deps: SyncDeps,
  remaining: { provider: ProviderName; principal: string; writes: number }[],
): Promise<number | null> {
  let minutes: number | null = null;
  for (const { provider, principal, writes } of remaining) {
    if (writes === 0) continue;
    const rate = await deps.budget?.rateOf(provider, principal);
    if (rate === undefined) continue;
    minutes = Math.max(minutes ?? 0, Math.ceil(writes / rate));
  }
  return minutes;
}
