import { describe, expect, it } from 'vitest';
import { weekdayOf } from '../../src/domain/dates.ts';
import { estimateHolidayTable } from '../../src/domain/estimate-holidays.ts';
import { type HolidayTable, HolidayTableSchema } from '../../src/domain/holiday-schema.ts';

/** The table as "date kind status: name", one line per entry, easy to compare with a printed calendar. */
const lines = (table: HolidayTable) =>
  table.entries.map((e) => `${e.date} ${e.kind} ${e.status}: ${e.name}`);

describe('estimateHolidayTable', () => {
  it('validates, is sorted, weekday-only and estimated (but the pending culture day) for every supported year', () => {
    for (let year = 1976; year <= 2199; year++) {
      const table = estimateHolidayTable(year);
      expect(HolidayTableSchema.safeParse(table).success).toBe(true);
      expect(table).toMatchObject({ country: 'vn', year, sources: [] });
      const dates = table.entries.map((entry) => entry.date);
      expect(dates).toEqual([...dates].sort());
      for (const entry of table.entries) {
        expect(weekdayOf(entry.date)).toBeLessThanOrEqual(5);
        expect(entry.nameEn).toBeTruthy();
        expect(entry.kind === 'holiday' || entry.kind === 'compensatory').toBe(true);
        expect(entry.status).toBe(entry.date.endsWith('-11-24') ? 'pending' : 'estimated');
      }
    }
  });

  it('2027: Tết on Saturday 06/02 pushes two nghỉ bù past the Tết block; 1/5 on Saturday gives Monday 03/05', () => {
    // Fri 01/01; Tết Fri 05/02 (eve), Sat 06, Sun 07, Mon 08, Tue 09 → nghỉ bù Wed 10, Thu 11; Giỗ Tổ Fri 16/04;
    // 30/04 Fri, 01/05 Sat → Mon 03/05; 2/9 Thu → 3/9 Fri; 24/11 Wed pending.
    expect(lines(estimateHolidayTable(2027))).toEqual([
      '2027-01-01 holiday estimated: Tết Dương lịch',
      '2027-02-05 holiday estimated: Tết Nguyên Đán',
      '2027-02-08 holiday estimated: Tết Nguyên Đán',
      '2027-02-09 holiday estimated: Tết Nguyên Đán',
      '2027-02-10 compensatory estimated: Nghỉ bù Tết Nguyên Đán',
      '2027-02-11 compensatory estimated: Nghỉ bù Tết Nguyên Đán',
      '2027-04-16 holiday estimated: Giỗ Tổ Hùng Vương',
      '2027-04-30 holiday estimated: Ngày Chiến thắng',
      '2027-05-03 compensatory estimated: Nghỉ bù Ngày Quốc tế Lao động',
      '2027-09-02 holiday estimated: Quốc khánh',
      '2027-09-03 holiday estimated: Nghỉ lễ Quốc khánh (ngày liền kề)',
      '2027-11-24 holiday pending: Ngày Văn hóa Việt Nam',
    ]);
  });

  it('2029: Tết Mon–Fri needs no nghỉ bù; 2/9 on Sunday gives 3/9 and nghỉ bù Tuesday 04/09', () => {
    // Mon 01/01; Tết Mon 12/02 (eve) to Fri 16/02; Giỗ Tổ Mon 23/04; 30/04 Mon, 01/05 Tue;
    // 2/9 Sun → 3/9 Mon (adjacent) and nghỉ bù Tue 04/09; 24/11 is a Saturday, so no pending entry.
    expect(lines(estimateHolidayTable(2029))).toEqual([
      '2029-01-01 holiday estimated: Tết Dương lịch',
      '2029-02-12 holiday estimated: Tết Nguyên Đán',
      '2029-02-13 holiday estimated: Tết Nguyên Đán',
      '2029-02-14 holiday estimated: Tết Nguyên Đán',
      '2029-02-15 holiday estimated: Tết Nguyên Đán',
      '2029-02-16 holiday estimated: Tết Nguyên Đán',
      '2029-04-23 holiday estimated: Giỗ Tổ Hùng Vương',
      '2029-04-30 holiday estimated: Ngày Chiến thắng',
      '2029-05-01 holiday estimated: Ngày Quốc tế Lao động',
      '2029-09-03 holiday estimated: Nghỉ lễ Quốc khánh (ngày liền kề)',
      '2029-09-04 compensatory estimated: Nghỉ bù Quốc khánh',
    ]);
  });

  it('2026: Giỗ Tổ on Sunday 26/04 gives nghỉ bù on Monday 27/04, as in the official notice', () => {
    const table = estimateHolidayTable(2026);
    expect(table.entries.find((e) => e.date === '2026-04-27')).toMatchObject({
      kind: 'compensatory',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      status: 'estimated',
    });
    expect(table.entries.some((e) => e.date === '2026-04-26')).toBe(false);
    // domain.md's official 2026 row, minus the swapped days 02/01 and 31/08 that only the government can decide.
    const official = [
      '01-01',
      '02-16',
      '02-17',
      '02-18',
      '02-19',
      '02-20',
      '04-27',
      '04-30',
      '05-01',
      '09-01',
      '09-02',
    ];
    const estimated = table.entries
      .filter((e) => e.status === 'estimated')
      .map((e) => e.date.slice(5));
    expect(estimated).toEqual(official);
  });

  // One year for each weekday of 2/9; Saturday and Sunday also earn a nghỉ bù for 2/9 itself.
  it.each([
    [2024, 1, ['09-02 Quốc khánh', '09-03 adjacent']],
    [2025, 2, ['09-01 adjacent', '09-02 Quốc khánh']],
    [2026, 3, ['09-01 adjacent', '09-02 Quốc khánh']],
    [2027, 4, ['09-02 Quốc khánh', '09-03 adjacent']],
    [2033, 5, ['09-01 adjacent', '09-02 Quốc khánh']],
    [2028, 6, ['09-01 adjacent', '09-04 nghỉ bù']],
    [2029, 7, ['09-03 adjacent', '09-04 nghỉ bù']],
  ] as const)('%i: 2/9 on ISO weekday %i gives %j', (year, weekday, expected) => {
    expect(weekdayOf(`${year}-09-02`)).toBe(weekday);
    const september = estimateHolidayTable(year)
      .entries.filter((e) => e.date.slice(5, 7) === '09')
      .map((e) => {
        const label =
          e.kind === 'compensatory' ? 'nghỉ bù' : e.name.includes('liền kề') ? 'adjacent' : e.name;
        return `${e.date.slice(5)} ${label}`;
      });
    expect(september).toEqual(expected);
  });

  it('adds 24/11 Ngày Văn hóa Việt Nam as pending from 2026 when it is a weekday', () => {
    expect(estimateHolidayTable(2026).entries.at(-1)).toMatchObject({
      date: '2026-11-24', // a Tuesday
      kind: 'holiday',
      status: 'pending',
      name: 'Ngày Văn hóa Việt Nam',
      note: expect.stringContaining('Bộ luật Lao động'),
    });
    expect(estimateHolidayTable(2025).entries.some((e) => e.date === '2025-11-24')).toBe(false); // before 2026
    expect(estimateHolidayTable(2029).entries.some((e) => e.date === '2029-11-24')).toBe(false); // a Saturday
  });

  it('gives two weekend holidays two distinct nghỉ bù days, never on another holiday', () => {
    // 2028: 2/9 Sat → adjacent Fri 01/09, nghỉ bù Mon 04/09. 2034: Giỗ Tổ Fri 28/04, 30/04 Sun → Tue 02/05
    // (Mon 01/05 is Labour Day). 2023: Giỗ Tổ Sat 29/04 and 30/04 Sun → Tue 02/05 and Wed 03/05.
    const compensatory = (year: number) =>
      estimateHolidayTable(year)
        .entries.filter((e) => e.kind === 'compensatory')
        .map((e) => `${e.date} ${e.name}`);
    expect(compensatory(2023)).toContain('2023-05-02 Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(compensatory(2023)).toContain('2023-05-03 Nghỉ bù Ngày Chiến thắng');
    expect(compensatory(2034)).toContain('2034-05-02 Nghỉ bù Ngày Chiến thắng');
  });

  it('rejects a year outside the schema range', () => {
    expect(() => estimateHolidayTable(1975)).toThrow(RangeError);
    expect(() => estimateHolidayTable(2026.5)).toThrow(RangeError);
  });
});
