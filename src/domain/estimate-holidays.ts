/**
 * An estimated holiday table for a year with no official notice yet, from the Labour Code 2019 (art. 111–112): the
 * statutory days, the adjacent 2/9 day by the usual rule, and nghỉ bù (art. 111(3)) for statutory days that fall on a
 * Saturday or Sunday. It never guesses swapped days or làm bù Saturdays: only the government decides those, so the
 * official table for a year may differ and replaces this one when the notice arrives.
 */
import {
  addDays,
  type IsoDate,
  isSupportedYear,
  isWeekend,
  makeIsoDate,
  SUPPORTED_YEARS,
  weekdayOf,
  yearOf,
} from './dates.ts';
import { type HolidayEntry, type HolidayTable, HolidayTableSchema } from './holiday-schema.ts';
import { hungKingsDay, lunarNewYear } from './lunar.ts';
import { formatDate, weekdayName } from './vietnamese.ts';

/** A statutory day off; `short`/`shortEn` name it inside "Nghỉ bù …" / "Compensatory day off for …". */
interface StatutoryDay {
  date: IsoDate;
  name: string;
  nameEn: string;
  short: string;
  shortEn: string;
}

/** First year of the 24/11 "Ngày Văn hóa Việt Nam" proposal (Resolution 80-NQ/TW). */
const CULTURE_DAY_FROM = 2026;

/** Day of September given off beside 2/9, by the ISO weekday of 2/9 (government practice; always a Monday–Friday). */
const ADJACENT_TO_NATIONAL_DAY: Record<number, number> = {
  1: 3,
  2: 1,
  3: 1,
  4: 3,
  5: 1,
  6: 1,
  7: 3,
};

/** Every statutory day off in `year`, weekends included (they matter for nghỉ bù), in date order. */
function statutoryDays(year: number): StatutoryDay[] {
  const tet = lunarNewYear(year);
  const nationalDay = makeIsoDate(year, 9, 2);
  const adjacent = makeIsoDate(year, 9, ADJACENT_TO_NATIONAL_DAY[weekdayOf(nationalDay)]!);
  const day = (
    date: IsoDate,
    name: string,
    nameEn: string,
    short = name,
    shortEn = nameEn,
  ): StatutoryDay => ({ date, name, nameEn, short, shortEn });
  const days = [
    day(makeIsoDate(year, 1, 1), 'Tết Dương lịch', "New Year's Day"),
    // Five Tết days: the last day of the old lunar year, then Mùng 1 to Mùng 4.
    ...[-1, 0, 1, 2, 3].map((offset) =>
      day(addDays(tet, offset), 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
    ),
    day(hungKingsDay(year), 'Giỗ Tổ Hùng Vương', "Hung Kings' Commemoration Day"),
    day(makeIsoDate(year, 4, 30), 'Ngày Chiến thắng', 'Reunification Day'),
    day(makeIsoDate(year, 5, 1), 'Ngày Quốc tế Lao động', 'International Labour Day'),
    day(nationalDay, 'Quốc khánh', 'National Day'),
    day(
      adjacent,
      'Nghỉ lễ Quốc khánh (ngày liền kề)',
      'National Day holiday (adjacent day)',
      'Quốc khánh',
      'National Day',
    ),
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The estimated table for `year` (1976–2199, the schema's range). Weekday statutory days are `holiday` entries; each
 * weekend one gives a `compensatory` day on the next Monday–Friday that is not already off, taken in date order so two
 * weekend holidays give two distinct days. From 2026, 24/11 is added as `pending` when it is a weekday.
 */
export function estimateHolidayTable(year: number): HolidayTable {
  if (!isSupportedYear(year)) {
    throw new RangeError(
      `cannot estimate holidays for ${year}: expected a year from ${SUPPORTED_YEARS.first} to ${SUPPORTED_YEARS.last}`,
    );
  }
  const days = statutoryDays(year);
  const off = new Set(days.map((day) => day.date));
  const entries: HolidayEntry[] = [];
  for (const day of days) {
    if (!isWeekend(day.date)) {
      entries.push({
        date: day.date,
        kind: 'holiday',
        name: day.name,
        nameEn: day.nameEn,
        status: 'estimated',
      });
      continue;
    }
    let substitute = addDays(day.date, 1);
    while (isWeekend(substitute) || off.has(substitute)) substitute = addDays(substitute, 1);
    // The latest statutory day is 3/9 and Tết ends by late February, so a nghỉ bù always lands in `year`.
    if (yearOf(substitute) !== year)
      throw new Error(`nghỉ bù for ${day.date} would fall in ${yearOf(substitute)}`);
    off.add(substitute);
    entries.push({
      date: substitute,
      kind: 'compensatory',
      name: `Nghỉ bù ${day.short}`,
      nameEn: `Compensatory day off for ${day.shortEn}`,
      status: 'estimated',
      note: `Nghỉ bù cho ngày ${formatDate(day.date)} (${weekdayName(day.date)})`,
    });
  }
  const cultureDay = makeIsoDate(year, 11, 24);
  if (year >= CULTURE_DAY_FROM && !isWeekend(cultureDay)) {
    entries.push({
      date: cultureDay,
      kind: 'holiday',
      name: 'Ngày Văn hóa Việt Nam',
      nameEn: 'Vietnamese Culture Day',
      status: 'pending',
      note:
        'Nghị quyết 80-NQ/TW chọn làm ngày nghỉ có hưởng lương, nhưng cần sửa đổi Bộ luật Lao động; ' +
        'chưa áp dụng cho đến khi quản trị viên bật.',
    });
  }
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Parsing guards the invariants (one entry per date, all in `year`) and normalises the text to NFC.
  return HolidayTableSchema.parse({ country: 'vn', year, sources: [], entries });
}
