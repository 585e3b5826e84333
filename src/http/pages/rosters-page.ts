/** The admin home: the rosters, each with its month grid, absences, members and audit log; broken calendar files. */
import { html } from 'hono/html';
import type { StoredRoster } from '../../storage/records.ts';
import type { AdminView } from './admin-view.ts';
import { translator, withLang } from './layout.ts';

/** `currentMonth` is this month in the roster's zone, the month grid the button opens. */
export function rostersPage(
  view: AdminView,
  rosters: readonly { stored: StoredRoster; currentMonth: string }[],
) {
  const { language } = view;
  const t = translator(language);
  return html`<ul class="duty">${rosters.map(({ stored, currentMonth }) => {
    const base = `/admin/rosters/${stored.id}`;
    return html`<li><div class="when">${stored.roster.name}</div>
<div class="muted">${stored.id} · ${stored.roster.members.length} ${t('người', 'members')}</div>
<div class="buttons"><a class="button" href="${withLang(`${base}?month=${currentMonth}`, language)}">${t('Lịch tháng', 'Month')}</a>
<a class="button secondary" href="${withLang(`${base}/absences`, language)}">${t('Ngày vắng', 'Absences')}</a>
<a class="button secondary" href="${withLang(`${base}/members`, language)}">${t('Thành viên', 'Members')}</a>
<a class="button secondary" href="${withLang(`${base}/report`, language)}">${t('Báo cáo kết quả trực', 'Duty report')}</a>
<a class="button secondary" href="${withLang(`/admin/audit?rosterId=${stored.id}`, language)}">${t('Nhật ký', 'Audit log')}</a></div></li>`;
  })}</ul>`;
}

/** Files of calendars/ that could not be applied: their rosters keep their last good state until they are fixed. */
export function brokenFilesBox(
  view: AdminView,
  broken: readonly { path: string; issues: string[] }[],
) {
  if (broken.length === 0) return '';
  const t = translator(view.language);
  return html`<div class="error" role="alert"><strong>${t('Tệp lịch không áp dụng được', 'Calendar files not applied')}:</strong> ${t('lịch trực của các tệp này giữ nguyên trạng thái hợp lệ gần nhất cho đến khi tệp được sửa.', 'their rosters keep their last good state until the files are fixed.')}<ul>${broken.map((file) => html`<li>calendars/${file.path}<ul>${file.issues.map((issue) => html`<li>${file.path}:${issue}</li>`)}</ul></li>`)}</ul></div>`;
}
