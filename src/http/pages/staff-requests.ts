/**
 * The requests part of an officer's staff page: what they asked for and where it stands (with the manager's reason),
 * the swaps colleagues propose to them, the form to propose a swap and a link to the absence form. The absence form
 * has a page of its own (absence-request-page.ts) so that the staff page, which colleagues' links show too, never
 * carries the names of sensitive reasons. Every form carries the page's form token; every answer comes back here
 * (Post/Redirect/Get).
 */
import { html } from 'hono/html';
import { reasonText } from '../../domain/event-text.ts';
import type { SlotRef } from '../../domain/facts-schema.ts';
import type { Member } from '../../domain/roster-schema.ts';
import {
  declinedByColleague,
  type RequestState,
  type StaffRequest,
} from '../../domain/staff-request.ts';
import {
  formatDate,
  formatDayAndDate,
  type Language,
  memberName,
} from '../../domain/vietnamese.ts';
import type { StaffSlot } from '../../services/staff-schedule.ts';
import type { StoredRoster } from '../../storage/records.ts';
import { errorBox } from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';

export interface StaffRequestsView {
  token: string;
  formToken: string;
  memberId: string;
  rosters: readonly StoredRoster[];
  /** The officer's coming duties, to choose one to swap. */
  duties: readonly StaffSlot[];
  requests: readonly StaffRequest[];
  error?: unknown;
  /** Set after a successful post: what was done. */
  done?: string | undefined;
  language: Language;
}

/** A request's state as officers and managers read it. */
export const STATE_TEXT: Record<RequestState, [string, string]> = {
  proposed: ['Chờ đồng nghiệp đồng ý', 'Waiting for the colleague'],
  pending: ['Chờ duyệt', 'Waiting for approval'],
  approved: ['Đã duyệt', 'Approved'],
  declined: ['Không duyệt', 'Declined'],
  withdrawn: ['Đã rút', 'Withdrawn'],
};

const DONE_TEXT: Record<string, [string, string]> = {
  absence: ['Đã gửi đề nghị nghỉ; xin chờ duyệt.', 'Your absence request was sent for approval.'],
  swap: ['Đã gửi đề nghị đổi ca cho đồng nghiệp.', 'Your swap proposal was sent to the colleague.'],
  withdraw: ['Đã rút đề nghị.', 'The request was withdrawn.'],
  accept: ['Đã đồng ý đổi ca.', 'You accepted the swap.'],
  decline: ['Đã từ chối đề nghị đổi ca.', 'You declined the swap.'],
};

function nameOf(view: StaffRequestsView, memberId: string): string {
  const member = view.rosters
    .flatMap((stored) => stored.roster.members)
    .find((candidate) => candidate.id === memberId);
  return member ? memberName(member, view.language) : memberId;
}

const slotText = (ref: SlotRef, language: Language) => formatDayAndDate(ref.date, language);

function requestText(view: StaffRequestsView, request: StaffRequest): string {
  const t = translator(view.language);
  const { detail } = request;
  if (detail.kind === 'absence') {
    const { absence } = detail;
    const days =
      absence.from === absence.to
        ? formatDate(absence.from)
        : `${formatDate(absence.from)} – ${formatDate(absence.to)}`;
    return `${t('Nghỉ', 'Absence')} ${days}: ${reasonText(absence.reason, view.language)}`;
  }
  const { first, second } = detail.swap;
  const mine = request.memberId === view.memberId;
  const other = nameOf(view, mine ? (request.colleagueId ?? '') : request.memberId);
  return mine
    ? t(
        `Đổi ca ${slotText(first, 'vi')} lấy ca ${slotText(second, 'vi')} của ${other}`,
        `Swap ${slotText(first, 'en')} for ${other}’s ${slotText(second, 'en')}`,
      )
    : t(
        `${other} đề nghị đổi ca ${slotText(first, 'vi')} lấy ca ${slotText(second, 'vi')} của Ông/Bà`,
        `${other} offers ${slotText(first, 'en')} for your ${slotText(second, 'en')}`,
      );
}

function actionForm(view: StaffRequestsView, request: StaffRequest, action: string, label: string) {
  const path = withLang(`/my/${view.token}/requests/${request.id}/${action}`, view.language);
  return html`<form method="post" action="${path}"><input type="hidden" name="form" value="${view.formToken}"><button type="submit" class="${action === 'withdraw' ? 'secondary' : ''}">${label}</button></form>`;
}

