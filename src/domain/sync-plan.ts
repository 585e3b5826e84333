/**
 * Planning a sync: compare what a roster should show on a remote calendar (desired) with what lichtruc recorded
 * writing there (records) and, on a full resync, with what the calendar actually holds (remote). The plan is the
 * least set of writes that converges: nothing for a slot whose content is unchanged and intact.
 *
 * Invariants: only events lichtruc owns are ever touched (the remote list holds only those); slots before the
 * horizon are history and are left alone; every slot has one remote identity for life, so a retried create is an
 * update, never a second event.
 */
import type { DesiredRemoteEvent } from './remote-event.ts';

export interface SyncRecord {
  slotKey: string;
  date: string;
  remoteId: string;
  etag: string | null;
  contentHash: string;
  state: 'present' | 'deleted';
}

/** A share lichtruc made: the account it gave read access to, and the service's id for that grant. */
export interface ShareRecord {
  account: string;
  remoteId: string;
}

/** An event lichtruc owns, as read back from the remote calendar. */
export interface RemoteEvent {
  remoteId: string;
  slotKey: string;
  date: string;
  etag: string | null;
  cancelled: boolean;
  contentHash: string;
}

export type SyncOp =
  | { type: 'create'; slotKey: string; event: DesiredRemoteEvent }
  /** The calendar already shows the right event but the record does not know it (e.g. a crash after a create). */
  | { type: 'adopt'; slotKey: string; remote: RemoteEvent; event: DesiredRemoteEvent }
  | {
      type: 'update';
      slotKey: string;
      remoteId: string;
      event: DesiredRemoteEvent;
      reason: 'changed' | 'drift' | 'restore';
    }
  | { type: 'delete'; slotKey: string; remoteId: string; date: string };

export interface SyncPlan {
  ops: SyncOp[];
  unchanged: number;
}

export interface PlanInput {
  desired: readonly DesiredRemoteEvent[];
  records: readonly SyncRecord[];
  /** Present on a full resync (drift repair); absent when draining the outbox. */
  remote?: readonly RemoteEvent[];
  horizon: { from: string; to: string };
}

export function planSync({ desired, records, remote, horizon }: PlanInput): SyncPlan {
  const recorded = new Map(records.map((record) => [record.slotKey, record]));
  const onRemote = remote ? new Map(remote.map((event) => [event.slotKey, event])) : null;
  const wanted = new Set(desired.map((event) => event.slotKey));
  const inHorizon = (date: string) => date >= horizon.from && date <= horizon.to;
  const ops: SyncOp[] = [];
  let unchanged = 0;

  for (const event of desired) {
    const op = onRemote
      ? planAgainstRemote(event, recorded.get(event.slotKey), onRemote.get(event.slotKey))
      : planFromRecord(event, recorded.get(event.slotKey));
    if (op) ops.push(op);
    else unchanged++;
  }

  const stale = new Map<string, { remoteId: string; date: string }>();
  for (const record of records) {
    if (record.state === 'present' && !wanted.has(record.slotKey))
      stale.set(record.slotKey, record);
  }
  for (const event of remote ?? []) {
    if (!event.cancelled && !wanted.has(event.slotKey)) stale.set(event.slotKey, event);
    else if (event.cancelled && !wanted.has(event.slotKey)) stale.delete(event.slotKey);
  }
  for (const [slotKey, event] of stale) {
    if (inHorizon(event.date))
      ops.push({ type: 'delete', slotKey, remoteId: event.remoteId, date: event.date });
  }
  return { ops, unchanged };
}

/** An update of the event under `remoteId`, with why it is needed. */
const update = (
  event: DesiredRemoteEvent,
  remoteId: string,
  reason: 'restore' | 'changed' | 'drift',
): SyncOp => ({ type: 'update', slotKey: event.slotKey, remoteId, event, reason });

/** Outbox drain: trust the records (what lichtruc last wrote) and write only what changed since. */
function planFromRecord(event: DesiredRemoteEvent, record: SyncRecord | undefined): SyncOp | null {
  if (!record) return { type: 'create', slotKey: event.slotKey, event };
  if (record.state === 'deleted') return update(event, record.remoteId, 'restore');
  if (record.contentHash !== event.hash) return update(event, record.remoteId, 'changed');
  return null;
}

/** Full resync: trust what the calendar holds, repairing events edited or deleted by hand. */
function planAgainstRemote(
  event: DesiredRemoteEvent,
  record: SyncRecord | undefined,
  actual: RemoteEvent | undefined,
): SyncOp | null {
  // Missing from the listing: deleted by hand (services may list a deleted event without its marks) or purged.
  // Restoring under the recorded id costs one call; the provider creates it again if the id is gone for good.
  if (!actual)
    return record
      ? update(event, record.remoteId, 'restore')
      : { type: 'create', slotKey: event.slotKey, event };
  if (actual.cancelled) return update(event, actual.remoteId, 'restore');
  if (actual.contentHash !== event.hash) return update(event, actual.remoteId, 'drift');
  const known =
    record?.state === 'present' &&
    record.remoteId === actual.remoteId &&
    record.contentHash === event.hash;
  return known ? null : { type: 'adopt', slotKey: event.slotKey, remote: actual, event };
}
