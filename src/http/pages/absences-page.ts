/** The absences of a roster, each with its delete form. */
import { html } from 'hono/html';
import { reasonText } from '../../domain/event-text.ts';
import type { StoredAbsence } from '../../storage/records.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import { formatDate, memberName } from '../../domain/vietnamese.ts';
import { type AdminView, csrfInput, errorBox, fieldError, type Form } from './admin-view.ts';
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
<td><a class="button danger" href="${withLang(`/admin/rosters/${id}/absences/${absence.id}/delete`, language)}">${t('Xoá…', 'Delete…')}</a></td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** The confirm step of deleting an absence: whose, which days, the reason a closed month needs, the button. */
export function deleteAbsencePage(
  view: AdminView,
  data: { rosterId: string; roster: Roster; absence: StoredAbsence; form: Form; error?: unknown },
) {
  const { language } = view;
  const t = translator(language);
  const { absence, roster } = data;
  const member = roster.members.find((candidate) => candidate.id === absence.memberId);
  const who = member ? memberName(member, language) : absence.memberId;
  const days = `${formatDate(absence.from)} – ${formatDate(absence.to)}`;
  const back = `/admin/rosters/${data.rosterId}/absences`;
  return html`${data.error ? errorBox(data.error, language, { roster, inline: ['correctionReason'] }) : ''}
<p class="card"><strong>${who}</strong>, ${reasonText(absence.reason, language)}: ${days}</p>
<p>${t('Xoá ngày vắng này? Các ca trực thay tương ứng sẽ trả lại cho người trực theo lịch; lịch và đường liên kết được cập nhật theo.', 'Delete this absence? The covers it caused go back to the scheduled officer; rosters and feeds follow.')}</p>
<form class="stack" method="post" action="${withLang(`/admin/rosters/${data.rosterId}/absences/${absence.id}/delete`, language)}">${csrfInput(view)}
<label>${t('Lý do sửa tháng đã chốt (chỉ khi tháng đã chốt số liệu)', 'Why a closed month is changed (only when the month is closed)')}<input name="correctionReason" maxlength="500" value="${data.form.correctionReason ?? ''}">${fieldError(data.error, 'correctionReason', language, roster)}</label>
<div class="buttons"><button class="danger" type="submit">${t('Xoá', 'Delete')}</button>
<a class="button secondary" href="${withLang(back, language)}">${t('Huỷ', 'Cancel')}</a></div></form>`;
}
