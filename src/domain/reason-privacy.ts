/**
 * Who may read why someone is away. Health and private matters are sensitive personal data (Decree 13/2023, Law
 * 91/2025), so a sick or personal absence reads as plain "vắng" / "away" to everyone but the absent member and the
 * people who manage the roster. Public reasons are the ones the assignment letter itself names as routine:
 * `leave` (nghỉ phép, annual leave everyone is entitled to: it says nothing about health or private life),
 * `training` (học tập, bồi dưỡng, ordered by a decision) and `business` (đi công tác). `other` is sensitive because
 * nobody knows what it hides. This is the one place the rule lives; every output grades its slots through it.
 */
import type { AbsenceReason } from './facts-schema.ts';
import type { DutySlot } from './slot.ts';

export type ReasonGrade = 'public' | 'sensitive';

export const REASON_GRADES = {
  leave: 'public',
  training: 'public',
  business: 'public',
  sick: 'sensitive',
  personal: 'sensitive',
  other: 'sensitive',
} as const satisfies Record<AbsenceReason, ReasonGrade>;

/**
 * Who reads an output: the people managing the roster (admin pages and API), one member (their own feed and page:
 * they see their own reasons, and only the graded reasons of others), or anyone else (colleagues' feeds and pages,
 * the roster feed, pushed calendars, exported reports).
 */
export type Reader =
  | { kind: 'manager' }
  | { kind: 'member'; memberId: string }
  | { kind: 'others' };

export const MANAGER: Reader = { kind: 'manager' };
export const OTHERS: Reader = { kind: 'others' };

/** `other` is written "vắng" / "away": it names the absence without saying anything about why. */
export const WITHHELD_REASON: AbsenceReason = 'other';

/** The reason `reader` may see for `absentMemberId`'s absence. */
export function shownReason(
  reason: AbsenceReason,
  absentMemberId: string | null,
  reader: Reader,
): AbsenceReason {
  if (REASON_GRADES[reason] === 'public' || reader.kind === 'manager') return reason;
  if (reader.kind === 'member' && absentMemberId !== null && reader.memberId === absentMemberId)
    return reason;
  return WITHHELD_REASON;
}

/** The slot as `reader` may see it: the same slot, or a copy whose sensitive reason reads "vắng". */
export function gradeSlot(slot: DutySlot, reader: Reader): DutySlot {
  if (slot.reason === null) return slot;
  const reason = shownReason(slot.reason, slot.coversFor, reader);
  return reason === slot.reason ? slot : { ...slot, reason };
}

export function gradeSlots(slots: readonly DutySlot[], reader: Reader): DutySlot[] {
  return slots.map((slot) => gradeSlot(slot, reader));
}