/** The colleague's answer to a proposal: accept it, or decline it with a note the requester reads. */
function answerForms(view: StaffRequestsView, request: StaffRequest): Markup {
  const t = translator(view.language);
  const path = withLang(`/my/${view.token}/requests/${request.id}/decline`, view.language);
  return html`${actionForm(view, request, 'accept', t('Đồng ý đổi ca', 'Accept the swap'))}
<details><summary>${t('Không đồng ý đổi ca', 'Decline the swap')}</summary><form class="stack" method="post" action="${path}"><input type="hidden" name="form" value="${view.formToken}">
<label>${t('Ghi chú cho người đề nghị (không bắt buộc)', 'A note for the colleague (optional)')}<input name="note" maxlength="500"></label>
<button type="submit" class="danger">${t('Từ chối đổi ca', 'Decline')}</button></form></details>`;
}

/** A request's state; a swap the colleague declined says so, not as a manager's refusal. */
function stateText(view: StaffRequestsView, request: StaffRequest, mine: boolean): string {
  const t = translator(view.language);
  if (declinedByColleague(request))
    return mine
      ? t('Đồng nghiệp không đồng ý đổi ca', 'The colleague declined')
      : t('Ông/Bà đã từ chối', 'You declined');
  const [vi, en] = STATE_TEXT[request.state];
  return t(vi, en);
}

function requestItem(view: StaffRequestsView, request: StaffRequest): Markup {
  const t = translator(view.language);
  const mine = request.memberId === view.memberId;
  const open = request.state === 'proposed' || request.state === 'pending';
  return html`<li class="card request ${request.state}"><span class="when">${requestText(view, request)}</span><br>
<span class="state">${stateText(view, request, mine)}</span>${request.decisionReason ? html` — <span class="muted">${request.decisionReason}</span>` : ''}
${mine && open ? actionForm(view, request, 'withdraw', t('Rút đề nghị', 'Withdraw')) : ''}
${!mine && request.state === 'proposed' ? answerForms(view, request) : ''}</li>`;
}

/** Which roster a request is for: a choice only for an officer on several rosters. */
export function rosterField(rosters: readonly StoredRoster[], language: Language) {
  const t = translator(language);
  if (rosters.length === 1)
    return html`<input type="hidden" name="rosterId" value="${rosters[0]?.id}">`;
  return html`<label>${t('Lịch trực', 'Roster')}<select name="rosterId">${rosters.map((stored) => html`<option value="${stored.id}">${stored.roster.name}</option>`)}</select></label>`;
}

function swapForm(view: StaffRequestsView) {
  const t = translator(view.language);
  const colleagues = new Map<string, Member>();
  for (const stored of view.rosters)
    for (const member of stored.roster.members)
      if (member.id !== view.memberId) colleagues.set(member.id, member);
  const action = withLang(`/my/${view.token}/requests/swap`, view.language);
  return html`<form class="stack card" method="post" action="${action}"><input type="hidden" name="form" value="${view.formToken}">${rosterField(view.rosters, view.language)}
<label>${t('Ca của tôi', 'My duty')}<select name="mine">${view.duties.map(({ slot }) => html`<option value="${slot.date}/${slot.position}">${formatDayAndDate(slot.date, view.language)}</option>`)}</select></label>
<label>${t('Đổi với', 'Swap with')}<select name="colleagueId">${[...colleagues.values()].map((member) => html`<option value="${member.id}">${memberName(member, view.language)}</option>`)}</select></label>
<label>${t('Ngày trực của đồng nghiệp', 'The colleague’s duty day')}<input type="date" name="theirs" required></label>
<label>${t('Ghi chú', 'Note')}<input name="note" maxlength="500"></label>
<button type="submit">${t('Đề nghị đổi ca', 'Propose the swap')}</button></form>`;
}

export function staffRequests(view: StaffRequestsView): Markup {
  const t = translator(view.language);
  const done = view.done ? DONE_TEXT[view.done] : undefined;
  return html`<h2 id="yeu-cau">${t('Đề nghị nghỉ, đổi ca', 'Absence and swap requests')}</h2>
${view.error ? errorBox(view.error, view.language) : ''}${done ? html`<p class="notice" role="status">${t(...done)}</p>` : ''}
${view.requests.length > 0 ? html`<ul class="duty requests">${view.requests.map((request) => requestItem(view, request))}</ul>` : html`<p class="card">${t('Chưa có đề nghị nào.', 'No request yet.')}</p>`}
<div class="buttons"><a class="button" href="${withLang(`/my/${view.token}/requests/absence`, view.language)}">${t('Đề nghị nghỉ', 'Ask for an absence')}</a></div>
${view.duties.length > 0 ? html`<details${view.error ? ' open' : ''}><summary>${t('Đề nghị đổi ca', 'Propose a swap')}</summary>${swapForm(view)}</details>` : ''}`;
}
