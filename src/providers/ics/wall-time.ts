/**
 * An ISO date-time with offset as the wall time ical-generator writes as `;TZID=<zone>:YYYYMMDDTHHMMSS`, taken
 * literally from its digits, after checking that they are what the zone's clocks show at that instant (else the
 * feed would move the duty). ical-generator formats a Temporal.ZonedDateTime that way; Temporal itself is not in
 * Node 24 or workerd yet, so these are look-alikes with just what ical-generator reads. They are classes rather than
 * object literals of closures: a feed makes two per event, and allocating them was a visible part of a render.
 */
import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { FeedRenderError } from './feed-document.ts';
import { type ZoneClock, zoneClock } from './zone-clock.ts';

const DAY_MS = 86_400_000;

/** `iso` as the wall time of `zone` it names; a FeedRenderError naming `uid` when it names none. */
export function zonedWallTime(iso: string, zone: string, uid: string): ZonedWallTime {
  const reading = commonShape(iso) ?? anyShape(iso, uid);
  const { wallMs, offsetMs, epochMs } = reading;
  if (Number.isNaN(wallMs) || !isWallTimeOf(wallMs, offsetMs, epochMs, zoneClock(zone)))
    throw new FeedRenderError(`${uid}: ${iso} is not a wall time of ${zone}`);
  return new ZonedWallTime(iso, zone, uid, reading.epochMs, reading.fields);
}

/** Year, month, day, hour, minute, second, as written. */
type Fields = [number, number, number, number, number, number];

interface Reading {
  fields: number[];
  /** The fields as epoch milliseconds taken as UTC; NaN when they name no time. */
  wallMs: number;
  offsetMs: number;
  /** The instant named. */
  epochMs: number;
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/** Any ISO 8601 date-time with an offset, through a regular expression and Date.parse. */
function anyShape(iso: string, uid: string): Reading {
  const match = ISO_WITH_OFFSET.exec(iso);
  const epochMs = Date.parse(iso);
  if (!match || Number.isNaN(epochMs)) throw new FeedRenderError(`${uid}: bad date-time ${iso}`);
  const [, year, month, day, hour, minute, second, utc, sign, offsetHours, offsetMinutes] = match;
  const fields = [year, month, day, hour, minute, second ?? '0'].map(Number);
  const offsetMs =
    utc === 'Z'
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return { fields, wallMs: literalWallMs(fields), offsetMs, epochMs };
}

const code = (text: string, at: number) => text.charCodeAt(at);
/** The two-digit number at `at`; NaN when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = code(text, at) - 48;
  const units = code(text, at + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : Number.NaN;
}

/**
 * The shape every stored event has, `2024-04-15T07:30:00+07:00` or `…Z`, read without a regular expression,
 * Date.parse or a Date: these were most of the cost of checking wall times. Only fields in range are read here
 * (then Date.parse would give exactly `wallMs - offsetMs`); anything else is left to anyShape (null).
 */
function commonShape(iso: string): Reading | null {
  const utc = iso.length === 20 && code(iso, 19) === 90; // Z
  if (!utc && (iso.length !== 25 || code(iso, 22) !== 58)) return null; // :
  if (code(iso, 4) !== 45 || code(iso, 7) !== 45 || code(iso, 10) !== 84) return null; // - - T
  if (code(iso, 13) !== 58 || code(iso, 16) !== 58) return null; // : :
  const sign = utc ? 1 : code(iso, 19) === 43 ? 1 : code(iso, 19) === 45 ? -1 : 0; // + -
  const year = twoDigits(iso, 0) * 100 + twoDigits(iso, 2);
  const fields = [year, twoDigits(iso, 5), twoDigits(iso, 8), twoDigits(iso, 11)];
  fields.push(twoDigits(iso, 14), twoDigits(iso, 17));
  const [, month, day, hour, minute, second] = fields as Fields;
  const offsetHours = utc ? 0 : twoDigits(iso, 20);
  const offsetMinutes = utc ? 0 : twoDigits(iso, 23);
  const inRange =
    sign !== 0 &&
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    offsetHours < 24 &&
    offsetMinutes < 60;
  if (!inRange) return null; // NaN fails every comparison too
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMs = sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return { fields, wallMs, offsetMs, epochMs: wallMs - offsetMs };
}

/** The instant of a `…Z` or `…+07:00` date-time of the common shape; null for any other (then use Date.parse). */
export function commonShapeInstant(iso: string): number | null {
  return commonShape(iso)?.epochMs ?? null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The digits of a wall reading as epoch milliseconds taken as UTC; NaN when they name no time (31/02, 24:00). */
function literalWallMs(fields: number[]): number {
  const [year, month, day, hour, minute, second] = fields as Fields;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wallMs);
  const exact =
    back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60;
  return exact && second < 60 ? wallMs : Number.NaN;
}

/**
 * True when the wall reading `wallMs` at `offsetMs` names the instant `epochMs` on `clock`: the clocks show it then
 * (either time of a repeated hour), or it falls in an hour skipped by a DST change and the offset is one of the
 * change's two (RFC 5545 §3.3.5 reads such a time with the offset before the change).
 */
function isWallTimeOf(wallMs: number, offsetMs: number, epochMs: number, clock: ZoneClock) {
  if (clock.wallAt(epochMs) === wallMs) return true;
  const before = clock.offsetAt(epochMs - DAY_MS);
  const after = clock.offsetAt(epochMs + DAY_MS);
  if (offsetMs !== before && offsetMs !== after) return false;
  const shownSomewhere =
    clock.wallAt(epochMs + offsetMs - before) === wallMs ||
    clock.wallAt(epochMs + offsetMs - after) === wallMs;
  return !shownSomewhere;
}

/** The digits both look-alikes carry, as fields (ical-generator reads them by name). */
class WallFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly fields: readonly number[];

