/**
 * When the assignment holds and what happens after: "Từ tuần thứ 3 tháng 4/2024 (ngày 15/4/2024) đến hết ngày
 * 30/6/2024", "kể từ ngày ký", "từ tháng 5/2024", "cho đến khi có thông báo mới", and the continuation clause
 * ("Sau ngày 30/6/2024 … tiếp tục phân công … như lịch đã xây dựng ban đầu").
 */
import type { FindingList } from './findings.ts';
import { findDates, findMonths, lastDayOfMonth } from './letter-dates.ts';
import type { Block, PreparedLetter, Span } from './prepare-letter.ts';

export interface PeriodFacts {
  from?: string;
  /** Undefined: no end given; null: open-ended by the letter's words ("đến khi có thông báo mới"). */
  to?: string | null;
  continuesAfterEnd?: boolean;
}

const START = /(?:[Kk]ể từ|[Bb]ắt đầu từ|[Tt]ừ)\s+(?!khi\b)/gu;
const SIGNING = /^(?:ngày\s+)?(?:ký|ban hành)/u;
const UNTIL_NOTICE =
  /(?:cho\s+)?(?:đến|tới)\s+khi\s+có\s+(?:thông báo|quyết định|văn bản|công văn)\s+(?:mới|thay thế|khác)/u;
const CONTINUES =
  /tiếp tục\s+(?:phân công|thực hiện|trực|duy trì|áp dụng|bố trí)|giữ nguyên lịch|như lịch đã (?:xây dựng|phân công)/u;
const label = (vi: string, en: string) => [vi, en] as const;
const within = (block: Block, index: number, length: number): Span => ({
  start: block.start + index,
  end: block.start + index + length,
});

/** "kể từ ngày ký": the letter's date, when it has its day. */
function fromSigning(span: Span, signed: string | undefined, findings: FindingList) {
  if (signed && signed.length === 10)
    return findings.fact('periods.0.from', signed, span, 0.9, label('Từ ngày ký', 'From signing'));
  findings.gap(
    'periods.0.from',
    true,
    'Công văn áp dụng "kể từ ngày ký" nhưng ngày ký để trống',
    'The letter applies "from signing" but its date has no day',
  );
  return undefined;
}

/** "Từ tuần thứ 2 tháng 9/2025" alone: which Monday is meant is not said, so it is asked for. */
function fromWeekOnly(span: Span, findings: FindingList) {
  findings.ambiguity(
    'periods.0.from',
    span,
    'Công văn chỉ nêu tuần, không nêu ngày bắt đầu',
    'The letter names a week, not a start date',
  );
  findings.gap('periods.0.from', true, 'Cần ngày bắt đầu', 'A start date is needed');
  return undefined;
}

/** The start: an explicit date (a week number alone is ambiguous), the signing day, or a month's first day. */
function readFrom(
  block: Block,
  tail: string,
  at: number,
  signed: string | undefined,
  findings: FindingList,
) {
  const upTo = tail.search(/\s(?:đến|tới)\s/u);
  const head = upTo < 0 ? tail : tail.slice(0, upTo);
  const date = findDates(head, block.start + at)[0];
  if (date)
    return findings.fact('periods.0.from', date.value, date.span, 1, label('Từ ngày', 'From'));
  if (SIGNING.test(head)) return fromSigning(within(block, at, head.length), signed, findings);
  if (/tuần\s+thứ/u.test(head)) return fromWeekOnly(within(block, at, head.length), findings);
  const month = findMonths(head, block.start + at)[0];
  if (!month) return undefined;
  const first = `${month.value}-01`;
  return findings.fact('periods.0.from', first, month.span, 0.8, label('Từ ngày', 'From'));
}

function readTo(
  block: Block,
  tail: string,
  at: number,
  findings: FindingList,
): string | null | undefined {
  const upTo = tail.search(/\s(?:đến|tới)\s/u);
  if (upTo < 0) return undefined;
  const rest = tail.slice(upTo);
  const notice = UNTIL_NOTICE.exec(rest);
  const date = findDates(rest, block.start + at + upTo)[0];
  if (date && (!notice || date.span.start - block.start - at - upTo < notice.index))
    return findings.fact('periods.0.to', date.value, date.span, 1, label('Đến ngày', 'To'));
  const month = /^\s(?:đến|tới)\s+hết\s+tháng\s+(\d{1,2})\s*[/.-]\s*(\d{4})/u.exec(rest);
  if (month) {
    const value = lastDayOfMonth(`${month[2]}-${month[1]!.padStart(2, '0')}`);
    return findings.fact(
      'periods.0.to',
      value,
      within(block, at + upTo, month[0].length),
      0.9,
      label('Đến ngày', 'To'),
    );
  }
  const year = /^\s(?:đến|tới)\s+hết\s+năm\s+(\d{4})/u.exec(rest);
  if (year)
    return findings.fact(
      'periods.0.to',
      `${year[1]}-12-31`,
      within(block, at + upTo, year[0].length),
      0.9,
      label('Đến ngày', 'To'),
    );
  if (notice) {
    findings.fact(
      'periods.0.to',
      null,
      within(block, at + upTo + notice.index, notice[0].length),
      1,
      label('Đến khi có thông báo mới', 'Until further notice'),
    );
    return null;
  }
  return undefined;
}

export function extractPeriod(
  letter: PreparedLetter,
  signed: string | undefined,
  findings: FindingList,
): PeriodFacts {
  const period: PeriodFacts = {};
  for (const block of letter.blocks) {
    if (/^(?:Số\s*:|V\/v|Về việc)/u.test(block.text)) continue;
    for (const start of block.text.matchAll(START)) {
      const at = start.index + start[0].length;
      const tail = block.text.slice(at);
      const from = readFrom(block, tail, at, signed, findings);
      if (from === undefined && !SIGNING.test(tail) && !/tuần\s+thứ/u.test(tail.slice(0, 20)))
        continue;
      period.from = from;
      period.to = readTo(block, tail, at, findings);
      return readContinuation(letter, period, findings);
    }
  }
  findings.gap(
    'periods.0.from',
    true,
    'Công văn không nêu thời gian áp dụng',
    'The letter gives no period',
  );
  return period;
}

function readContinuation(
  letter: PreparedLetter,
  period: PeriodFacts,
  findings: FindingList,
): PeriodFacts {
  const match = CONTINUES.exec(letter.flat) ?? (period.to ? UNTIL_NOTICE.exec(letter.flat) : null);
  if (period.to === undefined)
    findings.gap(
      'periods.0.to',
      false,
      'Công văn không nêu ngày kết thúc: lịch áp dụng không thời hạn',
      'No end date: the period is left open',
    );
  if (!match || !period.to) return { ...period, continuesAfterEnd: period.to ? false : undefined };
  const span = { start: match.index, end: match.index + match[0].length };
  findings.fact(
    'periods.0.continuesAfterEnd',
    true,
    span,
    0.9,
    label('Tiếp tục sau ngày kết thúc', 'Continues after the end'),
  );
  return { ...period, continuesAfterEnd: true };
}
