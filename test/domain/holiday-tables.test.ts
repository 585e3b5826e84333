import { describe, expect, it } from 'vitest';
import { holidays, holidayTables } from '../support/sample.ts';

/** The official days off as the government's notices announce them, written out by hand. */
const OFFICIAL = {
  2024: {
    off: [
      '01-01',
      '02-08',
      '02-09',
      '02-12',
      '02-13',
      '02-14',
      '04-18',
      '04-29',
      '04-30',
      '05-01',
      '09-02',
      '09-03',
    ],
    makeup: { '05-04': '2024-04-29' },
  },
  2025: {
    off: [
      '01-01',
      '01-27',
      '01-28',
      '01-29',
      '01-30',
      '01-31',
      '04-07',
      '04-30',
      '05-01',
      '05-02',
      '09-01',
      '09-02',
    ],
    makeup: { '04-26': '2025-05-02' },
  },
  2026: {
    off: [
      '01-01',
      '01-02',
      '02-16',
      '02-17',
      '02-18',
      '02-19',
      '02-20',
      '04-27',
      '04-30',
      '05-01',
      '08-31',
      '09-01',
      '09-02',
    ],
    makeup: { '01-10': '2026-01-02', '08-22': '2026-08-31' },
  },
} as const;

describe.each(Object.entries(OFFICIAL))('the official table for %s', (year, expected) => {
  const table = holidayTables.find((candidate) => String(candidate.year) === year)!;

  it('closes exactly the weekdays of domain.md', () => {
    const closed = table.entries
      .filter((entry) => entry.status === 'official' && entry.kind !== 'makeup-workday')
      .map((entry) => entry.date.slice(5));
    expect(closed).toEqual(expected.off);
    for (const monthDay of expected.off)
      expect(holidays.statusOn(`${year}-${monthDay}`).type).toBe('closed');
  });

  it('has the làm bù Saturdays of domain.md, each naming the weekday it replaces', () => {
    const makeup = table.entries.filter((entry) => entry.kind === 'makeup-workday');
    expect(
      Object.fromEntries(makeup.map((entry) => [entry.date.slice(5), entry.replaces])),
    ).toEqual(expected.makeup);
    for (const [monthDay, replaces] of Object.entries(expected.makeup)) {
      expect(holidays.statusOn(`${year}-${monthDay}`)).toMatchObject({ type: 'makeup', replaces });
    }
  });

  it('cites a source document for every official entry', () => {
    const sources = new Set(table.sources.map((source) => source.id));
    for (const entry of table.entries.filter((candidate) => candidate.status === 'official')) {
      expect(sources.has(entry.source!), `${entry.date} cites ${entry.source}`).toBe(true);
    }
    expect(holidays.isEstimated(Number(year))).toBe(false);
  });
});

describe('pending and estimated days', () => {
  it('keeps 24/11/2026 (Ngày Văn hóa Việt Nam) pending: the office stays open until an admin confirms it', () => {
    const entry = holidayTables
      .find((table) => table.year === 2026)!
      .entries.find((candidate) => candidate.date === '2026-11-24');
    expect(entry).toMatchObject({ status: 'pending', name: 'Ngày Văn hóa Việt Nam' });
    expect(holidays.statusOn('2026-11-24').type).toBe('working');
  });

  it('estimates a year with no notice from the lunar calendar, and marks it so', () => {
    expect(holidays.isEstimated(2027)).toBe(true);
    expect(holidays.statusOn('2027-04-16')).toMatchObject({
      type: 'closed',
      entry: { name: 'Giỗ Tổ Hùng Vương', status: 'estimated' },
    });
    expect(holidays.statusOn('2027-02-08')).toMatchObject({
      type: 'closed',
      entry: { name: 'Tết Nguyên Đán', status: 'estimated' },
    });
  });
});