  constructor(fields: readonly number[]) {
    this.fields = fields;
    [this.year, this.month, this.day, this.hour, this.minute, this.second] = fields as Fields;
  }
}

/** The fields and conversions of a Temporal.ZonedDateTime that ical-generator reads. */
export class ZonedWallTime extends WallFields implements ICalTemporalZonedDateTimeStub {
  readonly iso: string;
  readonly timeZoneId: string;
  readonly epochMilliseconds: number;
  /** Named in errors. */
  private readonly uid: string;

  constructor(
    iso: string,
    timeZoneId: string,
    uid: string,
    epochMilliseconds: number,
    fields: readonly number[],
  ) {
    super(fields);
    this.iso = iso;
    this.timeZoneId = timeZoneId;
    this.uid = uid;
    this.epochMilliseconds = epochMilliseconds;
  }

  toJSON(): string {
    return this.iso;
  }

  override toString(): string {
    return this.iso;
  }

  toPlainDateTime(): ICalTemporalPlainDateTimeStub {
    return new PlainWallTime(this);
  }

  /** Itself: converting to any other zone is not something a feed needs, and would move the duty. */
  withTimeZone(timeZone: string): ZonedWallTime {
    if (timeZone !== this.timeZoneId) {
      throw new FeedRenderError(
        `${this.uid}: asked for ${timeZone}, the feed's zone is ${this.timeZoneId}`,
      );
    }
    return this;
  }

  /** Itself again: it has all a Temporal.Instant has (ical-generator asks for one per date, per render). */
  toInstant(): ICalTemporalInstantStub {
    return this;
  }

  toZonedDateTimeISO(timeZone: string): ZonedWallTime {
    return this.withTimeZone(timeZone);
  }
}

/** The same wall time as a Temporal.PlainDateTime (what ical-generator finally formats). */
class PlainWallTime extends WallFields implements ICalTemporalPlainDateTimeStub {
  private readonly zoned: ZonedWallTime;

  constructor(zoned: ZonedWallTime) {
    super(zoned.fields);
    this.zoned = zoned;
  }

  toJSON(): string {
    return this.zoned.iso;
  }

  override toString(): string {
    return this.zoned.iso;
  }

  toPlainDate(): ICalTemporalPlainDateStub {
    const text = () => this.zoned.iso;
    return { year: this.year, month: this.month, day: this.day, toJSON: text, toString: text };
  }

  toZonedDateTime(timeZone: string): ICalTemporalZonedDateTimeStub {
    return this.zoned.withTimeZone(timeZone);
  }
}
