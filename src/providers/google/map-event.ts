/**
 * Slots as Google Calendar events and back. The event id is the slot key in base32hex (Google's alphabet for
 * client-supplied ids), so a slot has one event for life and a repeated insert answers 409 instead of duplicating;
 * private extended properties mark the events lichtruc owns, so foreign events are never touched.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import { type DesiredRemoteEvent, remoteContentHash } from '../../domain/remote-event.ts';
import type { RemoteEvent } from '../../domain/sync-plan.ts';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** RFC 4648 base32hex, lower case, no padding: `[a-v0-9]`, as Google requires for event ids. */
export function googleEventId(slotKey: string): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of new TextEncoder().encode(slotKey)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}

export const OWNER_PROPERTY = 'lichtruc';

export function toGoogleEvent(event: DesiredRemoteEvent): calendar_v3.Schema$Event {
  const { content } = event;
  return {
    id: googleEventId(event.slotKey),
    iCalUID: `${event.slotKey}@lichtruc`,
    summary: content.summary,
    description: content.description,
    location: content.location,
    start: { dateTime: content.start, timeZone: content.timeZone },
    end: { dateTime: content.end, timeZone: content.timeZone },
    // Never cancelled: an update of an event someone deleted by hand restores it. A slot nobody serves yet is
    // tentative, not confirmed.
    status: content.tentative ? 'tentative' : 'confirmed',
    // A duty is time at the desk: busy, visible to whoever can see the shared calendar.
    transparency: 'opaque',
    visibility: 'default',
    extendedProperties: {
      private: {
        [OWNER_PROPERTY]: '1',
        lichtrucRoster: event.rosterId,
        lichtrucSlot: event.slotKey,
      },
    },
  };
}

/** An event lichtruc owns, as the sync planner compares it; null for events it does not own. */
export function fromGoogleEvent(event: calendar_v3.Schema$Event): RemoteEvent | null {
  const slotKey = event.extendedProperties?.private?.lichtrucSlot;
  if (!slotKey || !event.id) return null;
  const cancelled = event.status === 'cancelled';
  const start = event.start?.dateTime;
  const end = event.end?.dateTime;
  const contentHash =
    cancelled || !start || !end
      ? ''
      : remoteContentHash({
          summary: event.summary ?? '',
          description: event.description ?? '',
          location: event.location ?? '',
          start,
          end,
          timeZone: event.start?.timeZone ?? '',
          tentative: event.status === 'tentative',
        });
  return {
    remoteId: event.id,
    slotKey,
    date: slotKey.split('/')[1] ?? '',
    etag: event.etag ?? null,
    cancelled,
    contentHash,
  };
}
