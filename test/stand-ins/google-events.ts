/**
 * Event writes as Calendar API v3 does them: client-supplied ids, 409 on a taken id (deleted ones included), If-Match,
 * soft delete with 410 after it, undelete by `status: "confirmed"`, sequence checks and bumps.
 */
import { randomBytes } from 'node:crypto';
import { etagMatches, GoogleApiError, invalid, notFound } from './google-http.ts';
import {
  type CalendarState,
  type Event,
  type StandInState,
  type StoredEvent,
  stamp,
} from './google-state.ts';
import { eventInstant, hasZone } from './google-time.ts';

const ID_PATTERN = /^[a-v0-9]{5,1024}$/;
const READ_ONLY: readonly string[] = [
  'kind',
  'etag',
  'created',
  'updated',
  'htmlLink',
  'creator',
  'organizer',
  'hangoutLink',
];

export interface WriteOptions {
  /** The caller's e-mail (the event's creator on insert). */
  actor: string;
  ifMatch?: string | undefined;
}

export function insertEvent(
  state: StandInState,
  calendar: CalendarState,
  body: Event,
  options: WriteOptions & { foreign?: boolean },
): Event {
  const id = body.id ?? randomBytes(16).toString('hex'); // hex digits are base32hex too;
  if (!ID_PATTERN.test(id)) throw invalid('Invalid resource id value.');
  if (calendar.events.has(id)) throw duplicate();
  if (
    body.iCalUID &&
    [...calendar.events.values()].some(
      (s) => s.event.iCalUID === body.iCalUID && s.event.status !== 'cancelled',
    )
  ) {
    throw duplicate();
  }
  checkTimes(body, calendar.timeZone);
  const { etag, updated, change } = stamp(state);
  const fields = options.foreign ? body : writable(body);
  const event: Event = {
    kind: 'calendar#event',
    etag,
    id,
    status: body.status === 'tentative' ? 'tentative' : 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar.id}`).toString('base64url')}`,
    created: updated,
    updated,
    creator: { email: options.actor },
    organizer: { email: calendar.id, displayName: calendar.summary, self: true },
    ...fields,
    iCalUID: body.iCalUID ?? `${id}@google.com`,
    sequence: body.sequence ?? 0,
    reminders: body.reminders ?? { useDefault: true },
    eventType: body.eventType ?? 'default',
  };
  calendar.events.set(id, { event, change });
  return structuredClone(event);
}

export function getEvent(calendar: CalendarState, id: string): Event {
  const stored = calendar.events.get(id);
  if (!stored) throw notFound();
  return structuredClone(stored.event);
}

/** PUT (`mode: 'replace'`) or PATCH (`mode: 'merge'`, nested objects merged, `null` clears). */
export function updateEvent(
  state: StandInState,
  calendar: CalendarState,
  id: string,
  body: Event,
  options: WriteOptions & { mode: 'replace' | 'merge'; byHand?: boolean },
): Event {
  const stored = requireStored(calendar, id, options.ifMatch);
  const old = stored.event;
  const fields = writable(body);
  const next: Event =
    options.mode === 'merge'
      ? (mergePatch(old, fields) as Event)
      : { ...pick(old, ['kind', 'id', 'created', 'creator', 'organizer', 'htmlLink']), ...fields };
  next.id = old.id ?? null;
  next.iCalUID = old.iCalUID ?? null;
  if (options.mode === 'replace' && !body.status)
    next.status = old.status === 'cancelled' ? 'cancelled' : 'confirmed';
  if (old.status === 'cancelled' && next.status === 'cancelled' && !options.byHand) throw deleted();
  if (body.sequence != null && body.sequence < (old.sequence ?? 0)) {
    throw invalid(
      'Invalid sequence value. The specified sequence number is below the current sequence number of the resource.',
    );
  }
  checkTimes(next, calendar.timeZone);
  const timesChanged = ['start', 'end', 'recurrence'].some(
    (k) => JSON.stringify(old[k as keyof Event]) !== JSON.stringify(next[k as keyof Event]),
  );
  const clientSequence = body.sequence ?? old.sequence ?? 0;
  next.sequence =
    timesChanged && clientSequence === (old.sequence ?? 0) ? clientSequence + 1 : clientSequence;
  next.reminders ??= { useDefault: true };
  next.eventType ??= 'default';
  return commit(state, stored, next);
}

export function deleteEvent(
  state: StandInState,
  calendar: CalendarState,
  id: string,
  options: { ifMatch?: string | undefined },
): void {
  const stored = requireStored(calendar, id, options.ifMatch);
  if (stored.event.status === 'cancelled') throw deleted();
  commit(state, stored, {
    ...stored.event,
    status: 'cancelled',
    sequence: (stored.event.sequence ?? 0) + 1,
  });
}

function commit(state: StandInState, stored: StoredEvent, next: Event): Event {
  const { etag, updated, change } = stamp(state);
  stored.event = { ...next, kind: 'calendar#event', etag, updated };
  stored.change = change;
  return structuredClone(stored.event);
}

function requireStored(
  calendar: CalendarState,
  id: string,
  ifMatch: string | undefined,
): StoredEvent {
  const stored = calendar.events.get(id);
  if (!stored) throw notFound();
  if (ifMatch !== undefined && !etagMatches(ifMatch, stored.event.etag ?? '')) {
    throw new GoogleApiError(412, 'conditionNotMet', 'Precondition Failed', {
      extra: { location: 'If-Match', locationType: 'header' },
    });
  }
  return stored;
}

function checkTimes(event: Event, zone: string): void {
  for (const key of ['start', 'end'] as const) {
    const time = event[key];
    if (!time || (!time.date && !time.dateTime))
      throw new GoogleApiError(400, 'required', `Missing ${key} time.`);
    if (time.dateTime && !hasZone(time.dateTime) && !time.timeZone) {
      throw new GoogleApiError(400, 'required', `Missing time zone definition for ${key} time.`);
    }
    if (Number.isNaN(eventInstant(time, zone))) throw invalid(`Invalid ${key} time.`);
  }
  if (eventInstant(event.end, zone) < eventInstant(event.start, zone))
    throw new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
}

const duplicate = (): GoogleApiError =>
  new GoogleApiError(409, 'duplicate', 'The requested identifier already exists.');
const deleted = (): GoogleApiError =>
  new GoogleApiError(410, 'deleted', 'Resource has been deleted');

function writable(body: Event): Event {
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const key of READ_ONLY) delete copy[key];
  return copy as Event;
}

function pick(event: Event, keys: (keyof Event)[]): Event {
  return Object.fromEntries(keys.filter((k) => event[k] !== undefined).map((k) => [k, event[k]]));
}

/** JSON merge patch (RFC 7386), which is what Google's PATCH does to resources: arrays replaced, null removes. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
    return structuredClone(patch);
  const base: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? structuredClone(target as Record<string, unknown>)
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}
