/**
 * Graph's `dateTimeTimeZone`: a wall-clock `dateTime` (`2024-05-06T07:30:00.0000000`, no offset) in a Windows or IANA
 * zone. Outlook stores what it was given and answers in UTC unless the request carries
 * `Prefer: outlook.timezone="…"`; all-day events are never converted.
 */
import type { DateTimeTimeZone } from '@microsoft/microsoft-graph-types';
import { GraphApiError } from './graph-http.ts';
import { offsetFormatter, wallClockInstant } from './wall-clock.ts';

/** Windows zone names Outlook knows, mapped to IANA (a subset: the stand-in refuses the rest loudly). */
const WINDOWS_ZONES: Record<string, string> = {
  UTC: 'UTC',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'India Standard Time': 'Asia/Kolkata',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'AUS Eastern Standard Time': 'Australia/Sydney',
};

const WALL = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,7}))?)?$/;

/** The IANA zone behind a Windows or IANA name; null when neither. */
export function ianaZone(name: string | null | undefined): string | null {
  if (!name) return null;
  const windows = Object.entries(WINDOWS_ZONES).find(
    ([key]) => key.toLowerCase() === name.toLowerCase(),
  );
  if (windows) return windows[1];
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Validates a write's `start`/`end` and returns it as stored: dateTime padded to seven fraction digits, zone as given. */
export function storedTime(value: unknown, key: 'start' | 'end'): DateTimeTimeZone {
  const time = (value ?? {}) as DateTimeTimeZone;
  if (typeof time !== 'object' || typeof time.dateTime !== 'string') {
    throw new GraphApiError(
      400,
      'ErrorInvalidRequest',
      `Your request can't be completed. The ${key} time is required (stand-in rule).`,
    );
  }
  const zone = time.timeZone ?? '';
  if (!ianaZone(zone)) {
    throw new GraphApiError(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
    );
  }
  const wall = normalizeWall(time.dateTime);
  if (!wall) {
    throw new GraphApiError(
      400,
      'ErrorInvalidRequest',
      `Cannot read ${key}.dateTime '${time.dateTime}': send wall-clock time without an offset (stand-in rule).`,
    );
  }
  return { dateTime: wall, timeZone: zone };
}

/** `YYYY-MM-DDTHH:mm[:ss[.f…]]` → `YYYY-MM-DDTHH:mm:ss.fffffff`; null when not a wall-clock date-time. */
export function normalizeWall(dateTime: string): string | null {
  const m = WALL.exec(dateTime);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`))) return null;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}.${(m[5] ?? '').padEnd(7, '0')}`;
}

/** Milliseconds since the epoch of a stored time. */
export function instantOf(time: DateTimeTimeZone): number {
  const zone = ianaZone(time.timeZone) ?? 'UTC';
  const asUtc = Date.parse(`${(time.dateTime ?? '').slice(0, 23)}Z`);
  return wallClockInstant(asUtc, offsetFormatter(zone));
}

/** A stored time as the response shows it: in the preferred zone (its name as asked), else in UTC. */
export function presentTime(
  time: DateTimeTimeZone,
  preferred: string | null,
  allDay: boolean,
): DateTimeTimeZone {
  if (allDay) return { ...time };
  const target = preferred && ianaZone(preferred) ? preferred : 'UTC';
  if (target === time.timeZone) return { ...time };
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ianaZone(target) ?? 'UTC',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instantOf(time));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  const fraction = (time.dateTime ?? '').slice(20);
  return {
    dateTime: `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}.${fraction || '0000000'}`,
    timeZone: target,
  };
}
