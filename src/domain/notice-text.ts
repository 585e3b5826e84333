/**
 * The words of a notice, in Vietnamese: "Ông Nguyễn Văn Luyện trực thay Bà Nguyễn Mạnh Hà (đi học tập, bồi dưỡng)
 * vào Thứ Tư 09/12/2026, 07:30–12:00, 13:00–16:30, tại Trung tâm …". Dates dd/MM/yyyy, hours of the season in force,
 * the place in force on that day. A sensitive reason is written only for the absent member and admins.
 */
import { effectiveOn } from './effective.ts';
import { reasonText } from './event-text.ts';
import type { DutyLine } from './notice-plan.ts';
import type { Roster } from './roster-schema.ts';
import { MANAGER, OTHERS, type Reader, shownReason } from './reason-privacy.ts';
import type { DutySlot } from './slot.ts';
import { formatDayAndDate, memberName } from './vietnamese.ts';

export interface NoticeMessage {
  subject: string;
  /** Plain text, also what Zalo gets (cut to its 2,000 characters). */
  text: string;
  html: string;
}

const nameOf = (roster: Roster, id: string | null) => {
  const member = roster.members.find((candidate) => candidate.id === id);
  return member ? memberName(member) : (id ?? '');
};

export function slotHours(slot: DutySlot): string {
  return slot.sessions.map((session) => `${session.start}–${session.end}`).join(', ');
}

export function slotPlace(roster: Roster, slot: DutySlot): string {
  const desk = effectiveOn(roster.desk.names, slot.date);
  return desk.address ? `${desk.location}, ${desk.address}` : desk.location;
}

const when = (roster: Roster, slot: DutySlot) =>
  `vào ${formatDayAndDate(slot.date)}, ${slotHours(slot)}, tại ${slotPlace(roster, slot)}`;

/** `thay Bà Nguyễn Mạnh Hà (đi học tập, bồi dưỡng)`, the reason as `reader` may see it. */
function insteadOf(roster: Roster, slot: DutySlot, reader: Reader): string {
  if (!slot.coversFor) return '';
  const reason = slot.reason && shownReason(slot.reason, slot.coversFor, reader);
  return ` thay ${nameOf(roster, slot.coversFor)}${reason ? ` (${reasonText(reason)})` : ''}`;
}

/** One sentence per changed slot, as the member it concerns reads it. */
export function dutyLineText(roster: Roster, line: DutyLine, reader: Reader): string {
  const { before, after } = line.change;
  if (line.role === 'gained' && after) {
    const who = nameOf(roster, after.memberId);
    const verb = after.kind === 'override' ? 'được phân công trực' : 'trực';
    return `${who} ${verb}${insteadOf(roster, after, reader)} ${when(roster, after)}.`;
  }
  const slot = before!;
  const who = nameOf(roster, slot.memberId);
  const day = `${formatDayAndDate(slot.date)} (${slotHours(slot)})`;
  if (!after) return `${who} không còn ca trực ${day}.`;
  if (after.memberId === null) return `${who} được nghỉ trực ${day}; hiện chưa có người trực thay.`;
  return `${who} được nghỉ trực ${day}; ${nameOf(roster, after.memberId)} trực thay.`;
}

function message(
  roster: Roster,
  subject: string,
  greeting: string,
  lines: string[],
): NoticeMessage {
  const footer = `${roster.name}. Thư được gửi tự động từ lịch trực; xin không trả lời thư này.`;
  const text = [greeting, '', ...lines.map((line) => `- ${line}`), '', footer].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<p style="color:#555">${escapeHtml(footer)}</p>`,
  ].join('\n');
  return { subject, text, html };
}

const datesSubject = (prefix: string, slots: readonly DutySlot[]) => {
  const first = formatDayAndDate(slots[0]!.date);
  const others = new Set(slots.map((slot) => slot.date)).size - 1;
  return `${prefix}: ${first}${others > 0 ? ` và ${others} ngày khác` : ''}`;
};

/** The notice to one member about their own duty: what they now serve, what they no longer serve. */
export function memberNotice(roster: Roster, memberId: string, lines: DutyLine[]): NoticeMessage {
  const reader: Reader = { kind: 'member', memberId };
  const slots = lines.map((line) => (line.change.after ?? line.change.before)!);
  return message(
    roster,
    datesSubject(`Thay đổi lịch trực ${roster.desk.title}`, slots),
    `Kính gửi ${nameOf(roster, memberId)},`,
    lines.map((line) => dutyLineText(roster, line, reader)),
  );
}

/** The urgent notice to the roster's admins: nobody can serve these slots. */
export function uncoveredNotice(roster: Roster, slots: DutySlot[]): NoticeMessage {
  const reader = MANAGER;
  return message(
    roster,
    datesSubject(`KHẨN: chưa có người trực ${roster.desk.title}`, slots),
    'Kính gửi quản trị lịch trực,',
    slots.map((slot) => {
      const reason = slot.reason && reasonText(shownReason(slot.reason, slot.coversFor, reader));
      const absent = slot.coversFor
        ? ` (${nameOf(roster, slot.coversFor)}${reason ? ` ${reason}` : ' vắng'})`
        : '';
      return `Chưa có người trực ${when(roster, slot)}${absent}; cần phân công người trực.`;
    }),
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The reminder the afternoon before a duty, to a member who asked for it. */
export function reminderNotice(roster: Roster, slot: DutySlot): NoticeMessage {
  const reader: Reader = slot.memberId ? { kind: 'member', memberId: slot.memberId } : OTHERS;
  const who = nameOf(roster, slot.memberId);
  return message(
    roster,
    `Nhắc lịch trực ${roster.desk.title}: ${formatDayAndDate(slot.date)}`,
    `Kính gửi ${who},`,
    [
      `${who} trực ${roster.desk.title}${insteadOf(roster, slot, reader)} ngày mai, ${when(roster, slot)}.`,
    ],
  );
}

/** Next week's desk for a group: who serves each day; private reasons read "vắng". */
export function digestNotice(
  roster: Roster,
  slots: readonly DutySlot[],
  week: string,
): NoticeMessage {
  const reader = OTHERS;
  const lines = slots.map((slot) =>
    slot.memberId
      ? `${formatDayAndDate(slot.date)}: ${nameOf(roster, slot.memberId)}${insteadOf(roster, slot, reader)}, ${slotHours(slot)}.`
      : `${formatDayAndDate(slot.date)}: chưa có người trực.`,
  );
  return message(
    roster,
    `Lịch trực ${roster.desk.title} tuần ${week}`,
    `Lịch trực ${roster.desk.title} tuần ${week}, tại ${slots[0] ? slotPlace(roster, slots[0]) : ''}:`,
    lines.length > 0 ? lines : ['Không có ngày trực nào trong tuần.'],
  );
}

/** The pieces the notices of staff requests are written with (request-notice-text.ts). */
export { insteadOf, message as noticeMessage, nameOf };
