/**
 * The duty report in the admin area, for the annual evaluation: a period picker (dates, or a quarter or the year in
 * one click), the table per member with the total, the roster's figures, and the downloads (CSV, Excel, printable).
 */
import { html } from 'hono/html';
import {
  columnTitle,
  type ReportColumn,
  reportRows,
  summaryLines,
} from '../../domain/duty-report-view.ts';
import type { ReportDocument } from '../../domain/report-document.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import { formatDate, type Language } from '../../domain/vietnamese.ts';
import { formatMonth } from '../../services/month-locks.ts';
import { type AdminView, errorBox, fieldError, langInput } from './admin-view.ts';
import { translator, withLang } from './layout.ts';
import { COLUMNS, NUMERIC } from './report-page.ts';

const QUARTERS = ['I', 'II', 'III', 'IV'];

/** The shortcuts of a year: its four quarters and the whole year. */
export function periodsOf(year: number, language: Language) {
  const t = translator(language);
  const quarters = QUARTERS.map((numeral, index) => {
    const first = String(index * 3 + 1).padStart(2, '0');
    const last = String(index * 3 + 3).padStart(2, '0');
    const lastDay = index === 0 || index === 3 ? 31 : 30;
    return {
      label: t(`Quý ${numeral}/${year}`, `Q${index + 1} ${year}`),
      from: `${year}-${first}-01`,
      to: `${year}-${last}-${lastDay}`,
    };
  });
  return [
    ...quarters,
    { label: t(`Cả năm ${year}`, `Year ${year}`), from: `${year}-01-01`, to: `${year}-12-31` },
  ];
}

export interface AdminReportData {
  rosterId: string;
  roster: Roster;
  from: string;
  to: string;
  /** The year whose shortcuts are offered. */
  year: number;
  document: ReportDocument | undefined;
  error?: unknown;
  /** The XLSX writer is there (not on Workers). */
  xlsx: boolean;
}

function picker(view: AdminView, data: AdminReportData) {
  const { language } = view;
  const t = translator(language);
  const base = `/admin/rosters/${data.rosterId}/report`;
  const link = (from: string, to: string) => withLang(`${base}?from=${from}&to=${to}`, language);
  const shortcut = (period: { label: string; from: string; to: string }) =>
    period.from === data.from && period.to === data.to
      ? html`<a class="button" aria-current="true" href="${link(period.from, period.to)}">${period.label}</a>`
      : html`<a class="button secondary" href="${link(period.from, period.to)}">${period.label}</a>`;
  const year = (y: number) => periodsOf(y, language).at(-1)!;
  return html`<div class="buttons">${periodsOf(data.year, language).map(shortcut)}</div>
<div class="buttons"><a class="button secondary" href="${link(year(data.year - 1).from, year(data.year - 1).to)}">← ${data.year - 1}</a>
<a class="button secondary" href="${link(year(data.year + 1).from, year(data.year + 1).to)}">${data.year + 1} →</a></div>
<form class="picker" method="get" action="${base}">${langInput(language)}
<label>${t('Từ ngày', 'From')}<input type="date" name="from" required value="${data.from}">${fieldError(data.error, 'from', language)}</label>
<label>${t('Đến ngày', 'To')}<input type="date" name="to" required value="${data.to}">${fieldError(data.error, 'to', language)}</label>
<button type="submit" class="secondary">${t('Xem báo cáo', 'Show the report')}</button></form>`;
}

function table(document: ReportDocument, language: Language) {
  const t = translator(language);
  const rows = reportRows(document.roster, document.report, language);
  const cell = (column: ReportColumn, value: string | number | null) =>
    column === 'memberName' && value !== null
      ? html`<th scope="row">${value}</th>`
      : NUMERIC.has(column)
        ? html`<td class="number">${value ?? ''}</td>`
        : html`<td>${value ?? ''}</td>`;
  return html`<div class="scroll"><table class="report"><caption>${t('Kết quả trực', 'Duty records')} ${formatDate(document.from)} – ${formatDate(document.to)}</caption>
<thead><tr>${COLUMNS.map((column) => html`<th scope="col">${columnTitle(column, language)}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr${row.index === null ? html` class="total"` : ''}>${COLUMNS.map((column) => cell(column, row[column]))}</tr>`)}</tbody></table></div>`;
}

function downloads(view: AdminView, data: AdminReportData) {
  const t = translator(view.language);
  const file = (format: string) =>
    withLang(
      `/admin/rosters/${data.rosterId}/report/file?format=${format}&from=${data.from}&to=${data.to}`,
      view.language,
    );
  return html`<h2>${t('Tải về', 'Download')}</h2>
<div class="buttons"><a class="button secondary" href="${file('csv')}" download>${t('Tệp CSV', 'CSV file')}</a>
${data.xlsx ? html`<a class="button secondary" href="${file('xlsx')}" download>${t('Tệp Excel (.xlsx)', 'Excel file (.xlsx)')}</a>` : ''}
<a class="button secondary" href="${file('html')}">${t('Bản in (A4)', 'Printable page (A4)')}</a></div>`;
}

export function adminReportPage(view: AdminView, data: AdminReportData) {
  const { language } = view;
  const t = translator(language);
  const document = data.document;
  const locked = document?.lockedMonths.map(formatMonth).join(', ');
  return html`<p>${data.roster.name}</p>
${data.error ? errorBox(data.error, language, { roster: data.roster, inline: ['from', 'to'] }) : ''}
${picker(view, data)}
${
  document
    ? html`${table(document, language)}
${summaryLines(document.report, language).map((line) => html`<p>${line}</p>`)}
${locked ? html`<p class="muted">${t(`Số liệu tháng ${locked} lấy theo số liệu đã chốt.`, `${locked}: from the closed months' records.`)}</p>` : ''}
${document.corrections.length > 0 ? html`<p class="muted">${t(`Có ${document.corrections.length} điều chỉnh sau khi chốt số liệu (xem bản in hoặc tệp Excel).`, `${document.corrections.length} corrections after closing (see the printable page or the Excel file).`)}</p>` : ''}
${downloads(view, data)}`
    : ''
}`;
}
