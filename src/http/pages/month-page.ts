/** The month grid of a roster: each day's officers and kinds, closed days with the holiday's name. */
import { html } from 'hono/html';
import { weekdayOf } from '../../domain/dates.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { Schedule } from '../../services/get-schedule.ts';
import { formatDate, type Language } from '../../domain/vietnamese.ts';
import { formatMonth, lastDayOf } from '../../services/month-locks.ts';
import type { AdminView } from './admin-view.ts';
import { translator, withLang } from './layout.ts';
import { kindText } from './slot-text.ts';

export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month's days in weeks from Monday, `null` outside the month. */
function weeksOf(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const last = lastDayOf(month);
  const cells: (string | null)[] = Array.from({ length: weekdayOf(first) - 1 }, () => null);
  for (let day = 1; day <= Number(last.slice(8)); day++)
    cells.push(`${month}-${String(day).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, index) =>
    cells.slice(index * 7, index * 7 + 7),
  );
}

const WEEKDAYS: Record<Language, string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  vi: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'],
};

export interface MonthPageData {
  rosterId: string;
  roster: Roster;
  month: string;
  schedule: Schedule;
  saved: boolean;
}

export function monthPage(view: AdminView, data: MonthPageData) {
  const { language } = view;
  const t = translator(language);
  const { rosterId: id, month, schedule } = data;
  const cell = (date: string | null) => {
    if (!date) return html`<td class="out"></td>`;
    const closed = schedule.closedDays.find((day) => day.date === date);
    const slots = schedule.slots.filter((slot) => slot.date === date);
    return html`<td class="${closed ? 'closed' : ''}" data-date="${date}"><a class="day" href="${withLang(`/admin/rosters/${id}/days/${date}`, language)}">${formatDate(date).slice(0, 5)}</a>
${closed ? html`<div class="holiday">${closed.name}</div>` : ''}
${slots.map((slot) => html`<div class="slot"><span class="kind ${slot.kind}">${kindText(slot.kind, language)}</span> ${slot.memberName ?? '—'}</div>`)}</td>`;
  };
  const monthLink = (by: number) =>
    withLang(`/admin/rosters/${id}?month=${shiftMonth(month, by)}`, language);
  return html`<p>${data.roster.name}</p>
${data.saved ? html`<p class="notice" role="status">${t('Đã lưu thay đổi.', 'The change was saved.')}</p>` : ''}
<div class="buttons"><a class="button secondary" href="${monthLink(-1)}">← ${formatMonth(shiftMonth(month, -1))}</a>
<a class="button secondary" href="${monthLink(1)}">${formatMonth(shiftMonth(month, 1))} →</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/absences`, language)}">${t('Ngày vắng', 'Absences')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/members`, language)}">${t('Thành viên', 'Members')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/requests`, language)}">${t('Đề nghị của cán bộ', 'Staff requests')}</a></div>
<p class="muted">${t('Chọn một ngày để phân công trực hoặc ghi nhận ngày vắng.', 'Pick a day to set an override or record an absence.')}</p>
<div class="scroll"><table class="month"><thead><tr>${WEEKDAYS[language].map((name) => html`<th>${name}</th>`)}</tr></thead>
<tbody>${weeksOf(month).map((week) => html`<tr>${week.map(cell)}</tr>`)}</tbody></table></div>
${schedule.conflicts.length > 0 ? html`<h2>${t('Không áp dụng được', 'Could not apply')}</h2><ul>${schedule.conflicts.map((conflict) => html`<li>${formatDate(conflict.date)}: ${conflict.message}</li>`)}</ul>` : ''}`;
}
