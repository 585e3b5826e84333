/** The public shape of a slot, shared by the CLI's JSON/CSV output and the API: ids plus readable names. */
import { eventTitle, hoursProvisional } from './event-text.ts';
import type { Roster } from './roster-schema.ts';
import type { DutySlot } from './slot.ts';
import { type Language, memberName, weekdayName } from './vietnamese.ts';

export function slotView(roster: Roster, slot: DutySlot, language: Language = 'vi') {
  const member = roster.members.find((candidate) => candidate.id === slot.memberId);
  return {
    date: slot.date,
    weekday: weekdayName(slot.date, language),
    position: slot.position,
    memberId: slot.memberId,
    memberName: member ? memberName(member, language) : null,
    kind: slot.kind,
    coversFor: slot.coversFor,
    reason: slot.reason,
    regularMemberId: slot.regularMemberId,
    makeupFor: slot.makeupFor,
    swappedWith: slot.swappedWith,
    note: slot.note,
    start: slot.start,
    end: slot.end,
    /** false while the season's hours are a norm the province has not confirmed (shown as "dự kiến"). */
    hoursConfirmed: !hoursProvisional(roster, slot),
    key: slot.key,
    title: eventTitle(roster, slot, language),
  };
}

export type SlotView = ReturnType<typeof slotView>;
