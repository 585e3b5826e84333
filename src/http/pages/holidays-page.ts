/**
 * The holiday table of a year (official, estimated "dự kiến", pending "chờ hiệu lực") with each day's weekday, name,
 * kind, status and source, and the forms for a late notice, a pending day coming into force, undo and remove.
 */
import { html } from 'hono/html';
import type {
  HolidayEntry,
  HolidayKind,
  HolidayStatus,
  HolidayTable,
} from '../../domain/holiday-schema.ts';
import {
  formatDate,
  formatDayAndDate,
  type Language,
  weekdayName,
} from '../../domain/vietnamese.ts';
import type { getHolidayTable, holidayEditsOf } from '../../services/edit-holidays.ts';
import { type AdminView, csrfInput, errorBox, type Form } from './admin-view.ts';
import { translator, withLang } from './layout.ts';

export function holidayKindText(kind: HolidayKind, language: Language): string {
  const t = translator(language);
  switch (kind) {
    case 'holiday':
      return t('Ngày lễ', 'Public holiday');
    case 'compensatory':
      return t('Nghỉ bù', 'Day in lieu');
    case 'swapped':
      return t('Nghỉ hoán đổi', 'Swapped day off');
    case 'makeup-workday':
      return t('Làm bù', 'Make-up working day');
  }
}

export function holidayStatusText(status: HolidayStatus, language: Language): string {
  const t = translator(language);
  if (status === 'official') return t('chính thức', 'official');
  if (status === 'estimated') return t('dự kiến', 'estimated');
  return t('chờ hiệu lực', 'pending');
}

/** `2024-04-12` → `12/04/2024`, `2026-06` → `06/2026` (a document whose day is not known). */
const documentDate = (date: string) =>
  date.length === 7 ? `${date.slice(5, 7)}/${date.slice(0, 4)}` : formatDate(date);

function sourceText(table: HolidayTable, id: string | undefined, language: Language): string {
  if (!id) return '—';
  const source = table.sources.find((candidate) => candidate.id === id);
  if (!source) return id;
  const t = translator(language);
  return `${source.number} ${t('ngày', 'of')} ${documentDate(source.date)} – ${source.issuer}${source.title ? ` (${source.title})` : ''}`;
}

export interface HolidaysPageData {
  year: number;
  table: Awaited<ReturnType<typeof getHolidayTable>>;
  edits: Awaited<ReturnType<typeof holidayEditsOf>>;
  saved: boolean;
  error?: unknown;
  form: Form;
}

