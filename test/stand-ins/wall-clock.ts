/**
 * Wall-clock time in an IANA zone to an instant, as both calendar stand-ins need it (Google for all-day and
 * offset-less times, Graph for `dateTimeTimeZone`). Intl's `longOffset` name gives the zone's offset at an instant.
 */

/** A formatter that names the zone's UTC offset; throws a RangeError for a zone Intl does not know. */
export function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
}

/** The instant whose wall clock in the formatter's zone reads `asUtc` (that wall clock taken as if it were UTC). */
export function wallClockInstant(asUtc: number, formatter: Intl.DateTimeFormat): number {
  // Two passes settle the offset except inside a DST gap, which no roster zone has.
  let instant = asUtc;
  for (let pass = 0; pass < 2; pass += 1) instant = asUtc - offsetMs(formatter, instant);
  return instant;
}

function offsetMs(formatter: Intl.DateTimeFormat, instant: number): number {
  const name =
    formatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -minutes : minutes) * 60_000;
}
