/**
 * The holiday table of a year (official, estimated "dự kiến", pending "chờ hiệu lực") with each day's weekday, name,
 * kind, status and source, and the forms for a late notice, a pending day coming into force, undo and remove.
 */
import { html, raw } from 'hono/html';
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
import {
  type AdminView,
  csrfInput,
  errorBox,
  fieldError,
  type Form,
  langInput,
} from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';

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

/** The values and problems of one form of the page: only the form that was sent shows them. */
interface FormState {
  value(name: string): string;
  problem(name: string): Markup | string;
}

function stateOf(data: HolidaysPageData, intent: string, language: Language): FormState {
  const sent = data.form.intent === intent;
  return {
    value: (name) => (sent ? (data.form[name] ?? '') : ''),
    problem: (name) => (sent ? fieldError(data.error, name, language) : ''),
  };
}

const INLINE = [
  'swappedDate',
  'makeupDate',
  'dayOffDate',
  'dayOffName',
  'sourceNumber',
  'sourceDate',
  'sourceIssuer',
  'sourceTitle',
  'correctionReason',
  'date',
];

function commonFields(view: AdminView, year: number, state: FormState, intent: string) {
  const t = translator(view.language);
  const input = (name: string, label: string, extra: Markup | string = '') =>
    html`<label>${label}<input name="${name}" ${extra} value="${state.value(name)}">${state.problem(name)}</label>`;
  return {
    source: html`<fieldset class="stack"><legend>${t('Văn bản', 'Source document')}</legend>
${input('sourceNumber', t('Số hiệu văn bản', 'Document number'), raw('required maxlength="200" placeholder="5015/TB-LĐTBXH"'))}
${input('sourceDate', t('Ngày ban hành (YYYY-MM-DD, hoặc YYYY-MM nếu chưa rõ ngày)', 'Date issued (YYYY-MM-DD, or YYYY-MM when the day is not known)'), raw(`required maxlength="10" placeholder="${year}-04-12"`))}
${input('sourceIssuer', t('Cơ quan ban hành', 'Issuer'), raw('required maxlength="200" placeholder="Bộ Nội vụ"'))}
${input('sourceTitle', t('Trích yếu (tuỳ chọn)', 'Title (optional)'), raw('maxlength="400"'))}</fieldset>`,
    reason: input(
      'correctionReason',
      t(
        'Lý do sửa tháng đã chốt (chỉ khi tháng đã chốt số liệu)',
        'Why a closed month is changed (only when the month is closed)',
      ),
      raw('maxlength="500"'),
    ),
    head: html`${csrfInput(view)}<input type="hidden" name="intent" value="${intent}">`,
    date: (name: string, label: string) =>
      html`<label>${label}<input type="date" name="${name}" required value="${state.value(name)}">${state.problem(name)}</label>`,
  };
}

function noticeForms(view: AdminView, data: HolidaysPageData, action: (path: string) => string) {
  const t = translator(view.language);
  const swap = commonFields(view, data.year, stateOf(data, 'notice', view.language), 'notice');
  const off = commonFields(view, data.year, stateOf(data, 'day-off', view.language), 'day-off');
  const offState = stateOf(data, 'day-off', view.language);
  return html`<h2>${t('Thông báo hoán đổi ngày nghỉ (làm bù)', 'A notice swapping a day off (làm bù)')}</h2>
<p class="muted">${t('Một ngày làm việc được nghỉ, đổi lại một Thứ Bảy đi làm bù. Cả hai ngày được kiểm tra cùng nhau trước khi lưu.', 'A working day becomes a day off, made up on a Saturday. Both days are checked together before anything is saved.')}</p>
<form class="stack card" method="post" action="${action('/admin/holidays/notice')}">${swap.head}
${swap.date('swappedDate', t('Ngày được nghỉ', 'Day off'))}
${swap.date('makeupDate', t('Ngày làm bù (Thứ Bảy)', 'Make-up day (a Saturday)'))}
${swap.source}
${swap.reason}
<button type="submit">${t('Lưu thông báo', 'Save the notice')}</button></form>
<h2>${t('Thông báo nghỉ thêm một ngày', 'A notice of an extra day off')}</h2>
<p class="muted">${t('Một ngày làm việc được nghỉ theo văn bản, không phải làm bù.', 'One working day off by a notice, with no make-up day.')}</p>
<form class="stack card" method="post" action="${action('/admin/holidays/day-off')}">${off.head}
${off.date('dayOffDate', t('Ngày được nghỉ', 'Day off'))}
<label>${t('Tên ngày nghỉ (tuỳ chọn)', 'Name of the day off (optional)')}<input name="dayOffName" maxlength="200" placeholder="${t('Ngày nghỉ bổ sung', 'Extra day off')}" value="${offState.value('dayOffName')}">${offState.problem('dayOffName')}</label>
${off.source}
${off.reason}
<button type="submit">${t('Lưu thông báo', 'Save the notice')}</button></form>`;
}

