/** The month grid of a roster: each day's officers and kinds, closed days with the holiday's name. */
import { html } from 'hono/html';
import { weekdayOf } from '../../domain/dates.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { Schedule } from '../../services/get-schedule.ts';
import { formatDate, formatDayAndDate, type Language } from '../../domain/vietnamese.ts';
import { formatMonth, lastDayOf } from '../../services/month-locks.ts';
import type { AdminView } from './admin-view.ts';
import { translator, withLang } from './layout.ts';
import { say, wordsFor } from './messages.ts';
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
  /** The change just saved reaches outside the feeds' window (180 days back, 400 ahead). */
  outsideFeeds: 'past' | 'future' | null;
}

/** A month and year picker (a GET form: `?year=&mon=`), for jumping further than one month. */
export function monthPicker(view: AdminView, rosterId: string, month: string) {
  const { language } = view;
  const t = translator(language);
  const months = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'));
  return html`<form class="picker" method="get" action="/admin/rosters/${rosterId}">${language === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<label>${t('Tháng', 'Month')}<select name="mon">${months.map((value) => html`<option value="${value}"${value === month.slice(5, 7) ? ' selected' : ''}>${value}</option>`)}</select></label>
<label>${t('Năm', 'Year')}<input type="number" name="year" min="1976" max="2199" required value="${month.slice(0, 4)}"></label>
<button type="submit" class="secondary">${t('Xem', 'Show')}</button></form>`;
}

/** What a screen reader hears for a day: the date, then the holiday or who is on duty and how. */
function dayLabel(
  date: string,
  closed: { name: string } | undefined,
  slots: Schedule['slots'],
  language: Language,
) {
  const t = translator(language);
  const duty = slots.map(
    (slot) =>
      `${slot.memberName ?? t('chưa có người trực', 'nobody on duty')} (${kindText(slot.kind, language).toLocaleLowerCase(language)})`,
  );
  const what = closed
    ? [closed.name, ...duty]
    : duty.length > 0
      ? duty
      : [t('không có ca trực', 'no duty')];
  return `${formatDayAndDate(date, language)}: ${what.join('; ')}`;
}

function outsideNote(language: Language, outside: MonthPageData['outsideFeeds']) {
  const t = translator(language);
  if (outside === 'past')
    return html`<p class="card" role="note">${t('Thay đổi này có ngày cũ hơn 180 ngày: đã được lưu và tính vào báo cáo, nhưng lịch đã đăng ký qua đường liên kết (ICS) chỉ hiện 180 ngày gần nhất nên sẽ không thấy phần đó.', 'This change reaches more than 180 days back: it is stored and counted in reports, but subscribed calendars (ICS links) show only the last 180 days and will not show that part.')}</p>`;
  if (outside === 'future')
    return html`<p class="card" role="note">${t('Thay đổi này có ngày xa hơn 400 ngày tới: đã được lưu, nhưng lịch đã đăng ký qua đường liên kết (ICS) chỉ hiện 400 ngày tới nên phần đó sẽ hiện khi đến gần.', 'This change reaches more than 400 days ahead: it is stored, but subscribed calendars (ICS links) show only the next 400 days, so that part appears as it comes closer.')}</p>`;
  return '';
}

export function monthPage(view: AdminView, data: MonthPageData) {
  const { language } = view;
  const t = translator(language);
  const { rosterId: id, month, schedule } = data;
  const words = wordsFor(data.roster, language);
  const cell = (date: string | null) => {
    if (!date) return html`<td class="out"></td>`;
    const closed = schedule.closedDays.find((day) => day.date === date);
    const slots = schedule.slots.filter((slot) => slot.date === date);
    return html`<td class="${closed ? 'closed' : ''}" data-date="${date}"><a class="day" href="${withLang(`/admin/rosters/${id}/days/${date}`, language)}" aria-label="${dayLabel(date, closed, slots, language)}">${formatDate(date).slice(0, 5)}</a>
${closed ? html`<div class="holiday">${closed.name}</div>` : ''}
${slots.map((slot) => html`<div class="slot"><span class="kind ${slot.kind}">${kindText(slot.kind, language)}</span> ${slot.memberName ?? '—'}</div>`)}</td>`;
  };
  const monthLink = (by: number) =>
    withLang(`/admin/rosters/${id}?month=${shiftMonth(month, by)}`, language);
  return html`<p>${data.roster.name}</p>
${data.saved ? html`<p class="notice" role="status">${t('Đã lưu thay đổi.', 'The change was saved.')}</p>` : ''}
${outsideNote(language, data.outsideFeeds)}
<div class="buttons"><a class="button secondary" href="${monthLink(-1)}">← ${formatMonth(shiftMonth(month, -1))}</a>
<a class="button secondary" href="${monthLink(1)}">${formatMonth(shiftMonth(month, 1))} →</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/absences`, language)}">${t('Ngày vắng', 'Absences')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/members`, language)}">${t('Thành viên', 'Members')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/requests`, language)}">${t('Đề nghị của cán bộ', 'Staff requests')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/report`, language)}">${t('Báo cáo kết quả trực', 'Duty report')}</a></div>
${monthPicker(view, id, month)}
<p class="muted">${t('Chọn một ngày để phân công trực hoặc ghi nhận ngày vắng.', 'Pick a day to set an override or record an absence.')}</p>
<div class="scroll"><table class="month"><caption>${t('Lịch trực tháng', 'Duty in')} ${formatMonth(month)}</caption><thead><tr>${WEEKDAYS[language].map((name) => html`<th scope="col">${name}</th>`)}</tr></thead>
<tbody>${weeksOf(month).map((week) => html`<tr>${week.map(cell)}</tr>`)}</tbody></table></div>
${schedule.conflicts.length > 0 ? html`<h2>${t('Không áp dụng được', 'Could not apply')}</h2><ul>${schedule.conflicts.map((conflict) => html`<li>${formatDate(conflict.date)}: ${say(conflict.code, { date: conflict.date, ...(conflict.memberId ? { memberId: conflict.memberId } : {}) }, words, language, conflict.message)}</li>`)}</ul>` : ''}`;
}

/** A month that cannot be shown (`?month=2024-13`): the reason, and the picker to choose another. */
export function badMonthPage(view: AdminView, rosterId: string, asked: string, current: string) {
  const words = wordsFor(undefined, view.language);
  return html`<p class="error" role="alert">${say('month-not-valid', { month: asked }, words, view.language, '')}</p>
${monthPicker(view, rosterId, current)}`;
}
