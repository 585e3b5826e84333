/**
 * Publication state of a feed's events. Clients update an event in place only if its UID stays and its SEQUENCE
 * grows; they remove one only if it comes back CANCELLED. So the desired events are reconciled against what was
 * published before: new events start at SEQUENCE 0, changed ones are bumped, vanished ones are kept as cancelled
 * (bumped) for `retentionDays`, and events that merely slid out of the feed's window are dropped quietly.
 */
import { addDays, type IsoDate } from './dates.ts';

export interface DesiredEvent {
  uid: string;
  date: IsoDate;
  hash: string;
  content: string;
}

export interface PublishedEvent extends DesiredEvent {
  sequence: number;
  status: 'confirmed' | 'cancelled';
  /** ISO UTC instants with one-second resolution. */
  createdAt: string;
  modifiedAt: string;
}

export interface FeedReconciliation {
  /** The events the feed shows now, confirmed and cancelled, by date. */
  events: PublishedEvent[];
  upserts: PublishedEvent[];
  deletes: string[];
}

/** ISO instant truncated to the second, strictly after `previous` when given (DTSTAMP has one-second resolution). */
export function stampAfter(now: Date, previous?: string): string {
  let seconds = Math.floor(now.getTime() / 1000);
  if (previous) seconds = Math.max(seconds, Math.floor(Date.parse(previous) / 1000) + 1);
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function reconcileFeedEvents(
  desired: readonly DesiredEvent[],
  published: readonly PublishedEvent[],
  window: { from: IsoDate; to: IsoDate },
  now: Date,
  retentionDays = 30,
): FeedReconciliation {
  const previous = new Map(published.map((event) => [event.uid, event]));
  const wanted = new Set(desired.map((event) => event.uid));
  const upserts: PublishedEvent[] = [];
  const deletes: string[] = [];
  const events: PublishedEvent[] = [];

  for (const event of desired) {
    const before = previous.get(event.uid);
    let current: PublishedEvent;
    if (!before) {
      const stamp = stampAfter(now);
      current = { ...event, sequence: 0, status: 'confirmed', createdAt: stamp, modifiedAt: stamp };
      upserts.push(current);
    } else if (before.hash !== event.hash || before.status === 'cancelled') {
      current = {
        ...event,
        sequence: before.sequence + 1,
        status: 'confirmed',
        createdAt: before.createdAt,
        modifiedAt: stampAfter(now, before.modifiedAt),
      };
      upserts.push(current);
    } else {
      current = before;
    }
    events.push(current);
  }

  const retainedSince = addDays(stampAfter(now).slice(0, 10), -retentionDays);
  for (const before of published) {
    if (wanted.has(before.uid)) continue;
    const inWindow = before.date >= window.from && before.date <= window.to;
    if (
      !inWindow ||
      (before.status === 'cancelled' && before.modifiedAt.slice(0, 10) < retainedSince)
    ) {
      deletes.push(before.uid);
    } else if (before.status === 'confirmed') {
      const cancelled: PublishedEvent = {
        ...before,
        sequence: before.sequence + 1,
        status: 'cancelled',
        modifiedAt: stampAfter(now, before.modifiedAt),
      };
      upserts.push(cancelled);
      events.push(cancelled);
    } else {
      events.push(before);
    }
  }
  events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
  return { events, upserts, deletes };
}
