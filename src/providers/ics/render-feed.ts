/**
 * A FeedDocument written as the RFC 5545 text of a subscribed calendar, with ical-generator.
 *
 * The same document always gives the same bytes (the ETag is a hash of them): no clock, no random UID. What
 * ical-generator 11 gets wrong for us, checked against its output, and what this module does about it:
 * - NAME, X-WR-CALNAME, X-WR-CALDESC and UID are written unescaped, so a name with a line break injects properties:
 *   those values are TEXT-escaped here before they are handed over.
 * - With a calendar time zone set, DTSTAMP, CREATED and LAST-MODIFIED lose their `Z` and plain `Date`s are written
 *   in the host's zone. No calendar zone is set; stamps are `Date`s written in UTC, and DTSTART/DTEND get the
 *   event's zone and a Temporal.ZonedDateTime look-alike whose wall time is the ISO input's digits.
 * - It writes calendar properties after the VTIMEZONE and cannot add one when a feed has no events:
 *   X-WR-TIMEZONE and the VTIMEZONE are inserted after the calendar properties here, before the first VEVENT.
 * - It ends the file without a CRLF after END:VCALENDAR: one is added.
 * - It silently swaps DTSTART and DTEND when the end comes first: such an event is refused instead.
 * Its folding (≤ 75 octets, surrogate pairs kept whole) and its TEXT escaping of `\ , ; newline` are correct.
 */
import ical, {
  escape as escapeTextValue,
  foldLines,
  ICalEventClass,
  type ICalEventData,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { type FeedDocument, type FeedEvent, FeedRenderError } from './feed-document.ts';
import { vtimezoneBlock } from './vtimezone.ts';
import { commonShapeInstant, zonedWallTime } from './wall-time.ts';

export { FeedRenderError } from './feed-document.ts';

/** ical-generator prefixes the `-`. */
const PRODID = '//lichtruc//lichtruc//VI';

/** Render `doc` as a CRLF-terminated iCalendar stream, byte-identical for an identical document. */
export function renderFeed(doc: FeedDocument): string {
  const zoneLines = zoneInsert(doc.timeZone);
  if (!Number.isInteger(doc.refreshMinutes) || doc.refreshMinutes <= 0) {
    throw new FeedRenderError(
      `refreshMinutes must be a positive integer, got ${doc.refreshMinutes}`,
    );
  }
  const calendar = ical({
    prodId: PRODID,
    scale: 'GREGORIAN',
    name: escapeText(doc.name),
    description: doc.description ? escapeText(doc.description) : null,
    ttl: doc.refreshMinutes * 60,
  });
  const uids = new Set<string>();
  for (const event of doc.events) {
    if (uids.has(event.uid)) throw new FeedRenderError(`duplicate UID ${event.uid}`);
    uids.add(event.uid);
    calendar.createEvent(eventData(event, doc.timeZone));
  }
  return withZone(calendar.toString(), zoneLines);
}

const STATUS: Record<FeedEvent['status'], ICalEventStatus> = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

function eventData(event: FeedEvent, zone: string): ICalEventData {
  if (!Number.isInteger(event.sequence) || event.sequence < 0)
    throw new FeedRenderError(`${event.uid}: bad SEQUENCE ${event.sequence}`);
  const start = zonedWallTime(event.start, zone, event.uid);
  const end = zonedWallTime(event.end, zone, event.uid);
  if (end.epochMilliseconds <= start.epochMilliseconds) {
    throw new FeedRenderError(`${event.uid}: end ${event.end} is not after start ${event.start}`);
  }
  // DTSTAMP is the time of the last change, not of rendering: the feed must not change when nothing did.
  const lastModified = utcInstant(event.lastModified, event.uid);
  return {
    id: escapeText(event.uid),
    sequence: event.sequence,
    stamp: lastModified,
    created: utcInstant(event.created, event.uid),
    lastModified,
    timezone: zone,
    start,
    end,
    summary: stripControls(event.summary),
    description: stripControls(event.description) || null,
    location: stripControls(event.location) || null,
    status: STATUS[event.status],
    transparency: ICalEventTransparency.OPAQUE,
    class: ICalEventClass.PUBLIC,
  };
}

/** RFC 5545 TEXT allows no control character but HTAB; CR and LF are kept for escape() to turn into `\n`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same, without the global flag's state, to test
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function stripControls(text: string): string {
  // Almost no text has one: test first rather than copy every string through replace().
  return HAS_CONTROL.test(text) ? text.replace(CONTROLS, '') : text;
}

const NEEDS_ESCAPE = /[\\;,\r\n]/;

/** For the values ical-generator writes verbatim (see the module comment). */
function escapeText(text: string): string {
  const clean = stripControls(text);
  return NEEDS_ESCAPE.test(clean) ? escapeTextValue(clean, false) : clean;
}

const ENDS_WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/;

function utcInstant(iso: string, uid: string): Date {
  const common = commonShapeInstant(iso);
  if (common !== null) return new Date(common);
  const date = new Date(iso);
  if (!ENDS_WITH_OFFSET.test(iso) || Number.isNaN(date.getTime()))
    throw new FeedRenderError(`${uid}: bad instant ${iso}`);
  return date;
}

/**
 * X-WR-TIMEZONE and the VTIMEZONE of `zone`, folded, once per zone: the same few hundred bytes for every feed.
 * foldLines() only over these lines: folding ical-generator's already folded text again would break it.
 */
const zoneInserts = new Map<string, string>();

function zoneInsert(zone: string): string {
  let lines = zoneInserts.get(zone);
  if (lines === undefined) {
    const vtimezone = vtimezoneBlock(zone);
    if (!vtimezone) throw new FeedRenderError(`no VTIMEZONE for time zone ${JSON.stringify(zone)}`);
    lines = foldLines(`X-WR-TIMEZONE:${zone}\r\n${vtimezone}`);
    zoneInserts.set(zone, lines);
  }
  return lines;
}

/** Adds X-WR-TIMEZONE and the VTIMEZONE after the calendar properties, and the final CRLF (module comment). */
function withZone(generated: string, zoneLines: string): string {
  const firstEvent = generated.indexOf('\r\nBEGIN:VEVENT\r\n');
  const at = (firstEvent >= 0 ? firstEvent : generated.lastIndexOf('\r\nEND:VCALENDAR')) + 2;
  if (at < 2) throw new FeedRenderError('ical-generator wrote no END:VCALENDAR');
  const ending = generated.endsWith('\r\n') ? '' : '\r\n';
  return generated.slice(0, at) + zoneLines + generated.slice(at) + ending;
}
