/**
 * Event writes as Outlook does them through Graph: a create with a known `transactionId` answers the existing event
 * (no second one), `transactionId` cannot change later, PATCH replaces the top-level properties it names and upserts
 * extended properties by id, If-Match with a stale change key is 412, DELETE removes the item from the calendar for
 * good, yet its `transactionId` stays taken: a create repeating it answers the deleted event and makes nothing.
 */
import { createHash } from 'node:crypto';
import type { SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';
import { badRequest, etagMatches, GraphApiError, itemNotFound } from './graph-http.ts';
import {
  type CalendarState,
  checkId,
  type Event,
  type Mailbox,
  newItemId,
  type StandInState,
  type StoredEvent,
  stamp,
} from './graph-state.ts';
import { instantOf, storedTime } from './graph-time.ts';

/** Properties of microsoft.graph.event; anything else in a body is Graph's 400 RequestBodyRead. */
const KNOWN: ReadonlySet<string> = new Set(
  (
    'allowNewTimeProposals attendees body bodyPreview cancelledOccurrences end hasAttachments hideAttendees iCalUId importance ' +
    'isAllDay isCancelled isDraft isOnlineMeeting isOrganizer isReminderOn location locations onlineMeeting onlineMeetingProvider ' +
    'onlineMeetingUrl organizer originalEndTimeZone originalStart originalStartTimeZone recurrence reminderMinutesBeforeStart ' +
    'responseRequested responseStatus sensitivity seriesMasterId showAs start subject transactionId type webLink attachments calendar ' +
    'exceptionOccurrences extensions instances multiValueExtendedProperties singleValueExtendedProperties categories changeKey ' +
    'createdDateTime lastModifiedDateTime id @odata.type @odata.etag @odata.context'
  ).split(' '),
);
/** Server-owned: accepted in a body and ignored. */
const READ_ONLY: readonly string[] = [
  '@odata.type',
  '@odata.etag',
  '@odata.context',
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'iCalUId',
  'bodyPreview',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'webLink',
  'hasAttachments',
  'type',
  'seriesMasterId',
  'isOrganizer',
  'responseStatus',
  'onlineMeetingUrl',
  'isDraft',
  'singleValueExtendedProperties',
  'multiValueExtendedProperties',
  'calendar',
  'instances',
  'attachments',
];

export interface WriteOptions {
  /** A person in Outlook, not an app: may set organizer and read-only looks. */
  foreign?: boolean;
}

export function createEvent(
  state: StandInState,
  mailbox: Mailbox,
  calendar: CalendarState,
  body: Event,
  options: WriteOptions = {},
): { stored: StoredEvent; created: boolean } {
  const fields = writable(body);
  if (typeof body.transactionId === 'string') {
    const existing = [...mailbox.events.values()].find(
      (s) => s.event.transactionId === body.transactionId,
    );
    if (existing) return { stored: existing, created: false };
    const deleted = mailbox.deletedByTransaction.get(body.transactionId);
    if (deleted) return { stored: deleted, created: false };
  }
  const start = storedTime(body.start, 'start');
  const end = storedTime(body.end, 'end');
  checkTimes(start, end, body.isAllDay === true);
  const id = newItemId();
  const { changeKey, at } = stamp(state);
  const event: Event = {
    id,
    createdDateTime: at,
    lastModifiedDateTime: at,
    changeKey,
    categories: [],
    ...(typeof body.transactionId === 'string' ? { transactionId: body.transactionId } : {}),
    originalStartTimeZone: start.timeZone ?? null,
    originalEndTimeZone: end.timeZone ?? null,
    iCalUId: `040000008200E00074C5B7101A82E00800000000${createHash('sha256').update(id).digest('hex').slice(0, 72).toUpperCase()}`,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: '',
    bodyPreview: '',
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: false,
    isOrganizer: !options.foreign,
    responseRequested: true,
    seriesMasterId: null,
    showAs: 'busy',
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: {
      response: options.foreign ? 'none' : 'organizer',
      time: '0001-01-01T00:00:00Z',
    },
    body: { contentType: 'html', content: '' },
    location: {
      displayName: '',
      locationType: 'default',
      uniqueIdType: 'unknown',
      address: {},
      coordinates: {},
    },
    locations: [],
    recurrence: null,
    attendees: [],
    organizer: { emailAddress: { name: mailbox.displayName, address: mailbox.userPrincipalName } },
    onlineMeeting: null,
    ...(options.foreign
      ? pick(body, ['organizer', 'isOrganizer', 'responseStatus', 'iCalUId'])
      : {}),
    ...fields,
    start,
    end,
  };
  event.bodyPreview = preview(event);
  const stored: StoredEvent = { event, calendarId: calendar.id, properties: new Map() };
  upsertProperties(stored, body.singleValueExtendedProperties);
  mailbox.events.set(id, stored);
  return { stored, created: true };
}

export function findEvent(mailbox: Mailbox, id: string, calendarId?: string): StoredEvent {
  checkId(id);
  const stored = mailbox.events.get(id);
  if (!stored || (calendarId !== undefined && stored.calendarId !== calendarId))
    throw itemNotFound();
  return stored;
}

export function patchEvent(
  state: StandInState,
  stored: StoredEvent,
  body: Event,
  ifMatch: string | undefined,
): StoredEvent {
  requireMatch(stored, ifMatch);
  const fields = writable(body);
  if ('transactionId' in body && body.transactionId !== (stored.event.transactionId ?? null)) {
    throw badRequest(
      'The transactionId of an event cannot be changed once set.',
      'ErrorInvalidRequest',
    );
  }
  const next: Event = { ...stored.event, ...fields };
  if ('start' in body) next.start = storedTime(body.start, 'start');
  if ('end' in body) next.end = storedTime(body.end, 'end');
  checkTimes(next.start!, next.end!, next.isAllDay === true);
  next.originalStartTimeZone = next.start?.timeZone ?? null;
  next.originalEndTimeZone = next.end?.timeZone ?? null;
  next.bodyPreview = preview(next);
  const { changeKey, at } = stamp(state);
  stored.event = { ...next, changeKey, lastModifiedDateTime: at };
  upsertProperties(stored, body.singleValueExtendedProperties);
  return stored;
}

export function removeEvent(
  mailbox: Mailbox,
  stored: StoredEvent,
  ifMatch: string | undefined,
): void {
  requireMatch(stored, ifMatch);
  mailbox.events.delete(stored.event.id!);
  const { transactionId } = stored.event;
  if (transactionId) mailbox.deletedByTransaction.set(transactionId, stored);
}

/** `String {guid} Name x` with the type's usual casing and a lower-case GUID, as Graph echoes ids back. */
export function canonicalPropertyId(id: string): string | null {
  const m = /^\s*(\w+)\s+(?:\{([0-9a-f-]{36})\}\s+(name|id)\s+(\S.*?)|(0x[0-9a-f]{1,8}))\s*$/i.exec(
    id,
  );
  const types = [
    'String',
    'Integer',
    'Boolean',
    'SystemTime',
    'Binary',
    'Guid',
    'Double',
    'Long',
    'Short',
    'Float',
    'Currency',
    'CLSID',
  ];
  const type = types.find((t) => t.toLowerCase() === m?.[1]?.toLowerCase());
  if (!m || !type) return null;
  if (m[5]) return `${type} ${m[5].toLowerCase()}`;
  return `${type} {${m[2]!.toLowerCase()}} ${m[3]!.toLowerCase() === 'name' ? 'Name' : 'Id'} ${m[4]}`;
}

function upsertProperties(
  stored: StoredEvent,
  properties: SingleValueLegacyExtendedProperty[] | null | undefined,
): void {
  for (const property of properties ?? []) {
    const id = canonicalPropertyId(property.id ?? '');
    if (!id)
      throw badRequest(
        `The extended property id '${property.id}' is not valid.`,
        'ErrorInvalidProperty',
      );
    if (typeof property.value !== 'string')
      throw badRequest(
        `The value of extended property '${property.id}' must be a string.`,
        'ErrorInvalidProperty',
      );
    stored.properties.set(id, { id, value: property.value });
  }
}

function requireMatch(stored: StoredEvent, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, stored.event.changeKey ?? '')) {
    throw new GraphApiError(
      412,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    );
  }
}

function checkTimes(start: Event['start'], end: Event['end'], allDay: boolean): void {
  if (instantOf(end!) < instantOf(start!)) {
    throw new GraphApiError(
      400,
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'The end date occurs before the start date.',
    );
  }
  if (allDay && ![start, end].every((t) => t?.dateTime?.endsWith('T00:00:00.0000000'))) {
    throw new GraphApiError(
      400,
      'ErrorInvalidRequest',
      'An all-day event must start and end at midnight.',
    );
  }
}

function writable(body: Event): Event {
  const unknown = Object.keys(body).find((key) => !KNOWN.has(key));
  if (unknown) {
    const hint =
      'Make sure to only use property names that are defined by the type or mark the type as open type.';
    throw badRequest(
      `The property '${unknown}' does not exist on type 'microsoft.graph.event'. ${hint}`,
      'RequestBodyRead',
    );
  }
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const key of READ_ONLY) delete copy[key];
  return copy as Event;
}

function pick(event: Event, keys: (keyof Event)[]): Event {
  return Object.fromEntries(keys.filter((k) => event[k] !== undefined).map((k) => [k, event[k]]));
}

function preview(event: Event): string {
  return (event.body?.content ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}
