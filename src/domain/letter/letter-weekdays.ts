/**
 * Weekdays in every usual wording: "thứ Hai, thứ Tư và thứ Sáu", "thứ 2, 4, 6", "T3", "Thứ Ba hàng tuần", "từ thứ
 * Hai đến thứ Sáu", "Chủ nhật". Week numbers ("tuần thứ 3") and ranks ("xếp thứ 19/20") are not weekdays.
 */
import { WEEKDAY_KEYS, type WeekdayKey } from '../roster-schema.ts';
import type { Span } from './prepare-letter.ts';

export interface WeekdayMention {
  days: WeekdayKey[];
  span: Span;
}

const WORDS: Record<string, number> = { hai: 1, ba: 2, tư: 3, năm: 4, sáu: 5, bảy: 6, bẩy: 6 };
const END = '(?![\\p{L}\\d/])';
const AFTER_THU = `(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb][ảẩ]y|HAI|BA|TƯ|NĂM|SÁU|BẢY|[2-7])${END}`;
const BARE = `(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])${END}`;
const ONE = `(?:(?:[Tt]hứ|THỨ)\\s*${AFTER_THU}|(?<![\\p{L}\\d])T[2-7]${END}|[Cc]hủ\\s+[Nn]hật|CHỦ NHẬT|(?<![\\p{L}\\d])CN${END})`;
const SEPARATOR = '\\s*(?:,|;|và|hoặc|đến|tới|-|–)\\s*';
const MENTION = new RegExp(
  `(?<!(?:tuần|xếp|lần|hạng|Tuần)\\s+)${ONE}(?:${SEPARATOR}(?:${ONE}|${BARE}))*`,
  'gu',
);
const TOKEN = new RegExp(`${ONE}|${BARE}|đến|tới|[-–]`, 'gu');

function dayIndex(token: string): number | undefined {
  const lower = token.toLowerCase();
  if (/chủ\s+nhật|^cn$/.test(lower)) return 6;
  const digit = /[2-7]/.exec(lower)?.[0];
  if (digit) return Number(digit) - 2;
  const word = lower.replace(/^thứ\s*/, '');
  return WORDS[word] === undefined ? undefined : WORDS[word]! - 1;
}

/** The days of one mention, ranges ("đến", a dash) expanded. */
function daysOf(text: string): WeekdayKey[] {
  const days: number[] = [];
  let range = false;
  for (const [token] of text.matchAll(TOKEN)) {
    const index = dayIndex(token);
    if (index === undefined) {
      range = days.length > 0;
      continue;
    }
    if (range) for (let day = days.at(-1)! + 1; day < index; day++) days.push(day);
    days.push(index);
    range = false;
  }
  return [...new Set(days)].map((index) => WEEKDAY_KEYS[index]!);
}

/** Every weekday mention in `text` (which starts at `offset` of the letter). */
export function findWeekdays(text: string, offset = 0): WeekdayMention[] {
  return [...text.matchAll(MENTION)].map((match) => ({
    days: daysOf(match[0]),
    span: { start: offset + match.index, end: offset + match.index + match[0].length },
  }));
}
