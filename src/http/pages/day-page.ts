/**
 * A day of a roster: its slots, and the forms to set who serves or record an absence; then the preview of what a
 * change does (the slots before and after, nothing stored) with the confirm form.
 */
import { html } from 'hono/html';
import { reasonText } from '../../domain/event-text.ts';
import { AbsenceReasonSchema } from '../../domain/facts-schema.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { SlotChange } from '../../domain/slot-diff.ts';
import { formatDayAndDate, type Language, memberName } from '../../domain/vietnamese.ts';
import type { Schedule } from '../../services/get-schedule.ts';
import { formatMonth } from '../../services/month-locks.ts';
import {
  type AdminView,
  csrfInput,
  errorBox,
  fieldError,
  type Form,
  langInput,
} from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';
import { kindText, whoText } from './slot-text.ts';

function memberOptions(roster: Roster, language: Language, selected?: string) {
  return roster.members.map(
    (member) =>
      html`<option value="${member.id}"${member.id === selected ? ' selected' : ''}>${memberName(member, language)}</option>`,
  );
}

export interface DayPageData {
  rosterId: string;
  roster: Roster;
  date: string;
  schedule: Schedule;
  error?: unknown;
  form: Form;
}

const INLINE = ['memberId', 'from', 'to', 'reason', 'note', 'correctionReason', 'position'];

/** A form field's problem next to it, for the form that was sent (`kind`). */
const problemOf = (data: DayPageData, kind: string, language: Language) => (field: string) =>
  data.form.kind === kind ? fieldError(data.error, field, language, data.roster) : '';

function overrideForm(view: AdminView, data: DayPageData, reason: Markup, action: string) {
  const t = translator(view.language);
  const { schedule, form } = data;
  const problem = problemOf(data, 'override', view.language);
  return html`<h2>${t('Phân công người trực', 'Set who serves')}</h2>
<form class="stack card" method="get" action="${action}">${langInput(view.language)}<input type="hidden" name="kind" value="override">
${schedule.slots.length > 1 ? html`<label>${t('Vị trí', 'Position')}<select name="position">${schedule.slots.map((slot) => html`<option value="${slot.position}">${slot.position}</option>`)}</select>${problem('position')}</label>` : ''}
<label>${t('Người trực', 'Officer')}<select name="memberId">${memberOptions(data.roster, view.language, form.kind === 'override' ? form.memberId : undefined)}</select>${problem('memberId')}</label>
<label>${t('Ghi chú', 'Note')}<input name="note" maxlength="500" value="${form.kind === 'override' ? (form.note ?? '') : ''}">${problem('note')}</label>
${reason}
<button type="submit">${t('Xem trước thay đổi', 'Preview the change')}</button></form>`;
}

function absenceForm(view: AdminView, data: DayPageData, reason: Markup, action: string) {
  const { language } = view;
  const t = translator(language);
  const { schedule, form, date } = data;
  const problem = problemOf(data, 'absence', language);
  const selected =
    form.kind === 'absence' ? form.memberId : (schedule.slots[0]?.memberId ?? undefined);
  return html`<h2>${t('Ghi nhận ngày vắng', 'Record an absence')}</h2>
<form class="stack card" method="get" action="${action}">${langInput(language)}<input type="hidden" name="kind" value="absence">
<label>${t('Người vắng', 'Who is away')}<select name="memberId">${memberOptions(data.roster, language, selected)}</select>${problem('memberId')}</label>
<label>${t('Từ ngày', 'From')}<input type="date" name="from" required value="${form.from ?? date}">${problem('from')}</label>
<label>${t('Đến ngày', 'To')}<input type="date" name="to" required value="${form.to ?? date}">${problem('to')}</label>
<label>${t('Lý do', 'Reason')}<select name="reason">${AbsenceReasonSchema.options.map((value) => html`<option value="${value}"${form.reason === value ? ' selected' : ''}>${reasonText(value, language)}</option>`)}</select>${problem('reason')}</label>
<label>${t('Ghi chú', 'Note')}<input name="note" maxlength="500" value="${form.kind === 'absence' ? (form.note ?? '') : ''}">${problem('note')}</label>
${reason}
<button type="submit">${t('Xem trước thay đổi', 'Preview the change')}</button></form>`;
}

export function dayPage(view: AdminView, data: DayPageData) {
  const { language } = view;
  const t = translator(language);
  const { rosterId: id, roster, date, schedule, form } = data;
  const closed = schedule.closedDays[0];
  // Previewing stores nothing, so it is a GET: reloading it or coming back to it never re-posts a form.
  const action = `/admin/rosters/${id}/days/${date}/preview`;
  const reason = html`<label>${t('Lý do sửa tháng đã chốt (chỉ khi tháng đã chốt số liệu)', 'Why a closed month is changed (only when the month is closed)')}<input name="correctionReason" value="${form.correctionReason ?? ''}">${fieldError(data.error, 'correctionReason', language, roster)}</label>`;
  return html`${data.error ? errorBox(data.error, language, { roster, inline: INLINE }) : ''}
<p><a href="${withLang(`/admin/rosters/${id}?month=${date.slice(0, 7)}`, language)}">← ${t('Lịch tháng', 'Month')} ${formatMonth(date.slice(0, 7))}</a></p>
${closed ? html`<p class="card">${t('Ngày nghỉ', 'Closed')}: ${closed.name}</p>` : ''}
<ul class="duty">${schedule.slots.map((slot) => html`<li class="${slot.kind}"><span class="kind ${slot.kind}">${kindText(slot.kind, language)}</span> ${slot.title}</li>`)}</ul>
${schedule.slots.length > 0 ? overrideForm(view, data, reason, action) : ''}
${absenceForm(view, data, reason, action)}`;
}

export function changesTable(roster: Roster, changes: readonly SlotChange[], language: Language) {
  const t = translator(language);
  if (changes.length === 0)
    return html`<p class="card">${t('Không ca trực nào thay đổi.', 'No duty slot changes.')}</p>`;
  return html`<div class="scroll"><table class="changes"><thead><tr><th>${t('Ngày', 'Day')}</th><th>${t('Trước', 'Before')}</th><th>${t('Sau', 'After')}</th></tr></thead>
<tbody>${changes.map((change) => {
    const slot = change.after ?? change.before!;
    return html`<tr><td>${formatDayAndDate(slot.date, language)}</td><td class="before">${change.before ? whoText(roster, change.before, language) : '—'}</td><td class="after">${change.after ? whoText(roster, change.after, language) : '—'}</td></tr>`;
  })}</tbody></table></div>`;
}

export interface PreviewPageData {
  rosterId: string;
  roster: Roster;
  date: string;
  changes: readonly SlotChange[];
  form: Form;
}

export function previewPage(view: AdminView, data: PreviewPageData) {
  const { language } = view;
  const t = translator(language);
  const { rosterId: id, date } = data;
  const hidden = Object.entries(data.form)
    .filter(([key]) => key !== 'csrf' && key !== 'lang')
    .map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}">`);
  return html`<p class="notice">${t('Xem trước: chưa có gì được lưu. Kiểm tra các ca thay đổi rồi bấm Xác nhận.', 'Preview: nothing is saved yet. Check the changed slots, then confirm.')}</p>
${changesTable(data.roster, data.changes, language)}
<form method="post" action="${withLang(`/admin/rosters/${id}/days/${date}/confirm`, language)}">${csrfInput(view)}${hidden}
<div class="buttons"><button type="submit">${t('Xác nhận và lưu', 'Confirm and save')}</button>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/days/${date}`, language)}">${t('Huỷ', 'Cancel')}</a></div></form>`;
}
