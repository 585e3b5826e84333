/**
 * Turns a pasted or uploaded letter into text the rules can read, without moving a character: `text` is what the
 * admin sees (NFC, LF line ends, TCVN3 converted) and what every span indexes; `flat` has the same length with hard
 * line breaks inside sentences, tabs and odd spaces turned into spaces and OCR slips fixed, so one rule matches
 * "(trực dự bị):\nTrực thứ Năm" and "thứ Hal" alike. Each fix is recorded so the admin can check it.
 */
import { convertTcvn3, detectLegacyEncoding } from './legacy-encodings.ts';

export interface Span {
  start: number;
  end: number;
}

export interface Correction {
  span: Span;
  from: string;
  to: string;
}

/** One paragraph or list item of the letter (a line of `flat`), with its bullet or number when it has one. */
export interface Block {
  start: number;
  end: number;
  marker: string | undefined;
  /** The block's text in `flat`, marker included. */
  text: string;
}

export interface PreparedLetter {
  text: string;
  flat: string;
  encoding: 'unicode' | 'tcvn3';
  /** The input was (partly) decomposed Unicode (NFD), as pasted from some Mac and Word documents. */
  decomposed: boolean;
  corrections: Correction[];
  blocks: Block[];
}

export class LetterError extends Error {
  readonly code: 'empty' | 'too-long' | 'vni';
  constructor(code: LetterError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** A two-page letter is ~6,000 characters; far above that is not a letter. */
export const MAX_LETTER_CHARS = 100_000;
export const MARKER = /^[ \t]*(?:[-+•*–—]|\d{1,2}[.)]|[a-zđ]\)|[IVX]{1,4}\.)(?=\s)/u;

// OCR and typing slips, each replaced by text of the same length so spans hold.
const SLIPS: [RegExp, (match: string) => string][] = [
  [/(?<=\b[tT]hứ\s+)(?:Hal|HaI|Ha1|hal)\b/gu, () => 'Hai'],
  [/(?<=\b[tT]hứ\s+)[Tt]u\b/gu, () => 'Tư'],
  [/(?<=\b[tT]hứ\s+)(?:[Nn]am|[Nn]ǎm)\b/gu, () => 'Năm'],
  [/(?<=\b[tT]hứ\s+)[Ss]au\b/gu, () => 'Sáu'],
  [/(?<=\b[tT]hứ\s+)(?:[Bb]ẩy|[Bb]ay)\b/gu, () => 'Bảy'],
  [/ǎ/gu, () => 'ă'],
  // TDTT is "Thể dục thể thao"; "TĐTT" is a slip of the keyboard (the founding letter has both spellings).
  [/\bTĐTT\b/gu, () => 'TDTT'],
  [/(?<![\p{L}\d])0ng(?=\s+\p{Lu})/gu, () => 'Ông'],
];

/**
 * A line in capitals ("GIÁM ĐỐC"). Judged on the ASCII letters: TCVN3 has no upper-case toned vowels, so
 * "GI¸M §èC" converts to "GIáM Đốc" and still counts.
 */
export const isHeading = (line: string) =>
  !/[a-z]/.test(line) && (line.match(/[A-Z]/g)?.length ?? 0) >= 2;
const ENDS_OPEN = /(?:[,:(–-]|\p{Ll})\s*$/u;

/** Whether the line break before `next` is inside a sentence (a hard break from a narrow column or a PDF). */
function joins(previous: string, next: string): boolean {
  if (previous.trim() === '' || next.trim() === '' || MARKER.test(next)) return false;
  if (isHeading(previous.trim()) || isHeading(next.trim())) return false;
  return /^\s*\p{Ll}/u.test(next) || ENDS_OPEN.test(previous);
}

function flatten(text: string): string {
  const lines = text.split('\n');
  let flat = '';
  lines.forEach((line, index) => {
    if (index > 0) flat += joins(lines[index - 1]!, line) ? ' ' : '\n';
    flat += line.replace(/[\t\u00a0\u200b\u2007\u202f\f\v]/g, ' ');
  });
  return flat;
}

function fixSlips(flat: string, corrections: Correction[]): string {
  let fixed = flat;
  for (const [pattern, replace] of SLIPS) {
    fixed = fixed.replace(pattern, (match: string, ...rest: unknown[]) => {
      const offset = rest.find((value) => typeof value === 'number') as number;
      const to = replace(match);
      if (to === match) return match;
      corrections.push({ span: { start: offset, end: offset + match.length }, from: match, to });
      return to;
    });
  }
  corrections.sort((a, b) => a.span.start - b.span.start);
  return fixed;
}

function blocksOf(flat: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (const line of flat.split('\n')) {
    if (line.trim() !== '') {
      const lead = line.length - line.trimStart().length;
      const text = line.trim();
      blocks.push({
        start: start + lead,
        end: start + lead + text.length,
        marker: MARKER.exec(text)?.[0].trim(),
        text,
      });
    }
    start += line.length + 1;
  }
  return blocks;
}

export function prepareLetter(input: string): PreparedLetter {
  const unified = input.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (unified.trim() === '') throw new LetterError('empty', 'văn bản trống');
  if (unified.length > MAX_LETTER_CHARS)
    throw new LetterError('too-long', `văn bản dài hơn ${MAX_LETTER_CHARS} ký tự`);
  const encoding = detectLegacyEncoding(unified);
  if (encoding === 'vni')
    throw new LetterError(
      'vni',
      'văn bản được gõ bằng bảng mã VNI (phông VNI-Times): hãy chuyển sang Unicode (Unikey → Công cụ chuyển mã, nguồn VNI Windows, đích Unicode) rồi dán lại',
    );
  const converted = encoding === 'tcvn3' ? convertTcvn3(unified) : unified;
  const text = converted.normalize('NFC');
  const corrections: Correction[] = [];
  const flat = fixSlips(flatten(text), corrections);
  return {
    text,
    flat,
    encoding: encoding ?? 'unicode',
    decomposed: text !== converted,
    corrections,
    blocks: blocksOf(flat),
  };
}
