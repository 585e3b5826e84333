/** The absences of a roster, each with its delete form. */
import { html } from 'hono/html';
import { reasonText } from '../../domain/event-text.ts';
import type { StoredAbsence } from '../../storage/records.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import { formatDate, memberName } from '../../domain/vietnamese.ts';
import { type AdminView, csrfInput } from './admin-view.ts';
import { translator, withLang } from './layout.ts';

export interface AbsencesPageData {
  rosterId: string;
  roster: Roster;
  absences: readonly StoredAbsence[];
  deleted: boolean;
}

export function absencesPage(view: AdminView, data: AbsencesPageData) {
  const { language } = view;
  const t = translator(language);
  const { rosterId: id, roster, absences } = data;
  const name = (memberId: string) => {
    const member = roster.members.find((candidate) => candidate.id === memberId);
    return member ? memberName(member, language) : memberId;
  };
  return html`<p>${roster.name}</p>${data.deleted ? html`<p class="notice" role="status">${t('Đã xoá.', 'Deleted.')}</p>` : ''}
${
  absences.length === 0
    ? html`<p class="card">${t('Chưa có ngày vắng nào.', 'No absences yet.')}</p>`
    : html`<div class="scroll"><table><thead><tr><th>${t('Người vắng', 'Who')}</th><th>${t('Từ ngày', 'From')}</th><th>${t('Đến ngày', 'To')}</th><th>${t('Lý do', 'Reason')}</th><th></th></tr></thead>
<tbody>${absences.map(
        (
          absence,
        ) => html`<tr><td>${name(absence.memberId)}</td><td>${formatDate(absence.from)}</td><td>${formatDate(absence.to)}</td><td>${reasonText(absence.reason, language)}${absence.note ? html`<div class="muted">${absence.note}</div>` : ''}</td>
<td><form method="post" action="${withLang(`/admin/rosters/${id}/absences/${absence.id}/delete`, language)}">${csrfInput(view)}<input name="correctionReason" placeholder="${t('Lý do (nếu tháng đã chốt)', 'Reason (if the month is closed)')}"><button class="danger" type="submit">${t('Xoá', 'Delete')}</button></form></td></tr>`,
      )}</tbody></table></div>`
}`;
}
