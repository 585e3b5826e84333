/**
 * Slots as Outlook events and back. Graph assigns event ids, so identity rides on two things lichtruc sets: a
 * `transactionId` derived from the slot (Graph returns the existing event for a repeated create, which the
 * official client does replay after 429/503/504) and single-value extended properties naming the roster and the
 * slot, by which lichtruc finds its own events and never touches anyone else's.
 */
import type { DesiredRemoteEvent } from '../../domain/remote-event.ts';
import { contentHash } from '../../domain/hash.ts';
import { remoteContentHash } from '../../domain/remote-event.ts';
import type { RemoteEvent } from '../../domain/sync-plan.ts';
import { isKnownTimeZone, zonedDateTime } from '../../domain/zone.ts';
import { ianaZoneOf, windowsZoneOf } from './time-zones.ts';

/** lichtruc's property set (a fixed GUID of its own) with the names of its two properties. */
const PROPERTY_SET = '{8f6d2a3e-5c1b-4e8a-9d47-2b6c0e1f7a53}';
export const ROSTER_PROPERTY = `String ${PROPERTY_SET} Name lichtrucRoster`;
export const SLOT_PROPERTY = `String ${PROPERTY_SET} Name lichtrucSlot`;

export interface GraphEvent {
  id?: string;
  '@odata.etag'?: string;
  subject?: string;
  body?: { contentType?: string; content?: string };
  location?: { displayName?: string };
  start?: { dateTime?: string; timeZone?: string };
  end?: { dateTime?: string; timeZone?: string };
  showAs?: string;
  isReminderOn?: boolean;
  transactionId?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  [key: string]: unknown;
}

/**
 * The transactionId of one incarnation of a slot's event: stable across retries of the same create, new for each
 * event that replaces a predecessor gone from the calendar. Graph keeps answering a transactionId with its event
 * even after that event is deleted, so reusing it would bring back nothing; the predecessor's Graph id (known from
 * the record until the new event lands) names the incarnation, and the first one has none.
 */
export function transactionIdOf(slotKey: string, predecessorId?: string): string {
  return predecessorId
    ? `lichtruc:${slotKey}:${contentHash(predecessorId)}`
    : `lichtruc:${slotKey}`;
}

/** `2024-04-15T07:30:00+07:00` → `2024-04-15T07:30:00`: Graph wants the wall time with the zone given apart. */
const wallTime = (iso: string) => iso.slice(0, 19);

/** `identity`: a create carries the slot's identity (its transactionId after `predecessorId`); an update does not. */
export function toGraphEvent(
  event: DesiredRemoteEvent,
  identity: false | { predecessorId?: string | undefined },
): GraphEvent {
  const { content } = event;
  const zone = windowsZoneOf(content.timeZone);
  return {
    subject: content.summary,
    body: { contentType: 'text', content: content.description },
    location: { displayName: content.location },
    start: { dateTime: wallTime(content.start), timeZone: zone },
    end: { dateTime: wallTime(content.end), timeZone: zone },
    // A slot nobody serves yet shows as tentative, not as a confirmed busy duty.
    showAs: content.tentative ? 'tentative' : 'busy',
    // The desk opens at a fixed time; a reminder for every duty of a shared calendar would only be noise.
    isReminderOn: false,
    ...(identity
      ? {
          transactionId: transactionIdOf(event.slotKey, identity.predecessorId),
          singleValueExtendedProperties: [
            { id: ROSTER_PROPERTY, value: event.rosterId },
            { id: SLOT_PROPERTY, value: event.slotKey },
          ],
        }
      : {}),
  };
}

function instantOf(dateTime: string | undefined, zone: string): string | null {
  // An unknown zone cannot be compared: the event then counts as drifted and is rewritten in lichtruc's form.
  if (!dateTime || !isKnownTimeZone(zone)) return null;
  return zonedDateTime(dateTime.slice(0, 10), dateTime.slice(11, 16), zone);
}

/** An event lichtruc owns as the planner compares it; null for events without lichtruc's slot property. */
export function fromGraphEvent(event: GraphEvent, rosterZone: string): RemoteEvent | null {
  const slotKey = event.singleValueExtendedProperties?.find(
    (property) => property.id.toLowerCase() === SLOT_PROPERTY.toLowerCase(),
  )?.value;
  if (!slotKey || !event.id) return null;
  const zone = ianaZoneOf(event.start?.timeZone ?? '', rosterZone);
  const start = instantOf(event.start?.dateTime, zone);
  const end = instantOf(event.end?.dateTime, ianaZoneOf(event.end?.timeZone ?? '', rosterZone));
  const contentHash =
    start && end
      ? remoteContentHash({
          summary: event.subject ?? '',
          description: event.body?.content ?? '',
          location: event.location?.displayName ?? '',
          start,
          end,
          timeZone: zone,
          tentative: event.showAs === 'tentative',
        })
      : '';
  return {
    remoteId: event.id,
    slotKey,
    date: slotKey.split('/')[1] ?? '',
    etag: event['@odata.etag'] ?? null,
    cancelled: false,
    contentHash,
  };
}
