/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically: months begin on the local day of a new moon,
 * month 11 is the month that contains the December solstice, and in a 13-month span between two months 11 the first
 * month without a major solar term (trung khí) is the leap month. Everything is reckoned at UTC+7, which is why Tết
 * can differ from the Chinese calendar (UTC+8) by a day or a month. Formulas: Jean Meeus, "Astronomical Algorithms"
 * (2nd ed.), ch. 49 (new moon) and ch. 25 (the Sun, low accuracy, about 0.01°).
 */
import { fromEpochDay, type IsoDate, makeIsoDate, toEpochDay, yearOf } from './dates.ts';

/**
 * A day of the lunar calendar. `year` is the Gregorian year in which that lunar year's Tết falls, `month` is 1–12,
 * `day` is 1–30, and `leap` marks the intercalary month (tháng nhuận) that repeats the number of the month before it.
 */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

const UTC_OFFSET_DAYS = 7 / 24;
const JD_OF_EPOCH_DAY_0 = 2440587.5; // Julian Day at 1970-01-01T00:00Z
const rad = (deg: number) => (deg * Math.PI) / 180;
const sin = (deg: number) => Math.sin(rad(deg));

/**
 * Terrestrial minus Universal Time, in days (Meeus's formulas run on TT, clocks on UT): about 46 s in 1976, 64 s in 2000,
 * 69 s in 2025; later values cannot be predicted, so a gentle parabola. A minute only matters for a new moon at midnight.
 */
function deltaT(jd: number): number {
  const t = (jd - 2451545) / 36525 / 0.25; // quarter-centuries from 2000
  return (t < 0 ? 64 + 18 * t : 64 + 5 * t + 3 * t * t) / 86400;
}

/** Meeus 49.1 with table 49.A: the instant (Julian Day, UT) of new moon number `k` (k = 0 on 2000-01-06). */
function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const E = 1 - 0.002516 * T - 0.0000074 * T * T;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T * T - 0.00000011 * T ** 3;
  const Mp =
    201.5643 + 385.81693528 * k + 0.0107582 * T * T + 0.00001238 * T ** 3 - 0.000000058 * T ** 4;
  const F =
    160.7108 + 390.67050284 * k - 0.0016118 * T * T - 0.00000227 * T ** 3 + 0.000000011 * T ** 4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T * T + 0.00000215 * T ** 3;
  const terms: [number, number][] = [
    [-0.4072, Mp],
    [0.17241 * E, M],
    [0.01608, 2 * Mp],
    [0.01039, 2 * F],
    [0.00739 * E, Mp - M],
    [-0.00514 * E, Mp + M],
    [0.00208 * E * E, 2 * M],
    [-0.00111, Mp - 2 * F],
    [-0.00057, Mp + 2 * F],
    [0.00056 * E, 2 * Mp + M],
    [-0.00042, 3 * Mp],
    [0.00042 * E, M + 2 * F],
    [0.00038 * E, M - 2 * F],
    [-0.00024 * E, 2 * Mp - M],
    [-0.00017, Om],
    [-0.00007, Mp + 2 * M],
    [0.00004, 2 * Mp - 2 * F],
    [0.00004, 3 * M],
    [0.00003, Mp + M - 2 * F],
    [0.00003, 2 * Mp + 2 * F],
    [-0.00003, Mp + M + 2 * F],
    [0.00003, Mp - M + 2 * F],
    [-0.00002, Mp - M - 2 * F],
    [-0.00002, 3 * Mp + M],
    [0.00002, 4 * Mp],
    // Planetary arguments A1–A14.
    [0.000325, 299.77 + 0.107408 * k - 0.009173 * T * T],
    [0.000165, 251.88 + 0.016321 * k],
    [0.000164, 251.83 + 26.651886 * k],
    [0.000126, 349.42 + 36.412478 * k],
    [0.00011, 84.66 + 18.206239 * k],
    [0.000062, 141.74 + 53.303771 * k],
    [0.00006, 207.14 + 2.453732 * k],
    [0.000056, 154.84 + 7.30686 * k],
    [0.000047, 34.52 + 27.261239 * k],
    [0.000042, 207.19 + 0.121824 * k],
    [0.00004, 291.34 + 1.844379 * k],
    [0.000037, 161.72 + 24.198154 * k],
    [0.000035, 239.56 + 25.513099 * k],
    [0.000023, 331.55 + 3.592518 * k],
  ];
  const mean =
    2451550.09766 +
    29.530588861 * k +
    0.00015437 * T * T -
    0.00000015 * T ** 3 +
    0.00000000073 * T ** 4;
  const jde = terms.reduce((sum, [coefficient, angle]) => sum + coefficient * sin(angle), mean);
  return jde - deltaT(jde);
}

