/**
 * The letter's own particulars (the roster's `basis`): số hiệu, place and date ("Bắc Giang, ngày  tháng 4 năm
 * 2024"), kind, trích yếu ("V/v …"), signer and title. Blanks the letter left blank stay blank and become gaps.
 */
import type { FindingList } from './findings.ts';
import { type Block, isHeading, type PreparedLetter, type Span } from './prepare-letter.ts';

export interface BasisFacts {
  kind?: string;
  number?: string;
  date?: string;
  subject?: string;
  signer?: string;
  signerTitle?: string;
  /** The place before the date ("Bắc Giang"), used for the organisation's name. */
  place?: string;
}

const KINDS: Record<string, string> = {
  'CÔNG VĂN': 'Công văn',
  'QUYẾT ĐỊNH': 'Quyết định',
  'THÔNG BÁO': 'Thông báo',
  'KẾ HOẠCH': 'Kế hoạch',
};
const KIND_CODES: Record<string, string> = {
  QĐ: 'Quyết định',
  TB: 'Thông báo',
  KH: 'Kế hoạch',
  CV: 'Công văn',
};
const PLACE_DATE =
  /^([\p{Lu}][\p{L}. ]{1,40}?),\s*ngày\s*(\d{1,2})?\s*(?:tháng\s*(\d{1,2})?\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))/u;
const NAME = /^[\p{Lu}][\p{Ll}]*(?:\s+[\p{Lu}][\p{Ll}]*){1,5}$/u;
const at = (block: Block, offset: number, length: number): Span => ({
  start: block.start + offset,
  end: block.start + offset + length,
});

/** "PHÓ GIÁM ĐỐC" → "Phó Giám đốc", "CHÁNH VĂN PHÒNG" → "Chánh Văn phòng". */
export function officeTitle(upper: string): string {
  const words = upper.toLowerCase().split(/\s+/);
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return words
    .map((word, index) =>
      index === 0 || (index === 1 && ['phó', 'chánh'].includes(words[0]!)) ? capital(word) : word,
    )
    .join(' ');
}

function readNumber(blocks: Block[], basis: BasisFacts, findings: FindingList) {
  const block = blocks.find((candidate) => /^Số\s*:/u.test(candidate.text));
  const match = block && /^Số\s*:\s*(\S*)/u.exec(block.text);
  if (!block || !match || match[1] === '') {
    findings.gap('basis.number', true, 'Công văn không ghi số hiệu', 'The letter gives no number');
    return;
  }
  const number = match[1]!.replace(/[.,;]+$/, '');
  basis.number = findings.fact(
    'basis.number',
    number,
    at(block, match[0].length - match[1]!.length, number.length),
    1,
    ['Số văn bản', 'Document number'],
  );
  if (number.startsWith('/'))
    findings.gap(
      'basis.number',
      false,
      `Số văn bản để trống ("${number}"): bản này chưa được cấp số`,
      `The number is left blank ("${number}"): this copy was not numbered`,
    );
}

function readPlaceAndDate(blocks: Block[], basis: BasisFacts, findings: FindingList) {
  const block = blocks.find((candidate) => PLACE_DATE.test(candidate.text));
  const match = block && PLACE_DATE.exec(block.text);
  if (!block || !match) {
    findings.gap('basis.date', true, 'Không thấy địa danh, ngày ban hành', 'No place and date');
    return;
  }
  basis.place = findings.fact('place', match[1]!.trim(), at(block, 0, match[1]!.length), 1, [
    'Địa danh',
    'Place',
  ]);
  const [day, month, year] = [match[2], match[3] ?? match[5], match[4] ?? match[6]];
  const span = at(block, match[1]!.length, match[0].length - match[1]!.length);
  if (!month) {
    findings.gap('basis.date', true, 'Ngày ban hành không ghi tháng', 'The date has no month');
    return;
  }
  const iso = `${year}-${month.padStart(2, '0')}${day ? `-${day.padStart(2, '0')}` : ''}`;
  basis.date = findings.fact('basis.date', iso, span, 1, ['Ngày ban hành', 'Date']);
  if (!day)
    findings.gap(
      'basis.date',
      false,
      'Ngày ban hành để trống ngày, chỉ có tháng và năm',
      'The date leaves the day blank: only the month and year are given',
    );
}

function readSubject(blocks: Block[], basis: BasisFacts, findings: FindingList) {
  const block = blocks.find((candidate) => /^(?:V\/v|Về việc)\s/u.test(candidate.text));
  if (!block) return;
  const text = block.text.split(/\s+Kính gửi/u)[0]!;
  basis.subject = findings.fact(
    'basis.subject',
    text.replace(/\s+/g, ' ').trim(),
    at(block, 0, text.length),
    1,
    ['Trích yếu', 'Subject'],
  );
}

function readKind(letter: PreparedLetter, basis: BasisFacts, findings: FindingList) {
  const heading = letter.blocks.find((block) => KINDS[block.text.toUpperCase()] !== undefined);
  const code = /\/([A-ZĐ]{2})-/u.exec(basis.number ?? '')?.[1];
  const label = ['Loại văn bản', 'Kind'] as const;
  if (heading)
    basis.kind = findings.fact('basis.kind', KINDS[heading.text.toUpperCase()], heading, 1, label);
  else if (code && KIND_CODES[code])
    basis.kind = findings.fact('basis.kind', KIND_CODES[code], undefined, 0.8, label);
  else if (basis.subject?.startsWith('V/v'))
    basis.kind = findings.fact('basis.kind', 'Công văn', undefined, 0.8, label);
  else
    findings.gap('basis.kind', false, 'Không rõ loại văn bản', 'The kind of document is not clear');
}

function readSigner(blocks: Block[], basis: BasisFacts, findings: FindingList) {
  const tail = blocks.slice(-8);
  const nameIndex = tail.findLastIndex((block) => NAME.test(block.text) && !block.marker);
  if (nameIndex < 0) {
    findings.gap('basis.signer', true, 'Không thấy người ký', 'No signer found');
    return;
  }
  const name = tail[nameIndex]!;
  basis.signer = findings.fact('basis.signer', name.text, name, 1, ['Người ký', 'Signer']);
  const title = tail.slice(0, nameIndex).findLast((block) => isHeading(block.text));
  if (!title) return;
  const words = title.text.replace(/^(?:KT|TL|TM|TUQ)\.\s*/u, '');
  basis.signerTitle = findings.fact('basis.signerTitle', officeTitle(words), title, 0.9, [
    'Chức vụ người ký',
    "Signer's title",
  ]);
}

export function extractBasis(letter: PreparedLetter, findings: FindingList): BasisFacts {
  const basis: BasisFacts = {};
  readNumber(letter.blocks, basis, findings);
  readPlaceAndDate(letter.blocks, basis, findings);
  readSubject(letter.blocks, basis, findings);
  readKind(letter, basis, findings);
  readSigner(letter.blocks, basis, findings);
  return basis;
}