function inForceForms(view: AdminView, data: HolidaysPageData, action: (path: string) => string) {
  const t = translator(view.language);
  const pending = data.table.entries.filter((entry) => entry.status === 'pending');
  if (pending.length === 0) return '';
  return html`<h2>${t('Đưa ngày chờ hiệu lực vào áp dụng', 'Put a pending day in force')}</h2>
${pending.map((entry) => {
  const intent = `in-force-${entry.date}`;
  const fields = commonFields(view, data.year, stateOf(data, intent, view.language), intent);
  return html`<form class="stack card" method="post" action="${action(`/admin/holidays/days/${entry.date}/in-force`)}">${fields.head}
<p><strong>${formatDayAndDate(entry.date, view.language)}</strong> – ${entryName(entry, view.language)}</p>
${fields.source}
${fields.reason}
<button type="submit">${t('Áp dụng chính thức', 'Make it official')}</button></form>`;
})}`;
}

function revertForm(view: AdminView, data: HolidaysPageData) {
  const { language } = view;
  const t = translator(language);
  const { table, edits, form } = data;
  const state = stateOf(data, 'revert', language);
  const dates = [
    ...new Set([...table.entries.map((entry) => entry.date), ...edits.map((edit) => edit.date)]),
  ].sort();
  const edited = (date: string) => edits.some((edit) => edit.date === date);
  // Removing or undoing is confirmed on a page of its own (no script: the CSP allows none).
  return html`<h2>${t('Hoàn tác sửa đổi hoặc xoá một ngày', 'Undo an edit or remove a day')}</h2>
<form class="stack card" method="get" action="/admin/holidays/revert">${langInput(language)}
<label>${t('Ngày', 'Day')}<select name="date">${dates.map((date) => html`<option value="${date}"${state.value('date') === date ? ' selected' : ''}>${formatDayAndDate(date, language)}${edited(date) ? ` (${t('đã sửa', 'edited')})` : ''}</option>`)}</select>${state.problem('date')}</label>
<label>${t('Thao tác', 'Action')}<select name="action"><option value="undo">${t('Hoàn tác: trở về bảng gốc (calendars/holidays)', 'Undo: back to the base table (calendars/holidays)')}</option><option value="remove"${form.intent === 'revert' && form.action === 'remove' ? ' selected' : ''}>${t('Xoá ngày này khỏi bảng', 'Remove this day from the table')}</option></select></label>
<button class="danger" type="submit">${t('Tiếp tục…', 'Continue…')}</button></form>`;
}

const entryName = (entry: HolidayEntry, language: Language) =>
  language === 'en' && entry.nameEn ? entry.nameEn : entry.name;

