/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), with no time zone attached: a duty date is a date on the wall
 * calendar of the roster's zone, never an instant. Arithmetic goes through "epoch days" (days since 1970-01-01 in
 * the proleptic Gregorian calendar), which never depends on the host's local zone.
 */
export type IsoDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `text` is a real calendar date written as `YYYY-MM-DD` (2024-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * The years lichtruc can expand: the lunar calendar and the estimated holiday rules hold from 1976 (the reunified
 * calendar) to 2199. Every date that comes in from outside is checked against them.
 */
export const SUPPORTED_YEARS = { first: 1976, last: 2199 } as const;

/** How a refusal names the range, in every message. */
export const SUPPORTED_RANGE_TEXT = `a date from ${SUPPORTED_YEARS.first}-01-01 to ${SUPPORTED_YEARS.last}-12-31`;

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= SUPPORTED_YEARS.first && year <= SUPPORTED_YEARS.last;
}

/** A real `YYYY-MM-DD` date within the supported years. */
export function isSupportedDate(text: string): boolean {
  return isIsoDate(text) && isSupportedYear(Number(text.slice(0, 4)));
}

/** Why `text` is not a supported date, or undefined when it is one. */
export function dateProblem(text: string): string | undefined {
  if (!isIsoDate(text)) return 'expected a real date written YYYY-MM-DD';
  return isSupportedDate(text) ? undefined : `expected ${SUPPORTED_RANGE_TEXT}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Expansion converts dates millions of times (a year of 5,000 rosters), so both directions are plain integer
// arithmetic (H. Hinnant's days_from_civil / civil_from_days) instead of a Date allocation and toISOString each.
const ZERO = 48; // '0'
const digit = (text: string, at: number) => text.charCodeAt(at) - ZERO;

export function toEpochDay(date: IsoDate): number {
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
/** Epoch days of 0000-01-01 and 9999-12-31: outside them ISO strings need a sign or more digits. */
const FOUR_DIGIT_YEARS = { first: -719528, last: 2932896 };

// The same few thousand dates come back for every roster: handing out one string per day also lets every Map keyed
// by date (holidays, time-zone offsets) reuse the string's hash instead of hashing a fresh copy each time.
const dateTexts = new Map<number, IsoDate>();
const DATE_TEXTS_LIMIT = 100_000;

export function fromEpochDay(day: number): IsoDate {
  let text = dateTexts.get(day);
  if (text === undefined) {
    text = civilDate(day);
    if (dateTexts.size >= DATE_TEXTS_LIMIT) dateTexts.clear();
    dateTexts.set(day, text);
  }
  return text;
}

function civilDate(day: number): IsoDate {
  if (day < FOUR_DIGIT_YEARS.first || day > FOUR_DIGIT_YEARS.last)
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const m = shifted < 10 ? shifted + 3 : shifted - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${TWO_DIGITS[Math.floor(y / 100)]}${TWO_DIGITS[y % 100]}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

export function makeIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

export function weekdayOf(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return (((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: IsoDate): boolean {
  return weekdayOf(date) >= 6;
}

export function yearOf(date: IsoDate): number {
  return digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
}

/** Number of days in the inclusive range [from, to]; 0 when `to` is before `from`. */
export function countDays(from: IsoDate, to: IsoDate): number {
  return Math.max(0, toEpochDay(to) - toEpochDay(from) + 1);
}

/** Every date of the inclusive range [from, to], in order. */
export function* eachDate(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  const last = toEpochDay(to);
  for (let day = toEpochDay(from); day <= last; day++) yield fromEpochDay(day);
}

/** Dates compare correctly as strings because the format is fixed-width. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}
