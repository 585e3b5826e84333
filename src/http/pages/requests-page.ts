/**
 * A roster's staff requests for its managers: each pending one with the slots its approval would change (computed as
 * the approval will, nothing stored) and the forms to approve or decline it with a reason; then the swaps waiting
 * for a colleague and the requests decided lately. Managers read every reason (reason-privacy.ts).
 */
import { html } from 'hono/html';
import { reasonText } from '../../domain/event-text.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { SlotChange } from '../../domain/slot-diff.ts';
import { declinedByColleague, type StaffRequest } from '../../domain/staff-request.ts';
import {
  formatDate,
  formatDayAndDate,
  type Language,
  memberName,
} from '../../domain/vietnamese.ts';
import { type AdminView, csrfInput, errorBox, instantText } from './admin-view.ts';
import { changesTable } from './day-page.ts';
import { type Markup, translator, withLang } from './layout.ts';
import { STATE_TEXT } from './staff-requests.ts';

export interface PendingRequest {
  request: StaffRequest;
  /** The slots approving it would change, or why it cannot be approved as things stand. */
  preview: { changes: SlotChange[] } | { error: unknown };
}

export interface RequestsPageData {
  rosterId: string;
  roster: Roster;
  pending: readonly PendingRequest[];
  others: readonly StaffRequest[];
  error?: unknown;
  done?: string | undefined;
}

/** `Bà Nguyễn Mạnh Hà: nghỉ 06/05/2024 – 08/05/2024, đi học tập, bồi dưỡng` or the swap, for a manager. */
export function requestSummary(roster: Roster, request: StaffRequest, language: Language): string {
  const t = translator(language);
  const name = (memberId: string | null) => {
    const member = roster.members.find((candidate) => candidate.id === memberId);
    return member ? memberName(member, language) : (memberId ?? '');
  };
  const { detail } = request;
  if (detail.kind === 'absence') {
    const { from, to, reason } = detail.absence;
    const days = from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`;
    return `${name(request.memberId)}: ${t('nghỉ', 'away')} ${days}, ${reasonText(reason, language)}`;
  }
  const first = formatDayAndDate(detail.swap.first.date, language);
  const second = formatDayAndDate(detail.swap.second.date, language);
  return t(
    `${name(request.memberId)} đổi ca ${first} lấy ca ${second} của ${name(request.colleagueId)}`,
    `${name(request.memberId)} swaps ${first} for ${name(request.colleagueId)}’s ${second}`,
  );
}

function decisionForms(view: AdminView, rosterId: string, request: StaffRequest): Markup {
  const t = translator(view.language);
  const action = (verb: string) =>
    withLang(`/admin/rosters/${rosterId}/requests/${request.id}/${verb}`, view.language);
  return html`<form class="stack" method="post" action="${action('approve')}">${csrfInput(view)}
<label>${t('Ý kiến (không bắt buộc)', 'Comment (optional)')}<input name="reason" maxlength="500"></label>
<button type="submit">${t('Duyệt', 'Approve')}</button></form>
<form class="stack" method="post" action="${action('decline')}">${csrfInput(view)}
<label>${t('Lý do không duyệt', 'Why it is declined')}<input name="reason" maxlength="500" required></label>
<button class="danger" type="submit">${t('Không duyệt', 'Decline')}</button></form>`;
}

function pendingItem(view: AdminView, data: RequestsPageData, item: PendingRequest): Markup {
  const { request, preview } = item;
  const note =
    request.detail.kind === 'absence' ? request.detail.absence.note : request.detail.swap.note;
  return html`<li class="card request pending"><strong>${requestSummary(data.roster, request, view.language)}</strong>
${note ? html`<div class="muted">${note}</div>` : ''}<div class="muted">${instantText(request.createdAt)}</div>
${'error' in preview ? errorBox(preview.error, view.language) : changesTable(data.roster, preview.changes, view.language)}
${decisionForms(view, data.rosterId, request)}</li>`;
}

export function requestsPage(view: AdminView, data: RequestsPageData): Markup {
  const t = translator(view.language);
  const done = data.done === 'approved' || data.done === 'declined' ? data.done : undefined;
  return html`<p><a href="${withLang(`/admin/rosters/${data.rosterId}`, view.language)}">← ${data.roster.name}</a></p>
${data.error ? errorBox(data.error, view.language) : ''}${done ? html`<p class="notice" role="status">${t(...STATE_TEXT[done])}.</p>` : ''}
<h2>${t('Chờ duyệt', 'Waiting for approval')}</h2>
${data.pending.length > 0 ? html`<ul class="duty">${data.pending.map((item) => pendingItem(view, data, item))}</ul>` : html`<p class="card">${t('Không có đề nghị nào chờ duyệt.', 'No request is waiting.')}</p>`}
${
  data.others.length > 0
    ? html`<h2>${t('Các đề nghị khác', 'Other requests')}</h2><div class="scroll"><table><tbody>${data.others.map(
        (request) =>
          html`<tr><td>${requestSummary(data.roster, request, view.language)}</td><td>${declinedByColleague(request) ? t('Đồng nghiệp không đồng ý đổi ca', 'The colleague declined') : t(...STATE_TEXT[request.state])}${request.decisionReason ? html`<div class="muted">${request.decisionReason}</div>` : ''}</td><td>${instantText(request.updatedAt)}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}`;
}
