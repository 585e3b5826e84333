/**
 * What the Google and Outlook sync fixtures share (google-sync.ts, outlook-sync.ts): a service whose roster files
 * publish somewhere, applied with an empty outbox, and the SyncDeps of a sync that never really sleeps.
 */
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import type { SyncDeps } from '../../src/services/sync-deps.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import type { TestService } from './service.ts';

/** Applies the roster files and forgets the outbox that applying them filled, so a test starts from a clean push. */
export async function applyPublishedFiles(
  service: TestService,
  files: { path: string; text: string }[],
): Promise<void> {
  await applyCalendars(service.ctx, loadCalendarSet(files));
  await service.ctx.store.db.prepare('DELETE FROM sync_outbox').run();
}

/**
 * The sync of a test, attached to the service's app: the service's store and clock, a one-year horizon, backoff
 * waits recorded in `sleeps` instead of slept, and a fixed jitter.
 */
export function attachSync(
  service: TestService,
  providers: SyncDeps['providers'],
): { deps: SyncDeps; sleeps: number[] } {
  const sleeps: number[] = [];
  const deps: SyncDeps = {
    store: service.ctx.store,
    now: service.ctx.now,
    providers,
    horizon: { pastDays: 30, futureDays: 365 },
    backoff: { baseMs: 100, capMs: 10_000, maxAttempts: 6 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  };
  service.appDeps.sync = deps;
  return { deps, sleeps };
}
