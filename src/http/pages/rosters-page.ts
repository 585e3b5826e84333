/** The admin home: the rosters, each with its month grid, absences, members and audit log. */
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
