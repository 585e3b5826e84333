/**
 * The public shapes of a duty report, shared by the API, the CLI and the CSV, XLSX and printable renderings: per
 * member the counts (what people compare) with the lists behind them, and table rows with a total row, in
 * Vietnamese (default) or English.
 */
import type { DutyReport, MemberDutyRecord } from './duty-report.ts';
import { reasonText } from './event-text.ts';
import type { AbsenceReason } from './facts-schema.ts';
import type { Roster } from './roster-schema.ts';
import { formatDate, type Language, memberName } from './vietnamese.ts';

/** A member's name as read by `language`, or the id of someone the roster no longer lists. */
function nameOf(roster: Roster, id: string | null, language: Language): string | null {
  if (id === null) return null;
  const member = roster.members.find((candidate) => candidate.id === id);
  return member ? memberName(member, language) : id;
}

/** One member: counts as numbers (`coversGiven`, …) and what they count under `…Detail`. */
export function memberRecordView(
  roster: Roster,
  record: MemberDutyRecord,
  language: Language = 'vi',
) {
  const name = (id: string | null) => nameOf(roster, id, language);
  return {
    memberId: record.memberId,
    memberName: name(record.memberId)!,
    scheduled: record.scheduled,
    served: record.served,
    coversGiven: record.coversGiven.length,
    coversReceived: record.coversReceived.length,
    overrides: record.overrides.length,
    uncovered: record.uncovered.length,
    coversGivenDetail: record.coversGiven.map((cover) => ({
      ...cover,
      forMemberName: name(cover.forMemberId),
    })),
    coversReceivedDetail: record.coversReceived.map((cover) => ({
      ...cover,
      byMemberName: name(cover.byMemberId),
    })),
    overridesDetail: record.overrides.map((override) => ({
      ...override,
      insteadOfMemberName: name(override.insteadOfMemberId),
    })),
    uncoveredDetail: record.uncovered,
  };
}

export type MemberRecordView = ReturnType<typeof memberRecordView>;

export interface ReportRow {
  /** 1, 2, … for members; null on the total row. */
  index: number | null;
  memberId: string;
  memberName: string;
  titleAndUnit: string;
  scheduled: number;
  served: number;
  coversGiven: number;
  coversReceived: number;
  overrides: number;
  uncovered: number;
  remarks: string;
}

export type ReportColumn = keyof ReportRow;

const COLUMN_TITLES: Record<Language, Record<ReportColumn, string>> = {
  vi: {
    index: 'STT',
    memberId: 'Mã cán bộ',
    memberName: 'Họ và tên',
    titleAndUnit: 'Chức vụ, đơn vị',
    scheduled: 'Số ngày trực theo lịch',
    served: 'Số ngày đã trực',
    coversGiven: 'Số lần trực thay',
    coversReceived: 'Số lần được trực thay',
    overrides: 'Số ngày trực theo phân công, đổi ca',
    uncovered: 'Số ngày không có người trực',
    remarks: 'Ghi chú',
  },
  en: {
    index: 'No.',
    memberId: 'Member id',
    memberName: 'Name',
    titleAndUnit: 'Title, unit',
    scheduled: 'Scheduled',
    served: 'Served',
    coversGiven: 'Covers given',
    coversReceived: 'Covers received',
    overrides: 'Overrides and swaps',
    uncovered: 'Uncovered',
    remarks: 'Remarks',
  },
};

/** Every column, in the order of the CSV and the spreadsheet. */
export const REPORT_COLUMNS: readonly ReportColumn[] = Object.keys(
  COLUMN_TITLES.vi,
) as ReportColumn[];

export function columnTitle(column: ReportColumn, language: Language = 'vi'): string {
  return COLUMN_TITLES[language][column];
}

const WORDS = {
  vi: {
    total: 'Cộng',
    given: 'Trực thay',
    received: 'Được trực thay',
    assigned: 'Trực theo phân công',
    swapped: 'Đổi ca',
    uncovered: 'Không có người trực thay',
    insteadOf: 'thay',
    with: 'với ngày',
  },
  en: {
    total: 'Total',
    given: 'Covered',
    received: 'Covered by others',
    assigned: 'Assigned',
    swapped: 'Swapped',
    uncovered: 'Nobody covered',
    insteadOf: 'instead of',
    with: 'with',
  },
} as const;

