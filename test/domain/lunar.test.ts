import { describe, expect, it } from 'vitest';
import { addDays, eachDate, makeIsoDate } from '../../src/domain/dates.ts';
import { hungKingsDay, lunarNewYear, lunarToSolar, solarToLunar } from '../../src/domain/lunar.ts';

describe('Tết and Giỗ Tổ', () => {
  // Reference dates (Mùng 1 Tết / Giỗ Tổ Hùng Vương), as printed on Vietnamese calendars.
  const reference: [number, string, string][] = [
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
    [2029, '2029-02-13', '2029-04-23'],
    [2030, '2030-02-02', '2030-04-12'], // 03/02 in China: the new moon is at 23:07 in Hà Nội, 00:07 in Beijing
    [2031, '2031-01-23', '2031-04-01'],
    [2032, '2032-02-11', '2032-04-19'],
    [2033, '2033-01-31', '2033-04-09'],
    [2034, '2034-02-19', '2034-04-28'],
    [2035, '2035-02-08', '2035-04-17'],
  ];

  it.each(reference)('%i: Mùng 1 Tết %s, Giỗ Tổ %s', (year, tet, gioTo) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(hungKingsDay(year)).toBe(gioTo);
    expect(solarToLunar(tet)).toEqual({ day: 1, month: 1, year, leap: false });
    expect(solarToLunar(gioTo)).toEqual({ day: 10, month: 3, year, leap: false });
  });

  it('puts the last day of the old year (29 or 30 tháng Chạp) just before Tết', () => {
    for (const [year, tet] of reference) {
      const eve = solarToLunar(addDays(tet, -1));
      expect(eve).toMatchObject({ month: 12, year: year - 1, leap: false });
      expect([29, 30]).toContain(eve.day);
    }
  });

  it('has the leap months of the Vietnamese calendar for 2020–2035', () => {
    const leapMonths: string[] = [];
    for (let year = 2020; year <= 2035; year++) {
      for (let month = 1; month <= 12; month++) {
        if (leapMonthStart(year, month)) leapMonths.push(`${year}: tháng ${month} nhuận`);
      }
    }
    expect(leapMonths).toEqual([
      '2020: tháng 4 nhuận',
      '2023: tháng 2 nhuận',
      '2025: tháng 6 nhuận',
      '2028: tháng 5 nhuận',
      '2031: tháng 3 nhuận',
      '2033: tháng 11 nhuận',
    ]);
  });
});

/** First day of leap month `month` of lunar `year`, or null when the year has no such month. */
function leapMonthStart(year: number, month: number): string | null {
  try {
    return lunarToSolar({ day: 1, month, year, leap: true });
  } catch {
    return null;
  }
}

describe('round trips', () => {
  it.each([2024, 2025, 2030, 2033, 2034])(
    'every day of %i goes solar → lunar → solar unchanged',
    (year) => {
      let previous = solarToLunar(makeIsoDate(year - 1, 12, 31));
      for (const date of eachDate(makeIsoDate(year, 1, 1), makeIsoDate(year, 12, 31))) {
        const lunar = solarToLunar(date);
        expect(lunarToSolar(lunar)).toBe(date);
        // Lunar days run 1, 2, … up to 29 or 30, then a new month starts at 1.
        if (lunar.day === 1) expect([29, 30]).toContain(previous.day);
        else expect(lunar).toEqual({ ...previous, day: previous.day + 1 });
        previous = lunar;
      }
    },
  );
});

describe('regression: Sep 2033 – Feb 2034', () => {
  // Chinese-calendar packages get the leap month wrong here for Vietnam. The month starting 23/09/2033 has no major
  // solar term (the equinox falls on 22/09, the 210° term on 23/10), which tempts a naive rule into a leap month 8 or 9.
  // But month 11 of 2032 begins 03/12/2032 and month 11 of 2033 begins 22/11/2033 (it holds the solstice, 21/12/2033):
  // only 12 lunations apart, so 2033 has no room for a leap month before November. From 22/11/2033 to month 11 of 2034
  // (11/12/2034) there are 13 lunations, and the first month without a major term is the one starting 22/12/2033
  // (solstice 21/12 just before it, the 300° term on 20/01/2034, the day the next month starts): leap month 11.
  // Counting: 22/11 tháng 11, 22/12 tháng 11 nhuận, 20/01 tháng Chạp, 19/02/2034 tháng Giêng = Tết 2034, as listed.
  const monthStarts: [string, number, number, boolean][] = [
    ['2033-08-25', 8, 2033, false],
    ['2033-09-23', 9, 2033, false],
    ['2033-10-23', 10, 2033, false],
    ['2033-11-22', 11, 2033, false],
    ['2033-12-22', 11, 2033, true],
    ['2034-01-20', 12, 2033, false],
    ['2034-02-19', 1, 2034, false],
  ];

  it.each(monthStarts)(
    '%s is day 1 of month %i of lunar year %i (leap: %s)',
    (date, month, year, leap) => {
      expect(solarToLunar(date)).toEqual({ day: 1, month, year, leap });
      expect(lunarToSolar({ day: 1, month, year, leap })).toBe(date);
      expect(solarToLunar(addDays(date, -1)).day).toBeGreaterThanOrEqual(29);
    },
  );
});

describe('dates that do not exist', () => {
  it('rejects a leap month the year does not have', () => {
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2024, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2024, leap: true })).toThrow(
      /no leap month 5/,
    );
    expect(() => lunarToSolar({ day: 1, month: 11, year: 2034, leap: true })).toThrow(
      /no leap month 11/,
    );
  });

  it('rejects day 30 of a 29-day month and a month 13', () => {
    // Tháng Giêng Giáp Thìn runs 10/02–09/03/2024: 29 days.
    expect(lunarToSolar({ day: 29, month: 1, year: 2024, leap: false })).toBe('2024-03-09');
    expect(() => lunarToSolar({ day: 30, month: 1, year: 2024, leap: false })).toThrow(
      /has 29 days/,
    );
    expect(() => lunarToSolar({ day: 1, month: 13, year: 2024, leap: false })).toThrow(RangeError);
  });
});
