/** `lichtruc holidays <year>`: the days off and làm bù days of a year, official or estimated. */
import type { HolidayEntry } from '../domain/holiday-schema.ts';
import { formatDate, type Language, weekdayName } from '../domain/vietnamese.ts';
import { renderCsv, renderTable } from './format.ts';
import { loadHolidays } from './load-roster.ts';

export interface HolidaysOptions {
  year: number;
  format: 'table' | 'json' | 'csv';
  language: Language;
  calendars?: string | undefined;
}

const STATUS: Record<Language, Record<HolidayEntry['status'], string>> = {
  vi: { official: 'chính thức', estimated: 'dự kiến', pending: 'chờ hiệu lực' },
  en: { official: 'official', estimated: 'estimated', pending: 'pending' },
};

export function holidays(options: HolidaysOptions): string {
  const calendar = loadHolidays(options.calendars);
  const table = calendar.tableFor(options.year);
  const entries = [...table.entries].sort((a, b) => a.date.localeCompare(b.date));
  if (options.format === 'json')
    return `${JSON.stringify({ ...table, entries, estimated: calendar.isEstimated(options.year) }, null, 2)}\n`;

  const vi = options.language === 'vi';
  const sourceOf = (entry: HolidayEntry) =>
    table.sources.find((source) => source.id === entry.source)?.number ?? '';
  const rows = entries.map((entry) => [
    formatDate(entry.date),
    weekdayName(entry.date, options.language),
    vi ? entry.name : (entry.nameEn ?? entry.name),
    STATUS[options.language][entry.status],
    sourceOf(entry),
  ]);
  if (options.format === 'csv')
    return renderCsv(['date', 'weekday', 'name', 'status', 'source'], rows);
  const header = vi
    ? ['Ngày', 'Thứ', 'Tên', 'Trạng thái', 'Căn cứ']
    : ['Date', 'Day', 'Name', 'Status', 'Source'];
  const note = calendar.isEstimated(options.year)
    ? vi
      ? ` (dự kiến: chưa có thông báo chính thức)`
      : ' (estimated: no official notice yet)'
    : '';
  return `${vi ? 'Ngày nghỉ năm' : 'Days off in'} ${options.year}${note}\n\n${renderTable(header, rows)}\n`;
}
