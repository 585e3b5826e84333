/**
 * events.list as Calendar API v3 does it: filters, `maxResults` (default 250, at most 2500), cursor page tokens with
 * pages that may be short or empty while `nextPageToken` is present, `nextSyncToken` only on the last page, and
 * incremental sync that returns deleted events and answers 410 `fullSyncRequired` to a token it no longer knows.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import { badRequest, GoogleApiError, invalid } from './google-http.ts';
import type { CalendarState, Event, Role, StandInState, StoredEvent } from './google-state.ts';
import { eventInstant, isRfc3339 } from './google-time.ts';

const NOT_WITH_SYNC = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'sharedExtendedProperty',
  'q',
  'timeMin',
  'timeMax',
  'updatedMin',
];

interface PageCursor {
  /** Sort key of the last item handed out. */
  k: string;
  /** Index of the page this token asks for. */
  p: number;
  /** Change count when the listing began: the nextSyncToken it ends with. */
  s: number;
  /** Sync base of an incremental listing, -1 for a full one. */
  b: number;
}

interface SyncToken {
  c: string;
  n: number;
  e: number;
}

export function listEvents(
  state: StandInState,
  calendar: CalendarState,
  role: Role,
  query: URLSearchParams,
): calendar_v3.Schema$Events {
  const maxResults = readMaxResults(query.get('maxResults'));
  const pageToken = query.get('pageToken');
  const syncToken = query.get('syncToken');
  if (syncToken !== null && NOT_WITH_SYNC.some((name) => query.has(name))) {
    throw invalid(
      `Sync token cannot be used with ${NOT_WITH_SYNC.filter((n) => query.has(n)).join(', ')}.`,
    );
  }
  const cursor: PageCursor = pageToken
    ? (decode<PageCursor>(pageToken, (c) => typeof c.k === 'string' && typeof c.p === 'number') ??
      throwBadPageToken())
    : {
        k: '',
        p: 0,
        s: state.change,
        b: syncToken === null ? -1 : syncBase(state, calendar, syncToken),
      };

  const sortKey = sortKeyFor(query, calendar.timeZone);
  const matches =
    cursor.b >= 0
      ? [...calendar.events.values()].filter((s) => s.change > cursor.b)
      : fullListing(calendar, query);
  const remaining = matches
    .map((stored) => ({ stored, key: sortKey(stored.event) }))
    .filter((item) => item.key > cursor.k)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const size = Math.max(0, Math.min(maxResults, state.pageSize(cursor.p, maxResults)));
  const page = remaining.slice(0, size);
  const more = remaining.length > page.length;
  const lastKey = page.at(-1)?.key ?? cursor.k;

  const updated = Math.max(
    0,
    ...[...calendar.events.values()].map((s) => Date.parse(s.event.updated ?? '') || 0),
  );
  return {
    kind: 'calendar#events',
    etag: `"p${cursor.s}${cursor.p}"`,
    summary: calendar.summary,
    description: calendar.description,
    updated: new Date(updated || state.now()).toISOString(),
    timeZone: calendar.timeZone,
    accessRole: role,
    defaultReminders: [],
    ...(more
      ? { nextPageToken: encode({ ...cursor, k: lastKey, p: cursor.p + 1 }) }
      : {
          nextSyncToken: encode({
            c: calendar.id,
            n: cursor.s,
            e: state.syncEpoch,
          } satisfies SyncToken),
        }),
    items: page.map(({ stored }) => presentInList(stored.event)),
  };
}

/** A deleted event in a list is only guaranteed to carry its id (events reference, `status`). */
function presentInList(event: Event): Event {
  if (event.status !== 'cancelled') return structuredClone(event);
  return {
    kind: event.kind ?? null,
    etag: event.etag ?? null,
    id: event.id ?? null,
    status: 'cancelled',
    updated: event.updated ?? null,
  };
}

function fullListing(calendar: CalendarState, query: URLSearchParams): StoredEvent[] {
  const updatedMin = checkedTime(query, 'updatedMin');
  const showDeleted = query.get('showDeleted') === 'true' || updatedMin !== null;
  const timeMin = checkedTime(query, 'timeMin');
  const timeMax = checkedTime(query, 'timeMax');
  const iCalUID = query.get('iCalUID');
  const q = query.get('q')?.toLowerCase();
  const privateProps = readProperties(query.getAll('privateExtendedProperty'));
  const sharedProps = readProperties(query.getAll('sharedExtendedProperty'));
  return [...calendar.events.values()].filter(({ event }) => {
    if (event.status === 'cancelled' && !showDeleted) return false;
    if (iCalUID !== null && event.iCalUID !== iCalUID) return false;
    if (updatedMin !== null && Date.parse(event.updated ?? '') < updatedMin) return false;
    if (timeMin !== null && !(eventInstant(event.end, calendar.timeZone) > timeMin)) return false;
    if (timeMax !== null && !(eventInstant(event.start, calendar.timeZone) < timeMax)) return false;
    if (
      q &&
      ![event.summary, event.description, event.location].some((text) =>
        text?.toLowerCase().includes(q),
      )
    )
      return false;
    if (privateProps.some(([k, v]) => event.extendedProperties?.private?.[k] !== v)) return false;
    return !sharedProps.some(([k, v]) => event.extendedProperties?.shared?.[k] !== v);
  });
}

function sortKeyFor(query: URLSearchParams, zone: string): (event: Event) => string {
  const orderBy = query.get('orderBy');
  if (orderBy === 'startTime') {
    if (query.get('singleEvents') !== 'true')
      throw badRequest('The requested ordering is not available for the particular query.');
    return (event) =>
      `${String(eventInstant(event.start, zone) + 1e15).padStart(17, '0')}|${event.id}`;
  }
  if (orderBy === 'updated') return (event) => `${event.updated}|${event.id}`;
  if (orderBy !== null) throw invalid(`Invalid value for orderBy: ${orderBy}`);
  return (event) => event.id ?? '';
}

function syncBase(state: StandInState, calendar: CalendarState, token: string): number {
  const decoded = decode<SyncToken>(token, (t) => typeof t.n === 'number');
  if (
    !decoded ||
    decoded.c !== calendar.id ||
    decoded.e !== state.syncEpoch ||
    decoded.n > state.change
  ) {
    throw new GoogleApiError(
      410,
      'fullSyncRequired',
      'Sync token is no longer valid, a full sync is required.',
    );
  }
  return decoded.n;
}

function readMaxResults(raw: string | null): number {
  if (raw === null) return 250;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw invalid(`Invalid value '${raw}'. Values must be within the range: [1, 2500]`);
  return Math.min(value, 2500);
}

function checkedTime(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (!isRfc3339(raw)) throw badRequest();
  return Date.parse(raw);
}

function readProperties(values: string[]): [string, string][] {
  return values.map((value) => {
    const at = value.indexOf('=');
    if (at < 1) throw invalid(`Invalid extended property constraint: ${value}`);
    return [value.slice(0, at), value.slice(at + 1)];
  });
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode<T>(token: string, check: (value: Partial<T>) => boolean): T | null {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<T>;
    return value && typeof value === 'object' && check(value) ? (value as T) : null;
  } catch {
    return null;
  }
}

function throwBadPageToken(): never {
  throw invalid('Invalid page token.');
}
