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
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import type { FeedDocument, FeedEvent } from './feed-document.ts';
import { vtimezoneBlock } from './vtimezone.ts';

/** The document cannot be written as a correct feed; answer 5xx rather than publish a wrong or partial calendar. */
export class FeedRenderError extends Error {
  override name = 'FeedRenderError';
}

/** ical-generator prefixes the `-`. */
const PRODID = '//lichtruc//lichtruc//VI';

/** Render `doc` as a CRLF-terminated iCalendar stream, byte-identical for an identical document. */
export function renderFeed(doc: FeedDocument): string {
  const vtimezone = vtimezoneBlock(doc.timeZone);
  if (!vtimezone)
    throw new FeedRenderError(`no VTIMEZONE for time zone ${JSON.stringify(doc.timeZone)}`);
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
  return withZone(calendar.toString(), doc.timeZone, vtimezone);
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
  if (end.toInstant().epochMilliseconds <= start.toInstant().epochMilliseconds) {
    throw new FeedRenderError(`${event.uid}: end ${event.end} is not after start ${event.start}`);
  }
  return {
    id: escapeText(event.uid),
    sequence: event.sequence,
    // DTSTAMP is the time of the last change, not of rendering: the feed must not change when nothing did.
    stamp: utcInstant(event.lastModified, event.uid),
    created: utcInstant(event.created, event.uid),
    lastModified: utcInstant(event.lastModified, event.uid),
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

function stripControls(text: string): string {
  // Almost no text has one: test first rather than copy every string through replace().
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text) ? text.replace(CONTROLS, '') : text;
}

/** For the values ical-generator writes verbatim (see the module comment). */
function escapeText(text: string): string {
  return escapeTextValue(stripControls(text), false);
}

function utcInstant(iso: string, uid: string): Date {
  const date = new Date(iso);
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(iso) || Number.isNaN(date.getTime()))
    throw new FeedRenderError(`${uid}: bad instant ${iso}`);
  return date;
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/;
const wallFormatters = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;

/**
 * What the clocks of `zone` show at `epochMs`, as the epoch milliseconds of that reading taken as UTC (`wallMs`,
 * whole seconds), and their offset; via Intl, never the host's zone.
 */
function wallAtByIntl(epochMs: number, zone: string): { wallMs: number; offsetMs: number } {
  let formatter = wallFormatters.get(zone);
  if (!formatter) {
    const numeric = 'numeric' as const;
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: numeric,
      month: numeric,
      day: numeric,
      hour: numeric,
      minute: numeric,
      second: numeric,
    });
    wallFormatters.set(zone, formatter);
  }
  const part = Object.fromEntries(
    formatter.formatToParts(epochMs).map(({ type, value }) => [type, Number(value)]),
  );
  const asUtc = Date.UTC(
    part.year!,
    part.month! - 1,
    part.day!,
    part.hour!,
    part.minute!,
    part.second!,
  );
  return { wallMs: asUtc, offsetMs: asUtc - Math.floor(epochMs / 1000) * 1000 };
}

// Offsets of each zone at the start of UTC days, computed once per day and zone: Intl.formatToParts was over a
// quarter of a render. A day whose two ends share an offset has no transition inside (zones change offset at most
// once a day), so its wall times are plain arithmetic; only a transition day asks Intl again.
const dayStartOffsets = new Map<string, Map<number, number>>();
const DAYS_KEPT_PER_ZONE = 20_000;

function offsetAtDayStart(zone: string, day: number): number {
  let days = dayStartOffsets.get(zone);
  if (!days) {
    days = new Map();
    dayStartOffsets.set(zone, days);
  }
  let offset = days.get(day);
  if (offset === undefined) {
    if (days.size >= DAYS_KEPT_PER_ZONE) days.clear();
    offset = wallAtByIntl(day * DAY_MS, zone).offsetMs;
    days.set(day, offset);
  }
  return offset;
}

/** `wallAtByIntl` without Intl on days without an offset transition. */
function wallAt(epochMs: number, zone: string): { wallMs: number; offsetMs: number } {
  const day = Math.floor(epochMs / DAY_MS);
  const offsetMs = offsetAtDayStart(zone, day);
  if (offsetMs !== offsetAtDayStart(zone, day + 1)) return wallAtByIntl(epochMs, zone);
  return { wallMs: Math.floor(epochMs / 1000) * 1000 + offsetMs, offsetMs };
}