export function holidaysPage(view: AdminView, data: HolidaysPageData) {
  const { language } = view;
  const t = translator(language);
  const { year, table, edits, form } = data;
  const editOf = (date: string) => edits.find((edit) => edit.date === date);
  const pending = table.entries.filter((entry) => entry.status === 'pending');
  const action = (path: string) => withLang(`${path}?year=${year}`, language);
  const name = (entry: HolidayEntry) =>
    language === 'en' && entry.nameEn ? entry.nameEn : entry.name;
  const reasonField = html`<label>${t('Lý do sửa tháng đã chốt (chỉ khi tháng đã chốt số liệu)', 'Why a closed month is changed (only when the month is closed)')}<input name="correctionReason" maxlength="500" value="${form.correctionReason ?? ''}"></label>`;
  const sourceFields = html`<fieldset class="stack"><legend>${t('Văn bản', 'Source document')}</legend>
<label>${t('Số hiệu văn bản', 'Document number')}<input name="sourceNumber" required maxlength="200" placeholder="5015/TB-LĐTBXH" value="${form.sourceNumber ?? ''}"></label>
<label>${t('Ngày ban hành (YYYY-MM-DD, hoặc YYYY-MM nếu chưa rõ ngày)', 'Date issued (YYYY-MM-DD, or YYYY-MM when the day is not known)')}<input name="sourceDate" required maxlength="10" placeholder="${year}-04-12" value="${form.sourceDate ?? ''}"></label>
<label>${t('Cơ quan ban hành', 'Issuer')}<input name="sourceIssuer" required maxlength="200" placeholder="Bộ Nội vụ" value="${form.sourceIssuer ?? ''}"></label>
<label>${t('Trích yếu (tuỳ chọn)', 'Title (optional)')}<input name="sourceTitle" maxlength="400" value="${form.sourceTitle ?? ''}"></label></fieldset>`;
  const { saved, error } = data;
  const body = html`${error ? errorBox(error, language) : ''}
${saved && !error ? html`<p class="notice" role="status">${t('Đã lưu bảng ngày nghỉ; các lịch trực và đường liên kết đã được cập nhật.', 'The holiday table was saved; rosters and feeds follow it.')}</p>` : ''}
<div class="buttons"><a class="button secondary" href="${withLang(`/admin/holidays?year=${year - 1}`, language)}">← ${year - 1}</a>
<a class="button secondary" href="${withLang(`/admin/holidays?year=${year + 1}`, language)}">${year + 1} →</a></div>
${table.estimated ? html`<p class="card">${t(`Chưa có thông báo chính thức cho năm ${year}: bảng dưới đây là dự kiến, tính theo âm lịch.`, `No official notice covers ${year} yet: the table below is estimated from the lunar calendar.`)}</p>` : ''}
<div class="scroll"><table class="holidays"><thead><tr><th>${t('Ngày', 'Date')}</th><th>${t('Thứ', 'Weekday')}</th><th>${t('Tên', 'Name')}</th><th>${t('Loại', 'Kind')}</th><th>${t('Trạng thái', 'Status')}</th><th>${t('Văn bản', 'Source')}</th></tr></thead>
<tbody>${table.entries.map((entry) => {
    const edit = editOf(entry.date);
    return html`<tr data-date="${entry.date}" class="${entry.status}"><td>${formatDate(entry.date)}</td><td>${weekdayName(entry.date, language)}</td>
<td>${name(entry)}${entry.replaces ? html`<div class="muted">${t('làm bù cho', 'makes up for')} ${formatDayAndDate(entry.replaces, language)}</div>` : ''}${entry.swappedWith ? html`<div class="muted">${t('làm bù vào', 'made up on')} ${formatDayAndDate(entry.swappedWith, language)}</div>` : ''}${entry.note ? html`<div class="muted">${entry.note}</div>` : ''}</td>
<td><span class="kind ${entry.kind === 'makeup-workday' ? 'makeup' : ''}">${holidayKindText(entry.kind, language)}</span></td>
<td>${holidayStatusText(entry.status, language)}${edit ? html`<div class="muted">${t('sửa bởi', 'edited by')} ${edit.updatedBy}</div>` : ''}</td>
<td>${sourceText(table, entry.source, language)}</td></tr>`;
  })}</tbody></table></div>
${
  edits.some((edit) => edit.entry === null)
    ? html`<p class="muted">${t('Đã xoá khỏi bảng', 'Removed from the table')}: ${edits
        .filter((edit) => edit.entry === null)
        .map((edit) => formatDate(edit.date))
        .join(', ')}</p>`
    : ''
}

<h2>${t('Thông báo hoán đổi ngày nghỉ (làm bù)', 'A notice swapping a day off (làm bù)')}</h2>
<p class="muted">${t('Một ngày làm việc được nghỉ, đổi lại một Thứ Bảy đi làm bù. Cả hai ngày được kiểm tra cùng nhau trước khi lưu.', 'A working day becomes a day off, made up on a Saturday. Both days are checked together before anything is saved.')}</p>
<form class="stack card" method="post" action="${action('/admin/holidays/notice')}">${csrfInput(view)}
<label>${t('Ngày được nghỉ', 'Day off')}<input type="date" name="swappedDate" required value="${form.swappedDate ?? ''}"></label>
<label>${t('Ngày làm bù (Thứ Bảy)', 'Make-up day (a Saturday)')}<input type="date" name="makeupDate" required value="${form.makeupDate ?? ''}"></label>
${sourceFields}
${reasonField}
<button type="submit">${t('Lưu thông báo', 'Save the notice')}</button></form>

${
  pending.length > 0
    ? html`<h2>${t('Đưa ngày chờ hiệu lực vào áp dụng', 'Put a pending day in force')}</h2>
${pending.map(
  (
    entry,
  ) => html`<form class="stack card" method="post" action="${action(`/admin/holidays/days/${entry.date}/in-force`)}">${csrfInput(view)}
<p><strong>${formatDayAndDate(entry.date, language)}</strong> – ${name(entry)}</p>
${sourceFields}
${reasonField}
<button type="submit">${t('Áp dụng chính thức', 'Make it official')}</button></form>`,
)}`
    : ''
}

<h2>${t('Hoàn tác sửa đổi hoặc xoá một ngày', 'Undo an edit or remove a day')}</h2>
<form class="stack card" method="post" action="${action('/admin/holidays/revert')}">${csrfInput(view)}
<label>${t('Ngày', 'Day')}<select name="date">${[...new Set([...table.entries.map((entry) => entry.date), ...edits.map((edit) => edit.date)])].sort().map((date) => html`<option value="${date}"${form.date === date ? ' selected' : ''}>${formatDayAndDate(date, language)}${editOf(date) ? ` (${t('đã sửa', 'edited')})` : ''}</option>`)}</select></label>
<label>${t('Thao tác', 'Action')}<select name="action"><option value="undo">${t('Hoàn tác: trở về bảng gốc (calendars/holidays)', 'Undo: back to the base table (calendars/holidays)')}</option><option value="remove"${form.action === 'remove' ? ' selected' : ''}>${t('Xoá ngày này khỏi bảng', 'Remove this day from the table')}</option></select></label>
${reasonField}
<button class="danger" type="submit">${t('Thực hiện', 'Apply')}</button></form>`;
  return body;
}
