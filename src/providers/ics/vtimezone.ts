/**
 * The VTIMEZONE a feed must ship for the TZID of its events: without it ical.js (Thunderbird) reads every duty as UTC
 * and shifts it by 7 hours. Blocks come from `timezones-ical-library` (pure data, runs in workerd, unlike
 * `@touch4it/ical-timezones`, which reads files from disk).
 */
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';

let knownZones: Set<string> | undefined;

/** True when a VTIMEZONE can be published for `zone` (an IANA name, aliases such as `Asia/Saigon` included). */
export function isPublishableTimeZone(zone: string): boolean {
  knownZones ??= new Set(tzlib_get_timezones(false));
  // The zone is written bare into `TZID=` parameters and X-WR-TIMEZONE, so it must not need quoting or escaping.
  return knownZones.has(zone) && /^[A-Za-z0-9_+\-/]+$/.test(zone);
}

/** Built once per zone (a render asked for it every time): at most one entry per name the library knows. */
const blocks = new Map<string, string | null>();

/**
 * The VTIMEZONE block for `zone`, CRLF-terminated, with `TZID` exactly as given. The library resolves aliases to
 * their canonical zone (`Asia/Saigon` → `Asia/Ho_Chi_Minh`) and so would write a TZID that no DTSTART refers to;
 * it is rewritten to the caller's name, which is the one every `DTSTART;TZID=` uses. Unknown zones return null.
 */
export function vtimezoneBlock(zone: string): string | null {
  // Checked first because the library reports an unknown zone with console.error.
  if (!isPublishableTimeZone(zone)) return null;
  let block = blocks.get(zone);
  if (block === undefined) {
    block = buildBlock(zone);
    blocks.set(zone, block);
  }
  return block;
}

function buildBlock(zone: string): string | null {
  const result = tzlib_get_ical_block(zone, false);
  const block = Array.isArray(result) ? result[0] : result;
  if (!block) return null;
  const lines = block
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) =>
      line.startsWith('TZID:')
        ? `TZID:${zone}`
        : line.startsWith('X-LIC-LOCATION:')
          ? `X-LIC-LOCATION:${zone}`
          : line,
    );
  return `${lines.join('\r\n')}\r\n`;
}
