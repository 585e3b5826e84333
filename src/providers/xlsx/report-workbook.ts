/**
 * The duty report as an XLSX workbook, the file offices actually open: a summary sheet (one row per member, numbers
 * as numbers, a total row, coverage and spread), the days behind the counts, and the corrections of closed months.
 * Written with exceljs, which only this module imports. The app reaches it through a port (`AppDeps.renderWorkbook`)
 * that the Node entry fills with a lazy import, so neither the domain nor the Worker bundle carries exceljs.
 */
import ExcelJS from 'exceljs';
import type { MemberDutyRecord } from '../../domain/duty-report.ts';
import {
  columnTitle,
  REPORT_COLUMNS,
  type ReportColumn,
  reportRows,
  summaryLines,
} from '../../domain/duty-report-view.ts';
import { reasonText } from '../../domain/event-text.ts';
import {
  CORRECTION_TITLES,
  correctionCells,
  type ReportDocument,
} from '../../domain/report-document.ts';
import { reportHeading } from '../../domain/report-heading.ts';
import { formatDate, type Language, memberName, weekdayName } from '../../domain/vietnamese.ts';
import { dateInZone } from '../../domain/zone.ts';

/** The row of the summary sheet that holds the column titles; members follow it. */
export const SUMMARY_HEADER_ROW = 5;

const WIDTHS: Record<ReportColumn, number> = {
  index: 6,
  memberId: 20,
  memberName: 26,
  titleAndUnit: 30,
  scheduled: 12,
  served: 12,
  coversGiven: 12,
  coversReceived: 12,
  overrides: 14,
  uncovered: 14,
  remarks: 60,
};

const WORDS = {
  vi: {
    summary: 'Tổng hợp',
    details: 'Chi tiết',
    corrections: 'Điều chỉnh',
    title: 'BÁO CÁO KẾT QUẢ TRỰC',
    period: (from: string, to: string) => `Từ ngày ${from} đến ngày ${to}`,
    detailTitles: ['Ngày', 'Thứ', 'Nội dung', 'Người trực', 'Thay cho', 'Lý do', 'Ghi chú'],
    cover: 'Trực thay',
    uncovered: 'Không có người trực',
    override: 'Phân công trực',
    swap: 'Đổi ca',
  },
  en: {
    summary: 'Summary',
    details: 'Details',
    corrections: 'Corrections',
    title: 'DUTY REPORT:',
    period: (from: string, to: string) => `From ${from} to ${to}`,
    detailTitles: ['Date', 'Day', 'What', 'On duty', 'Instead of', 'Reason', 'Note'],
    cover: 'Cover',
    uncovered: 'Uncovered',
    override: 'Assigned',
    swap: 'Swap',
  },
} as const;

const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
};

function summarySheet(
  workbook: ExcelJS.Workbook,
  document: ReportDocument,
  language: Language,
  now: Date,
): void {
  const words = WORDS[language];
  const { roster } = document;
  const sheet = workbook.addWorksheet(words.summary, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.columns = REPORT_COLUMNS.map((column) => ({ width: WIDTHS[column] }));
  // The issuer as named on the day the workbook is written (Bắc Ninh after 01/07/2025), as on the printable page.
  sheet.getCell('A1').value = reportHeading(
    roster,
    document,
    dateInZone(now, roster.timeZone),
  ).organisation.toLocaleUpperCase('vi');
  sheet.getCell('A2').value = `${words.title} ${roster.desk.title.toLocaleUpperCase('vi')}`;
  sheet.getCell('A3').value = words.period(formatDate(document.from), formatDate(document.to));
  for (const row of [1, 2]) bold(sheet.getRow(row));
  const header = sheet.getRow(SUMMARY_HEADER_ROW);
  header.values = REPORT_COLUMNS.map((column) => columnTitle(column, language));
  bold(header);
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const rows = reportRows(roster, document.report, language);
  for (const row of rows) {
    const added = sheet.addRow(REPORT_COLUMNS.map((column) => row[column] ?? null));
    added.getCell(REPORT_COLUMNS.indexOf('remarks') + 1).alignment = {
      wrapText: true,
      vertical: 'top',
    };
    if (row.index === null) bold(added);
  }
  const border = { style: 'thin' as const };
  for (let row = SUMMARY_HEADER_ROW; row <= SUMMARY_HEADER_ROW + rows.length; row++) {
    sheet.getRow(row).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: border, left: border, bottom: border, right: border };
    });
  }
  sheet.addRow([]);
  for (const line of summaryLines(document.report, language)) sheet.addRow([line]);
  sheet.views = [{ state: 'frozen', ySplit: SUMMARY_HEADER_ROW }];
}

