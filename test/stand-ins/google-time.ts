/**
 * Instants of Calendar API `EventDateTime`s, for timeMin/timeMax filters and ordering.
 */
import type { calendar_v3 } from '@googleapis/calendar';

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
export function eventInstant(time: calendar_v3.Schema$EventDateTime | undefined, calendarZone: string): number {
  if (!time) return Number.NaN;
  if (time.dateTime) {
    return hasZone(time.dateTime) ? Date.parse(time.dateTime) : wallClockInstant(time.dateTime, time.timeZone ?? calendarZone);
  }
  if (time.date && /^\d{4}-\d\d-\d\d$/.test(time.date)) return wallClockInstant(`${time.date}T00:00:00`, time.timeZone ?? calendarZone);
  return Number.NaN;
}

function wallClockInstant(wall: string, timeZone: string): number {
  const asUtc = Date.parse(`${wall}Z`);
  if (Number.isNaN(asUtc)) return Number.NaN;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    return Number.NaN;
  }
  // Two passes settle the offset except inside a DST gap, which no roster zone here has.
  let instant = asUtc;
  for (let pass = 0; pass < 2; pass += 1) instant = asUtc - offsetMs(formatter, instant);
  return instant;
}

function offsetMs(formatter: Intl.DateTimeFormat, instant: number): number {
  const name = formatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -minutes : minutes) * 60_000;
}
