/**
 * Instants of Calendar API `EventDateTime`s, for timeMin/timeMax filters and ordering.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import { offsetFormatter, wallClockInstant } from './wall-clock.ts';

const ZONED = /(?:Z|[+-]\d\d:\d\d)$/i;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i;

export function hasZone(dateTime: string): boolean {
  return ZONED.test(dateTime);
}

/** What Google demands of timeMin/timeMax/updatedMin: RFC 3339 with an offset. */
export function isRfc3339(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Milliseconds since the epoch; NaN when unreadable. An all-day date starts at midnight in `calendarZone`, as in
 * Google Calendar; a wall-clock dateTime without offset is read in its own timeZone, else the calendar's.
 */
export function eventInstant(
  time: calendar_v3.Schema$EventDateTime | undefined,
  calendarZone: string,
): number {
  if (!time) return Number.NaN;
  if (time.dateTime) {
    return hasZone(time.dateTime)
      ? Date.parse(time.dateTime)
      : wallInstant(time.dateTime, time.timeZone ?? calendarZone);
  }
  if (time.date && /^\d{4}-\d\d-\d\d$/.test(time.date))
    return wallInstant(`${time.date}T00:00:00`, time.timeZone ?? calendarZone);
  return Number.NaN;
}

function wallInstant(wall: string, timeZone: string): number {
  const asUtc = Date.parse(`${wall}Z`);
  if (Number.isNaN(asUtc)) return Number.NaN;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = offsetFormatter(timeZone);
  } catch {
    return Number.NaN;
  }
  return wallClockInstant(asUtc, formatter);
}
