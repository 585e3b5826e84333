/**
 * The duty report as a printable A4 page in the usual layout of a Vietnamese administrative document (Nghị định
 * 30/2020/NĐ-CP): the organisation on the left and the national motto on the right, the title, the period, the
 * table, place and date, and the signers. Self-contained (inline CSS, no fonts, scripts or images fetched), so it
 * prints the same from any browser and passes the app's Content-Security-Policy.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import {
  columnTitle,
  type ReportColumn,
  reportRows,
  summaryLines,
} from '../../domain/duty-report-view.ts';
import {
  CORRECTION_TITLES,
  correctionCells,
  type ReportDocument,
} from '../../domain/report-document.ts';
import { reportHeading } from '../../domain/report-heading.ts';
import { formatDate } from '../../domain/vietnamese.ts';
import { dateInZone } from '../../domain/zone.ts';
import { formatMonth } from '../../services/month-locks.ts';

export const COLUMNS: readonly ReportColumn[] = [
  'index',
  'memberName',
  'titleAndUnit',
  'scheduled',
  'served',
  'coversGiven',
  'coversReceived',
  'overrides',
  'uncovered',
  'remarks',
];
export const NUMERIC = new Set<ReportColumn>([
  'index',
  'scheduled',
  'served',
  'coversGiven',
  'coversReceived',
  'overrides',
  'uncovered',
]);

// A4 with the margins of Nghị định 30/2020 (top and bottom 20 mm, left 30 mm, right 15 mm), Times New Roman 13 pt.
const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.3; color: #000; margin: 0; }
.heading { width: 100%; border-collapse: collapse; }
.heading td { width: 50%; text-align: center; vertical-align: top; padding: 0; }
.rule { width: 40%; margin: 2pt auto 0; border-top: 1px solid #000; }
h1 { font-size: 14pt; text-align: center; margin: 18pt 0 2pt; }
.centered { text-align: center; margin: 0; }
.records { width: 100%; border-collapse: collapse; margin-top: 10pt; font-size: 11pt; }
.records th, .records td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
.records th { font-weight: bold; text-align: center; }
.records .number { text-align: center; }
.records .total td { font-weight: bold; }
.place-date { text-align: right; font-style: italic; margin-top: 14pt; }
.signers { width: 100%; margin-top: 4pt; }
.signers td { width: 50%; text-align: center; vertical-align: top; }
.signers .name { margin-top: 60pt; font-weight: bold; }
@media print { .records thead { display: table-header-group; } .records tr { page-break-inside: avoid; } }
`;

/** `Bắc Giang, ngày 05 tháng 6 năm 2024`: days under 10 and the months 1 and 2 take a leading zero (NĐ 30/2020). */
export function placeAndDate(place: string, date: string): string {
  const day = date.slice(8, 10);
  const month = Number(date.slice(5, 7));
  return `${place}, ngày ${day} tháng ${month <= 2 ? `0${month}` : month} năm ${date.slice(0, 4)}`;
}

function recordsTable(document: ReportDocument): HtmlEscapedString | Promise<HtmlEscapedString> {
  const rows = reportRows(document.roster, document.report, 'vi');
  const cell = (column: ReportColumn, value: string | number | null) =>
    NUMERIC.has(column)
      ? html`<td class="number">${value ?? ''}</td>`
      : html`<td>${value ?? ''}</td>`;
  return html`<table class="records">
  <thead><tr>${COLUMNS.map((column) => html`<th>${columnTitle(column, 'vi')}</th>`)}</tr></thead>
  <tbody>${rows.map((row) => html`${row.index === null ? html`<tr class="total">` : html`<tr>`}${COLUMNS.map((column) => cell(column, row[column]))}</tr>`)}</tbody>
</table>`;
}

function correctionsSection(document: ReportDocument) {
  if (document.corrections.length === 0) return '';
  return html`<p><strong>Điều chỉnh sau khi chốt số liệu:</strong></p>
<table class="records corrections">
  <thead><tr>${CORRECTION_TITLES.vi.map((title) => html`<th>${title}</th>`)}</tr></thead>
  <tbody>${document.corrections.map((correction) => html`<tr>${correctionCells(document.roster, correction, 'vi').map((text) => html`<td>${text}</td>`)}</tr>`)}</tbody>
</table>`;
}

export function reportPage(document: ReportDocument, now: Date) {
  const { roster, report } = document;
  const today = dateInZone(now, roster.timeZone);
  const heading = reportHeading(roster, document, today);
  const signer = roster.basis;
  const locked = document.lockedMonths.map(formatMonth).join(', ');
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Báo cáo kết quả trực ${roster.desk.title} ${formatDate(document.from)} – ${formatDate(document.to)}</title>
<style>${STYLE}</style>
</head>
<body>
<table class="heading"><tr>
  <td><strong class="organisation">${heading.organisation.toLocaleUpperCase('vi')}</strong><div class="rule"></div></td>
  <td><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong>Độc lập - Tự do - Hạnh phúc</strong><div class="rule"></div></td>
</tr></table>
<h1>BÁO CÁO KẾT QUẢ TRỰC ${roster.desk.title.toLocaleUpperCase('vi')}</h1>
<p class="centered">tại ${heading.deskLocation}</p>
<p class="centered period"><em>Từ ngày ${formatDate(document.from)} đến ngày ${formatDate(document.to)}</em></p>
${recordsTable(document)}
${summaryLines(report, 'vi').map((line) => html`<p>${line}</p>`)}
${locked ? html`<p>Số liệu tháng ${locked} lấy theo số liệu đã chốt${document.corrections.length > 0 ? ' và các điều chỉnh sau khi chốt' : ''}.</p>` : ''}
${correctionsSection(document)}
<p class="place-date">${placeAndDate(heading.place, today)}</p>
<table class="signers"><tr>
  <td><strong>NGƯỜI LẬP BIỂU</strong><br><em>(Ký, ghi rõ họ tên)</em></td>
  <td><strong>${(signer?.signerTitle ?? 'Thủ trưởng đơn vị').toLocaleUpperCase('vi')}</strong><br><em>(Ký, ghi rõ họ tên, đóng dấu)</em><div class="name">${signer?.signer ?? ''}</div></td>
</tr></table>
</body>
</html>`;
}