/** Epoch day of the UTC+7 calendar date on which new moon `k` falls: that day is the first of a lunar month. */
function monthStart(k: number): number {
  return Math.floor(newMoonJd(k) + UTC_OFFSET_DAYS - JD_OF_EPOCH_DAY_0);
}

/** Meeus ch. 25: which 30° sector (0–11) of apparent ecliptic longitude the Sun is in at 00:00 UTC+7 on `epochDay`. */
function solarSector(epochDay: number): number {
  const jd = epochDay + JD_OF_EPOCH_DAY_0 - UTC_OFFSET_DAYS;
  const T = (jd + deltaT(jd) - 2451545) / 36525;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) +
    (0.019993 - 0.000101 * T) * sin(2 * M) +
    0.000289 * sin(3 * M);
  const longitude =
    280.46646 +
    36000.76983 * T +
    0.0003032 * T * T +
    C -
    0.00569 -
    0.00478 * sin(125.04 - 1934.136 * T);
  return Math.floor((((longitude % 360) + 360) % 360) / 30);
}

/** A month contains a major term (a multiple of 30°) exactly when the Sun changes sector between its first day and the next month's. */
const hasMajorTerm = (k: number) => solarSector(monthStart(k)) !== solarSector(monthStart(k + 1));

/** Number `k` of the new moon that begins month 11 of the lunar year ending in Gregorian `year` + 1: the month holding the December solstice. */
function month11(year: number): number {
  const dec31 = toEpochDay(makeIsoDate(year, 12, 31));
  let k = Math.floor((dec31 + JD_OF_EPOCH_DAY_0 - 2451550.1) / 29.530588861);
  while (monthStart(k + 1) <= dec31) k++;
  while (monthStart(k) > dec31) k--;
  // Sector 9 starts at 270°: if the Sun is already there when this month begins, the solstice fell in the month before.
  return solarSector(monthStart(k)) >= 9 ? k - 1 : k;
}

interface LunarMonth {
  k: number;
  start: number;
  month: number;
  leap: boolean;
}

/** The 12 or 13 months from month 11 of Gregorian `year` − 1 up to (not including) month 11 of `year`, numbered. */
function monthsBefore(year: number): LunarMonth[] {
  const first = month11(year - 1);
  const count = month11(year) - first;
  // Only a 13-month span has a leap month; it is the first month after month 11 with no major term.
  let leapIndex = -1;
  for (let i = 1; count === 13 && leapIndex < 0 && i < count; i++)
    if (!hasMajorTerm(first + i)) leapIndex = i;
  return Array.from({ length: count }, (_, i) => {
    const ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i; // months counted from month 11, leap repeats
    return {
      k: first + i,
      start: monthStart(first + i),
      month: ((10 + ordinal) % 12) + 1,
      leap: i === leapIndex,
    };
  });
}

/** The lunar date of a Gregorian date (at UTC+7). Inverse of `lunarToSolar`. */
export function solarToLunar(date: IsoDate): LunarDate {
  const day = toEpochDay(date);
  const year = yearOf(date);
  // Dates on or after this year's month 11 belong to the span that ends at next year's month 11.
  const spanYear = day >= monthStart(month11(year)) ? year + 1 : year;
  const months = monthsBefore(spanYear);
  const found = months.findLast((m) => m.start <= day)!;
  // Months 11 and 12 (and a leap 11 or 12) at the head of the span still belong to the previous lunar year.
  const lunarYear = found.month >= 11 ? spanYear - 1 : spanYear;
  return { day: day - found.start + 1, month: found.month, year: lunarYear, leap: found.leap };
}

/** The Gregorian date of a lunar date. Throws a RangeError when the lunar date does not exist. */
export function lunarToSolar(lunar: LunarDate): IsoDate {
  const { day, month, year, leap } = lunar;
  const label = `${day}/${leap ? `${month} nhuận` : month}/${year} âm lịch`;
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`${label}: a lunar month is 1–12`);
  const months = monthsBefore(month >= 11 ? year + 1 : year);
  const found = months.find((m) => m.month === month && m.leap === leap);
  if (!found) throw new RangeError(`${label}: lunar year ${year} has no leap month ${month}`);
  const length = monthStart(found.k + 1) - found.start;
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(`${label}: that month has ${length} days`);
  }
  return fromEpochDay(found.start + day - 1);
}

/** Mùng 1 Tết: the first day of the lunar year whose Tết falls in Gregorian `year` (between 21 January and 20 February). */
export function lunarNewYear(year: number): IsoDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false });
}

/** Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month of the lunar year starting in `year` (never a leap month). */
export function hungKingsDay(year: number): IsoDate {
  return lunarToSolar({ day: 10, month: 3, year, leap: false });
}
