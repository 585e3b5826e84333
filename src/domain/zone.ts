/**
 * Wall-clock times in an IANA zone turned into ISO 8601 date-times with their UTC offset, using only `Intl`
 * (available in Node and in workerd), so nothing depends on the host's own zone (Workers run in UTC).
 */
import type { IsoDate } from './dates.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * zone → time → date → value. Expansion asks for every slot of every roster (millions for a year of 5,000 rosters),
 * so answers are kept in nested maps: building and hashing one concatenated key per call was most of the cost.
 */
type DayCache<T> = Map<string, Map<string, Map<IsoDate, T>>>;
const DAY_CACHE_LIMIT = 100_000;

function cachedByDay<T>(
  cache: DayCache<T>,
  date: IsoDate,
  time: string,
  zone: string,
  compute: (date: IsoDate, time: string, zone: string) => T,
): T {
  let byTime = cache.get(zone);
  if (!byTime) {
    byTime = new Map();
    cache.set(zone, byTime);
  }
  let byDate = byTime.get(time);
  if (!byDate) {
    byDate = new Map();
    byTime.set(time, byDate);
  }
  let value = byDate.get(date);
  if (value === undefined) {
    value = compute(date, time, zone);
    if (byDate.size >= DAY_CACHE_LIMIT) byDate.clear();
    byDate.set(date, value);
  }
  return value;
}

const offsets: DayCache<number> = new Map();
const dateTimes: DayCache<string> = new Map();

/** True when the runtime knows `zone` as an IANA time zone name. */
export function isKnownTimeZone(zone: string): boolean {
  // The answer is kept: building a formatter costs tens of microseconds, and the Outlook provider asks per event.
  if (formatters.has(zone)) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Offset of `zone` from UTC, in minutes, at the instant `utcMs`. */
function offsetAt(zone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * Offset in minutes that `zone` applies to the wall-clock time `date time`. Around a change of offset, the offsets a
 * day before and a day after are the two candidates: a repeated time (clocks go back) takes the first occurrence,
 * and a skipped time (clocks go forward) the offset from before the change.
 */
export function offsetMinutesFor(date: IsoDate, time: string, zone: string): number {
  return cachedByDay(offsets, date, time, zone, computeOffset);
}

function computeOffset(date: IsoDate, time: string, zone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = offsetAt(zone, wall - 86_400_000);
  const after = offsetAt(zone, wall + 86_400_000);
  const valid = (offset: number) => offsetAt(zone, wall - offset * 60_000) === offset;
  let offset: number;
  if (before === after) offset = valid(before) ? before : offsetAt(zone, wall - before * 60_000);
  else if (valid(before) && valid(after))
    offset = Math.max(before, after); // the earlier instant
  else if (valid(before)) offset = before;
  else if (valid(after)) offset = after;
  else offset = before;
  return offset;
}

// A handful of distinct offsets exist; formatting each once keeps per-slot work to a lookup.
const offsetTexts = new Map<number, string>();

function formatOffset(minutes: number): string {
  let text = offsetTexts.get(minutes);
  if (text === undefined) {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    text = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    offsetTexts.set(minutes, text);
  }
  return text;
}

/** `2024-04-15` + `07:30` in Asia/Ho_Chi_Minh → `2024-04-15T07:30:00+07:00`. */
export function zonedDateTime(date: IsoDate, time: string, zone: string): string {
  return cachedByDay(dateTimes, date, time, zone, formatDateTime);
}

function formatDateTime(date: IsoDate, time: string, zone: string): string {
  return `${date}T${time}:00${formatOffset(offsetMinutesFor(date, time, zone))}`;
}

const lastDate = new Map<string, { minute: number; date: IsoDate }>();

/**
 * The calendar date in `zone` at the instant `at` (e.g. "today" for a roster, whatever the host's zone). Every
 * zone's midnight falls on a whole minute, so the answer is kept for the rest of the minute: a feed's freshness
 * check runs on every poll.
 */
export function dateInZone(at: Date, zone: string): IsoDate {
  const minute = Math.floor(at.getTime() / 60_000);
  const cached = lastDate.get(zone);
  if (cached?.minute === minute) return cached.date;
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(at)) parts[part.type] = part.value;
  const date = `${parts.year!.padStart(4, '0')}-${parts.month!.padStart(2, '0')}-${parts.day!.padStart(2, '0')}`;
  lastDate.set(zone, { minute, date });
  return date;
}

/** The wall clock in `zone` at the instant `at`: its date and `HH:MM` (quiet hours, whatever the host's zone). */
export function wallClockInZone(at: Date, zone: string): { date: IsoDate; time: string } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(at)) parts[part.type] = part.value;
  const pad = (value: string | undefined) => (value ?? '').padStart(2, '0');
  return {
    date: `${parts.year!.padStart(4, '0')}-${pad(parts.month)}-${pad(parts.day)}`,
    time: `${pad(parts.hour)}:${pad(parts.minute)}`,
  };
}