/**
 * True when the wall reading `wallMs` at `offsetMs` names the instant `epochMs` on the clocks of `zone`: the clocks
 * show it then (either time of a repeated hour), or it falls in an hour skipped by a DST change and the offset is one
 * of the change's two (RFC 5545 §3.3.5 reads such a time with the offset before the change).
 */
function isWallTimeOf(wallMs: number, offsetMs: number, epochMs: number, zone: string): boolean {
  if (wallAt(epochMs, zone).wallMs === wallMs) return true;
  const offsets = [
    wallAt(epochMs - DAY_MS, zone).offsetMs,
    wallAt(epochMs + DAY_MS, zone).offsetMs,
  ];
  const shownSomewhere = offsets.some(
    (offset) => wallAt(epochMs + offsetMs - offset, zone).wallMs === wallMs,
  );
  return offsets.includes(offsetMs) && !shownSomewhere;
}

/** The digits of a wall reading as epoch milliseconds taken as UTC; NaN when they name no time (31/02, 24:00). */
function literalWallMs(...digits: (string | undefined)[]): number {
  const [year, month, day, hour, minute, second] = digits.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wallMs);
  const exact =
    back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60;
  return exact && second < 60 ? wallMs : Number.NaN;
}

/**
 * The wall time of an ISO date-time, taken literally from its digits, as the Temporal.ZonedDateTime that
 * ical-generator formats as `;TZID=<zone>:YYYYMMDDTHHMMSS` (Temporal itself is not in Node 24 or workerd yet).
 * The digits must be what `zone`'s clocks show at the ISO instant, else the feed would move the duty.
 */
function zonedWallTime(iso: string, zone: string, uid: string): ICalTemporalZonedDateTimeStub {
  const match = ISO_WITH_OFFSET.exec(iso);
  const epochMilliseconds = Date.parse(iso);
  if (!match || Number.isNaN(epochMilliseconds))
    throw new FeedRenderError(`${uid}: bad date-time ${iso}`);
  const [, year, month, day, hour, minute, second = '00', utc, sign, offsetHours, offsetMinutes] =
    match as unknown as string[];
  const wallMs = literalWallMs(year, month, day, hour, minute, second);
  const offsetMs =
    utc === 'Z'
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  if (Number.isNaN(wallMs) || !isWallTimeOf(wallMs, offsetMs, epochMilliseconds, zone))
    throw new FeedRenderError(`${uid}: ${iso} is not a wall time of ${zone}`);
  const wall = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
  const text = () => iso;
  const inZone = (timeZone: string) => {
    if (timeZone !== zone)
      throw new FeedRenderError(`${uid}: asked for ${timeZone}, the feed's zone is ${zone}`);
    return zoned;
  };
  const plain: ICalTemporalPlainDateTimeStub = {
    ...wall,
    toJSON: text,
    toString: text,
    toPlainDate: () => ({
      year: wall.year,
      month: wall.month,
      day: wall.day,
      toJSON: text,
      toString: text,
    }),
    toZonedDateTime: inZone,
  };
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...wall,
    timeZoneId: zone,
    toJSON: text,
    toString: text,
    toPlainDateTime: () => plain,
    withTimeZone: inZone,
    toInstant: () => ({
      epochMilliseconds,
      toJSON: text,
      toString: text,
      toZonedDateTimeISO: inZone,
    }),
  };
  return zoned;
}

/** Adds X-WR-TIMEZONE and the VTIMEZONE after the calendar properties, and the final CRLF (module comment). */
function withZone(generated: string, zone: string, vtimezone: string): string {
  const text = generated.endsWith('\r\n') ? generated : `${generated}\r\n`;
  const firstEvent = text.indexOf('\r\nBEGIN:VEVENT\r\n');
  const at = (firstEvent >= 0 ? firstEvent : text.lastIndexOf('\r\nEND:VCALENDAR\r\n')) + 2;
  if (at < 2) throw new FeedRenderError('ical-generator wrote no END:VCALENDAR');
  // foldLines() only over the inserted lines: folding already-folded text again would break its continuations.
  return text.slice(0, at) + foldLines(`X-WR-TIMEZONE:${zone}\r\n${vtimezone}`) + text.slice(at);
}