interface DetailLine {
  date: string;
  what: string;
  onDuty: string | null;
  insteadOf: string | null;
  reason: string;
  note: string;
}

/** Every day that was not served as the pattern says: covers, uncovered days, overrides and swaps. */
function detailLines(document: ReportDocument, language: Language): DetailLine[] {
  const words = WORDS[language];
  const name = (id: string | null) => {
    const member = document.roster.members.find((candidate) => candidate.id === id);
    return member ? memberName(member, language) : id;
  };
  const why = (reason: Parameters<typeof reasonText>[0] | null) =>
    reason ? reasonText(reason, language) : '';
  const linesOf = (record: MemberDutyRecord): DetailLine[] => [
    ...record.coversGiven.map((cover) => ({
      date: cover.date,
      what: words.cover,
      onDuty: record.memberId,
      insteadOf: cover.forMemberId,
      reason: why(cover.reason),
      note: '',
    })),
    ...record.uncovered.map((slot) => ({
      date: slot.date,
      what: words.uncovered,
      onDuty: null,
      insteadOf: record.memberId,
      reason: why(slot.reason),
      note: '',
    })),
    ...record.overrides.map((override) => ({
      date: override.date,
      what: override.swappedWith
        ? `${words.swap} (${formatDate(override.swappedWith)})`
        : words.override,
      onDuty: record.memberId,
      insteadOf: override.insteadOfMemberId,
      reason: '',
      note: override.note ?? '',
    })),
  ];
  return document.report.members
    .flatMap(linesOf)
    .map((line) => ({ ...line, onDuty: name(line.onDuty), insteadOf: name(line.insteadOf) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

function detailSheet(
  workbook: ExcelJS.Workbook,
  document: ReportDocument,
  language: Language,
): void {
  const sheet = workbook.addWorksheet(WORDS[language].details);
  sheet.columns = [12, 10, 22, 26, 26, 22, 40].map((width) => ({ width }));
  bold(sheet.addRow([...WORDS[language].detailTitles]));
  for (const line of detailLines(document, language)) {
    const [y, m, d] = line.date.split('-').map(Number) as [number, number, number];
    const row = sheet.addRow([
      new Date(Date.UTC(y, m - 1, d)),
      weekdayName(line.date, language),
      line.what,
      line.onDuty ?? '',
      line.insteadOf ?? '',
      line.reason,
      line.note,
    ]);
    row.getCell(1).numFmt = 'dd/mm/yyyy';
  }
}

function correctionSheet(
  workbook: ExcelJS.Workbook,
  document: ReportDocument,
  language: Language,
): void {
  const sheet = workbook.addWorksheet(WORDS[language].corrections);
  sheet.columns = [12, 45, 45, 16, 18, 40].map((width) => ({ width }));
  bold(sheet.addRow([...CORRECTION_TITLES[language]]));
  for (const correction of document.corrections)
    sheet.addRow(correctionCells(document.roster, correction, language));
}

export async function renderReportWorkbook(
  document: ReportDocument,
  language: Language,
  now: Date,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'lichtruc';
  workbook.created = now;
  workbook.modified = now;
  summarySheet(workbook, document, language, now);
  detailSheet(workbook, document, language);
  correctionSheet(workbook, document, language);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
