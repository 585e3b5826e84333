/**
 * Quiet hours (`21:00-06:30` in the roster's zone): a non-urgent notice found inside them waits until they end.
 * Pure: the instant is given, the wall clock is read through Intl in the roster's zone, never the host's.
 */
import { addDays } from './dates.ts';
import { wallClockInZone, zonedDateTime } from './zone.ts';

export interface QuietHours {
  /** `HH:MM`, local; start later than end means the quiet hours span midnight. */
  start: string;
  end: string;
}

const PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** `21:00-06:30` → the window; `off` → null; anything else → undefined (the caller reports it). */
export function parseQuietHours(text: string): QuietHours | null | undefined {
  if (text.trim().toLowerCase() === 'off') return null;
  const match = PATTERN.exec(text.trim());
  if (!match || match[0].slice(0, 5) === match[0].slice(6)) return undefined;
  return { start: match[0].slice(0, 5), end: match[0].slice(6) };
}

/** When a non-urgent notice may go: `at` itself outside quiet hours, else the instant they end. */
export function releaseAfterQuietHours(at: Date, zone: string, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const { date, time } = wallClockInZone(at, zone);
  const wraps = quiet.start > quiet.end;
  const inside = wraps
    ? time >= quiet.start || time < quiet.end
    : time >= quiet.start && time < quiet.end;
  if (!inside) return at;
  const endDate = wraps && time >= quiet.start ? addDays(date, 1) : date;
  return new Date(zonedDateTime(endDate, quiet.end, zone));
}
