/**
 * What the clocks of an IANA zone show at an instant, via Intl (never the host's zone), asked as rarely as possible:
 * Intl.formatToParts was over a quarter of a render when it was asked for every date-time of a feed.
 */

const DAY_MS = 86_400_000;
/** Bounds the memory of a long-running process; a feed spans a few hundred days. */
const DAYS_KEPT_PER_ZONE = 20_000;

/** One zone's clocks, with its offsets at the start of each UTC day it was asked about. */
export class ZoneClock {
  private readonly dayStartOffsets = new Map<number, number>();
  private formatter: Intl.DateTimeFormat | undefined;

  readonly zone: string;

  constructor(zone: string) {
    this.zone = zone;
  }

  /**
   * The wall reading at `epochMs`, as the epoch milliseconds of that reading taken as UTC (whole seconds). A day
   * whose two ends share an offset has no transition inside (zones change offset at most once a day), so its wall
   * times are plain arithmetic; only a transition day asks Intl again.
   */
  wallAt(epochMs: number): number {
    const day = Math.floor(epochMs / DAY_MS);
    const offsetMs = this.offsetAtDayStart(day);
    if (offsetMs !== this.offsetAtDayStart(day + 1)) return this.wallByIntl(epochMs);
    return Math.floor(epochMs / 1000) * 1000 + offsetMs;
  }

  /** The offset in force at `epochMs`. */
  offsetAt(epochMs: number): number {
    return this.wallAt(epochMs) - Math.floor(epochMs / 1000) * 1000;
  }

  private offsetAtDayStart(day: number): number {
    let offset = this.dayStartOffsets.get(day);
    if (offset === undefined) {
      if (this.dayStartOffsets.size >= DAYS_KEPT_PER_ZONE) this.dayStartOffsets.clear();
      offset = this.wallByIntl(day * DAY_MS) - day * DAY_MS;
      this.dayStartOffsets.set(day, offset);
    }
    return offset;
  }

  private wallByIntl(epochMs: number): number {
    const numeric = 'numeric' as const;
    this.formatter ??= new Intl.DateTimeFormat('en-US', {
      timeZone: this.zone,
      hourCycle: 'h23',
      year: numeric,
      month: numeric,
      day: numeric,
      hour: numeric,
      minute: numeric,
      second: numeric,
    });
    const part: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
    for (const { type, value } of this.formatter.formatToParts(epochMs)) part[type] = Number(value);
    return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  }
}

const clocks = new Map<string, ZoneClock>();

/** The clock of `zone`, shared by every render (zones are a few hundred names at most). */
export function zoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new ZoneClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}
