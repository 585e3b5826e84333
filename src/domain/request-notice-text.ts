/**
 * The words of the notices of staff requests, in Vietnamese: the roster's admins are told of a request waiting for
 * their decision, the colleague asked to take a swap is told of it, the requester of the decision (with the
 * manager's note). Each reader sees reasons as the one privacy rule allows: the admins and the requester read the
 * requester's own reason; a colleague reads someone else's sensitive reason as "vắng".
 */
import { reasonText } from './event-text.ts';
import { insteadOf, type NoticeMessage, nameOf, noticeMessage, slotHours } from './notice-text.ts';
import { MANAGER, type Reader, shownReason } from './reason-privacy.ts';
import type { Roster } from './roster-schema.ts';
import type { DutySlot } from './slot.ts';
import type { RequestState, StaffRequest } from './staff-request.ts';
import { formatDayAndDate } from './vietnamese.ts';

/** A step of a request's life that somebody is told of. */
export type RequestStep =
  | 'filed'
  | 'proposed'
  | 'accepted'
  /** The colleague said no to a proposed swap (decline-swap.ts). */
  | 'refused'
  | 'approved'
  | 'declined'
  | 'withdrawn';

export interface RequestNoticeEvent {
  step: RequestStep;
  /** The request as the step left it. */
  request: StaffRequest;
  /** Its state before the step (who had been told of it). */
  before: RequestState | null;
}

export type Audience = 'admins' | 'requester' | 'colleague';

/** Who is told of each step: only the people who must act or whose request it is. */
export function audiencesOf(event: RequestNoticeEvent): Audience[] {
  const swap = event.request.detail.kind === 'swap';
  switch (event.step) {
    case 'filed':
      return ['admins'];
    case 'proposed':
      return ['colleague'];
    case 'accepted':
      return ['admins', 'requester'];
    case 'refused':
    case 'approved':
    case 'declined':
      return ['requester'];
    case 'withdrawn':
      return [
        ...(event.before === 'pending' ? (['admins'] as const) : []),
        ...(swap ? (['colleague'] as const) : []),
      ];
  }
}

/**
 * `Thứ Tư 09/12/2026 (07:30–12:00, 13:00–16:30; trực thay Bà … (vắng))` while the slot is still `memberId`'s; the day
 * alone once it is not (after the swap was recorded).
 */
function dutyText(
  roster: Roster,
  slot: DutySlot | undefined,
  date: string,
  memberId: string,
  reader: Reader,
) {
  const day = formatDayAndDate(date);
  if (!slot || slot.memberId !== memberId) return day;
  const cover = insteadOf(roster, slot, reader);
  return `${day} (${slotHours(slot)}${cover ? `; trực${cover}` : ''})`;
}

/** What was asked: `nghỉ Thứ Hai 14/12/2026 (nghỉ ốm)` or `đổi ca … của X lấy ca … của Y`. */
export function requestText(
  roster: Roster,
  request: StaffRequest,
  slots: readonly DutySlot[],
  reader: Reader,
): string {
  const { detail } = request;
  if (detail.kind === 'absence') {
    const { from, to, reason } = detail.absence;
    const days =
      from === to
        ? formatDayAndDate(from)
        : `từ ${formatDayAndDate(from)} đến ${formatDayAndDate(to)}`;
    return `nghỉ ${days} (${reasonText(shownReason(reason, request.memberId, reader))})`;
  }
  const { first, second } = detail.swap;
  const slotOf = (date: string, position: string | undefined) =>
    slots.find((slot) => slot.date === date && slot.position === position);
  const colleague = request.colleagueId ?? '';
  const mine = dutyText(
    roster,
    slotOf(first.date, first.position),
    first.date,
    request.memberId,
    reader,
  );
  const theirs = dutyText(
    roster,
    slotOf(second.date, second.position),
    second.date,
    colleague,
    reader,
  );
  return `đổi ca trực ${mine} của ${nameOf(roster, request.memberId)} lấy ca ${theirs} của ${nameOf(roster, colleague)}`;
}

const SUBJECTS: Record<RequestStep, string> = {
  filed: 'Đề nghị nghỉ trực chờ duyệt',
  proposed: 'Đề nghị đổi ca trực',
  accepted: 'Đề nghị đổi ca trực chờ duyệt',
  refused: 'Đề nghị đổi ca trực không được đồng ý',
  approved: 'Đề nghị đã được duyệt',
  declined: 'Đề nghị không được duyệt',
  withdrawn: 'Đề nghị đã được rút lại',
};

function sentence(roster: Roster, event: RequestNoticeEvent, audience: Audience, asked: string) {
  const { request } = event;
  const who = nameOf(roster, request.memberId);
  const colleague = nameOf(roster, request.colleagueId);
  const note = request.decisionReason ? ` Ghi chú của người duyệt: ${request.decisionReason}` : '';
  switch (event.step) {
    case 'filed':
    case 'accepted':
      if (audience === 'requester')
        return `${colleague} đã đồng ý đề nghị ${asked}; đề nghị đang chờ duyệt.`;
      return `${who} đề nghị ${asked}. Xin duyệt hoặc từ chối trên trang quản trị, mục Đề nghị.`;
    case 'proposed':
      return `${who} đề nghị ${asked}. Nếu đồng ý, xin bấm Đồng ý trên trang lịch trực của mình.`;
    case 'refused':
      return `${colleague} không đồng ý đề nghị ${asked}.${request.decisionReason ? ` Ghi chú: ${request.decisionReason}` : ''}`;
    case 'approved':
      return `Đề nghị ${asked} đã được duyệt.${note}`;
    case 'declined':
      return `Đề nghị ${asked} không được duyệt.${note}`;
    case 'withdrawn':
      return `${who} đã rút lại đề nghị ${asked}; không cần làm gì thêm.`;
  }
}

/** The notice of `event` to one audience (`memberId`: the member it goes to, for the requester and the colleague). */
export function requestNotice(
  roster: Roster,
  event: RequestNoticeEvent,
  audience: Audience,
  slots: readonly DutySlot[],
): NoticeMessage {
  const { request } = event;
  const memberId = audience === 'colleague' ? request.colleagueId : request.memberId;
  const reader: Reader =
    audience === 'admins' ? MANAGER : { kind: 'member', memberId: memberId ?? '' };
  const asked = requestText(roster, request, slots, reader);
  const greeting =
    audience === 'admins'
      ? 'Kính gửi quản trị lịch trực,'
      : `Kính gửi ${nameOf(roster, memberId)},`;
  const subject = `${SUBJECTS[event.step]}: ${nameOf(roster, request.memberId)}`;
  return noticeMessage(roster, `${subject} (${roster.desk.title})`, greeting, [
    sentence(roster, event, audience, asked),
  ]);
}
