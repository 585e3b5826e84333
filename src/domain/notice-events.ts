/**
 * Webhook events (Standard Webhooks payload shape `{ type, timestamp, data }`): one per changed slot, one reminder per
 * member and slot of tomorrow, one digest per roster and week. A receiver can bridge them to a group chat, so a
 * sensitive reason is written as `other` (away), never as it was recorded.
 */
import { OTHERS, shownReason } from './reason-privacy.ts';
import { slotHours, slotPlace } from './notice-text.ts';
import type { Roster } from './roster-schema.ts';
import type { SlotChange } from './slot-diff.ts';
import type { DutySlot } from './slot.ts';
import { memberName } from './vietnamese.ts';

export const NOTICE_EVENT_TYPES = [
  'duty.changed',
  'duty.uncovered',
  'duty.reminder',
  'digest.weekly',
] as const;
export type NoticeEventType = (typeof NOTICE_EVENT_TYPES)[number];

export interface NoticeEvent {
  type: NoticeEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

function serving(roster: Roster, slot: DutySlot | null) {
  if (!slot) return null;
  const member = roster.members.find((candidate) => candidate.id === slot.memberId);
  return {
    kind: slot.kind,
    memberId: slot.memberId,
    memberName: member ? memberName(member) : null,
    coversFor: slot.coversFor,
    reason: slot.reason && shownReason(slot.reason, slot.coversFor, OTHERS),
  };
}

function slotFields(roster: Roster, slot: DutySlot) {
  return {
    key: slot.key,
    date: slot.date,
    position: slot.position,
    start: slot.start,
    end: slot.end,
    hours: slotHours(slot),
    place: slotPlace(roster, slot),
  };
}

export function slotChangeEvent(
  roster: Roster,
  change: SlotChange,
  timestamp: string,
): NoticeEvent {
  const slot = (change.after ?? change.before)!;
  return {
    type: change.after?.kind === 'uncovered' ? 'duty.uncovered' : 'duty.changed',
    timestamp,
    data: {
      rosterId: roster.id,
      slot: slotFields(roster, slot),
      before: serving(roster, change.before),
      after: serving(roster, change.after),
    },
  };
}

/** Tomorrow's duty of one member: `{ rosterId, slot, member }`. */
export function reminderEvent(roster: Roster, slot: DutySlot, timestamp: string): NoticeEvent {
  return {
    type: 'duty.reminder',
    timestamp,
    data: { rosterId: roster.id, slot: slotFields(roster, slot), member: serving(roster, slot) },
  };
}

/** Next week's desk: `{ rosterId, week: { from, to }, slots: [{ ...slot, member }] }`, Monday to Sunday inclusive. */
export function digestEvent(
  roster: Roster,
  week: { from: string; to: string },
  slots: readonly DutySlot[],
  timestamp: string,
): NoticeEvent {
  return {
    type: 'digest.weekly',
    timestamp,
    data: {
      rosterId: roster.id,
      week,
      slots: slots.map((slot) => ({ ...slotFields(roster, slot), member: serving(roster, slot) })),
    },
  };
}
