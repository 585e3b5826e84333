/**
 * Dates as letters write them: "15/4/2024", "15-04-2024", "ngày 15 tháng 4 năm 2024", and a month alone ("tháng
 * 4/2024", "tháng 4 năm 2024"). Each comes back with the span it was read from; a date the calendar does not have
 * (31/4) is not a date.
 */
import { daysInMonth, isIsoDate } from '../dates.ts';
import type { Span } from './prepare-letter.ts';

export interface LetterDate {
  /** YYYY-MM-DD, or YYYY-MM when the letter names only the month. */
  value: string;
  span: Span;
}

const pad = (value: string) => value.padStart(2, '0');
const DAY_FORMS = [
  /(?<![\d/])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/gu,
  /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu,
];
const MONTH_FORMS = [
  /tháng\s+(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/giu,
  /tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu,
];

function spanOf(match: RegExpMatchArray, offset: number): Span {
  return { start: offset + match.index!, end: offset + match.index! + match[0].length };
}

/** Every full date in `text` (which starts at `offset` of the letter), in order. */
export function findDates(text: string, offset = 0): LetterDate[] {
  const found: LetterDate[] = [];
  for (const form of DAY_FORMS) {
    for (const match of text.matchAll(form)) {
      const [day, month, year] =
        match.length === 5 ? [match[1]!, match[3]!, match[4]!] : [match[1]!, match[2]!, match[3]!];
      const value = `${year}-${pad(month)}-${pad(day)}`;
      if (isIsoDate(value)) found.push({ value, span: spanOf(match, offset) });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** Every month named without a day ("tháng 4/2024"), in order. */
export function findMonths(text: string, offset = 0): LetterDate[] {
  const found: LetterDate[] = [];
  for (const form of MONTH_FORMS) {
    for (const match of text.matchAll(form)) {
      const month = Number(match[1]);
      if (month >= 1 && month <= 12)
        found.push({ value: `${match[2]}-${pad(match[1]!)}`, span: spanOf(match, offset) });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** The last day of a YYYY-MM month. */
export function lastDayOfMonth(month: string): string {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(days).padStart(2, '0')}`;
}
