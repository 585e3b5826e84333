/**
 * Reading one roster in a background job (push, notices): a roster whose stored definition no longer reads is that
 * roster's failure, not the job's. It answers 'unreadable' after one line in the log, and the job goes on with the
 * others; the admin sync page lists such rosters (syncStatus).
 */
import type { StoredRoster } from '../storage/records.ts';
import { UnreadableRosterError } from '../storage/records.ts';
import type { Store } from '../storage/store.ts';

export async function readRoster(
  deps: { store: Store; log?: ((line: string) => void) | undefined },
  rosterId: string,
): Promise<StoredRoster | null | 'unreadable'> {
  try {
    return await deps.store.getRoster(rosterId);
  } catch (error) {
    if (!(error instanceof UnreadableRosterError)) throw error;
    (deps.log ?? console.warn)(`${error.message}; set aside until it is stored again`);
    return 'unreadable';
  }
}

/**
 * A roster about to be replaced whole (PUT, its file applied again): its record, with `roster: null` when its stored
 * definition no longer reads, since the replacement needs nothing of it.
 */
export async function rosterToReplace(store: Store, rosterId: string) {
  return store.getRoster(rosterId).catch((error: unknown) => {
    if (error instanceof UnreadableRosterError) return { ...error.record, roster: null };
    throw error;
  });
}