/** `Trực thay: 06/05/2024 (Bà Nguyễn Mạnh Hà nghỉ phép); Được trực thay: …`: the days behind the counts. */
export function memberRemarks(
  roster: Roster,
  record: MemberDutyRecord,
  language: Language = 'vi',
): string {
  const words = WORDS[language];
  const name = (id: string | null) => nameOf(roster, id, language);
  const why = (reason: AbsenceReason | null) => (reason ? reasonText(reason, language) : '');
  const part = (label: string, items: string[]) =>
    items.length > 0 ? `${label}: ${items.join(', ')}` : '';
  const swaps = record.overrides.filter((override) => override.swappedWith);
  const assigned = record.overrides.filter((override) => !override.swappedWith);
  return [
    part(
      words.given,
      record.coversGiven.map(
        (cover) =>
          `${formatDate(cover.date)} (${[name(cover.forMemberId), why(cover.reason)].filter(Boolean).join(' ')})`,
      ),
    ),
    part(
      words.received,
      record.coversReceived.map(
        (cover) =>
          `${formatDate(cover.date)} (${[why(cover.reason), name(cover.byMemberId)].filter(Boolean).join(', ')})`,
      ),
    ),
    part(
      words.uncovered,
      record.uncovered.map(
        (slot) => `${formatDate(slot.date)}${slot.reason ? ` (${why(slot.reason)})` : ''}`,
      ),
    ),
    part(
      words.assigned,
      assigned.map(
        (override) =>
          `${formatDate(override.date)}${override.insteadOfMemberId ? ` (${words.insteadOf} ${name(override.insteadOfMemberId)})` : ''}`,
      ),
    ),
    part(
      words.swapped,
      swaps.map(
        (swap) => `${formatDate(swap.date)} (${words.with} ${formatDate(swap.swappedWith!)})`,
      ),
    ),
  ]
    .filter(Boolean)
    .join('; ');
}

/** One row per member in report order, then the total row. */
export function reportRows(
  roster: Roster,
  report: DutyReport,
  language: Language = 'vi',
): ReportRow[] {
  const rows = report.members.map((record, i): ReportRow => {
    const view = memberRecordView(roster, record, language);
    return {
      index: i + 1,
      memberId: record.memberId,
      memberName: view.memberName,
      titleAndUnit: record.member ? `${record.member.title} ${record.member.unit}` : '',
      scheduled: view.scheduled,
      served: view.served,
      coversGiven: view.coversGiven,
      coversReceived: view.coversReceived,
      overrides: view.overrides,
      uncovered: view.uncovered,
      remarks: memberRemarks(roster, record, language),
    };
  });
  const sum = (
    column: 'scheduled' | 'served' | 'coversGiven' | 'coversReceived' | 'overrides' | 'uncovered',
  ) => rows.reduce((total, row) => total + row[column], 0);
  const total: ReportRow = {
    index: null,
    memberId: '',
    memberName: WORDS[language].total,
    titleAndUnit: '',
    scheduled: sum('scheduled'),
    served: sum('served'),
    coversGiven: sum('coversGiven'),
    coversReceived: sum('coversReceived'),
    overrides: sum('overrides'),
    uncovered: sum('uncovered'),
    remarks: '',
  };
  return [...rows, total];
}

/** A row as text cells, for CSV and plain-text tables. */
export function rowCells(
  row: ReportRow,
  columns: readonly ReportColumn[] = REPORT_COLUMNS,
): string[] {
  return columns.map((column) => (row[column] === null ? '' : String(row[column])));
}

/** `98,1 %` in Vietnamese, `98.1%` in English. */
export function formatRate(rate: number | null, language: Language = 'vi'): string {
  if (rate === null) return '–';
  const text = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-US', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
  return language === 'vi' ? text.replace(/\s*%$/, ' %') : text;
}

/**
 * The roster's figures in words, under the table: coverage, the days nobody served, and the spread of covers
 * among the members who could each have taken every cover (named, so the reader knows whom it compares).
 */
export function summaryLines(report: DutyReport, language: Language = 'vi'): string[] {
  const { roster } = report;
  const vi = language === 'vi';
  const rate = `${formatRate(roster.coverageRate, language)} (${roster.served}/${roster.slots})`;
  const among = roster.coverSpreadAmong
    .map((id) => {
      const record = report.members.find((candidate) => candidate.memberId === id);
      return record?.member ? memberName(record.member, language) : id;
    })
    .join(', ');
  let spread: string;
  if (roster.covers === 0)
    spread = vi ? 'Không có ngày nào phải trực thay.' : 'No cover was needed.';
  else if (!among)
    spread = vi
      ? `Chênh lệch số lần trực thay: ${roster.coverSpread} (không có hai công chức cùng có thể trực thay mọi ngày cần thay).`
      : `Spread of covers: ${roster.coverSpread} (no two members could each take every cover).`;
  else
    spread = vi
      ? `Chênh lệch số lần trực thay giữa các công chức cùng có thể trực thay mọi ngày cần thay (${among}): ${roster.coverSpread}.`
      : `Spread of covers among the members who could each take every cover (${among}): ${roster.coverSpread}.`;
  return vi
    ? [
        `Tỷ lệ ngày trực có người trực: ${rate}; số ngày không có người trực: ${roster.uncovered}.`,
        spread,
      ]
    : [`Slots served: ${rate}; uncovered days: ${roster.uncovered}.`, spread];
}