export function holidaysPage(view: AdminView, data: HolidaysPageData) {
  const { language } = view;
  const t = translator(language);
  const { year, table, edits } = data;
  const editOf = (date: string) => edits.find((edit) => edit.date === date);
  const action = (path: string) => withLang(`${path}?year=${year}`, language);
  const { saved, error } = data;
  return html`${error ? errorBox(error, language, { inline: INLINE }) : ''}
${saved && !error ? html`<p class="notice" role="status">${t('Đã lưu bảng ngày nghỉ; các lịch trực và đường liên kết đã được cập nhật.', 'The holiday table was saved; rosters and feeds follow it.')}</p>` : ''}
<div class="buttons"><a class="button secondary" href="${withLang(`/admin/holidays?year=${year - 1}`, language)}">← ${year - 1}</a>
<a class="button secondary" href="${withLang(`/admin/holidays?year=${year + 1}`, language)}">${year + 1} →</a></div>
${table.estimated ? html`<p class="card">${t(`Chưa có thông báo chính thức cho năm ${year}: bảng dưới đây là dự kiến, tính theo âm lịch.`, `No official notice covers ${year} yet: the table below is estimated from the lunar calendar.`)}</p>` : ''}
<div class="scroll"><table class="holidays"><caption>${t('Bảng ngày nghỉ năm', 'Holiday table')} ${year}</caption><thead><tr><th scope="col">${t('Ngày', 'Date')}</th><th scope="col">${t('Thứ', 'Weekday')}</th><th scope="col">${t('Tên', 'Name')}</th><th scope="col">${t('Loại', 'Kind')}</th><th scope="col">${t('Trạng thái', 'Status')}</th><th scope="col">${t('Văn bản', 'Source')}</th></tr></thead>
<tbody>${table.entries.map((entry) => {
    const edit = editOf(entry.date);
    return html`<tr data-date="${entry.date}" class="${entry.status}"><td>${formatDate(entry.date)}</td><td>${weekdayName(entry.date, language)}</td>
<td>${entryName(entry, language)}${entry.replaces ? html`<div class="muted">${t('làm bù cho', 'makes up for')} ${formatDayAndDate(entry.replaces, language)}</div>` : ''}${entry.swappedWith ? html`<div class="muted">${t('làm bù vào', 'made up on')} ${formatDayAndDate(entry.swappedWith, language)}</div>` : ''}${entry.note ? html`<div class="muted">${entry.note}</div>` : ''}</td>
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
${noticeForms(view, data, action)}
${inForceForms(view, data, action)}
${revertForm(view, data)}`;
}

/** The confirm step of undoing or removing a day: what will happen, the reason field, and the button. */
export function revertConfirmPage(
  view: AdminView,
  data: {
    year: number;
    date: string;
    remove: boolean;
    name: string | undefined;
    form: Form;
    error?: unknown;
  },
) {
  const { language } = view;
  const t = translator(language);
  const state = {
    value: (name: string) => data.form[name] ?? '',
    problem: (name: string) => fieldError(data.error, name, language),
  };
  const fields = commonFields(view, data.year, state, 'revert');
  const day = `${formatDayAndDate(data.date, language)}${data.name ? ` – ${data.name}` : ''}`;
  const what = data.remove
    ? t(
        `Xoá ${day} khỏi bảng ngày nghỉ? Ngày này sẽ là ngày làm việc bình thường; lịch trực và đường liên kết được cập nhật theo.`,
        `Remove ${day} from the holiday table? It becomes an ordinary working day; rosters and feeds follow.`,
      )
    : t(
        `Hoàn tác sửa đổi của ${day}: trở về bảng gốc (calendars/holidays)?`,
        `Undo the edit of ${day}: back to the base table (calendars/holidays)?`,
      );
  return html`${data.error ? errorBox(data.error, language, { inline: INLINE }) : ''}<p class="card">${what}</p>
<form class="stack card" method="post" action="${withLang(`/admin/holidays/revert?year=${data.year}`, language)}">${fields.head}
<input type="hidden" name="date" value="${data.date}"><input type="hidden" name="action" value="${data.remove ? 'remove' : 'undo'}">
${fields.reason}
<div class="buttons"><button class="danger" type="submit">${data.remove ? t('Xoá', 'Remove') : t('Hoàn tác', 'Undo')}</button>
<a class="button secondary" href="${withLang(`/admin/holidays?year=${data.year}`, language)}">${t('Huỷ', 'Cancel')}</a></div></form>`;
}
