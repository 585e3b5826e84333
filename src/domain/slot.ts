/** Duty slots: what the expansion of a roster yields, and what every calendar is a projection of. */
import type { IsoDate } from './dates.ts';
import type { AbsenceReason } from './facts-schema.ts';
import type { HolidayKind, HolidayStatus } from './holiday-schema.ts';
import type { Position, Session } from './roster-schema.ts';

/**
 * regular: the pattern's member serves; cover: someone else serves because the scheduled member is absent;
 * override: an admin named who serves (or a swap exchanged two slots); makeup: a làm bù Saturday served as the
 * pattern says; uncovered: nobody can serve (memberId is null).
 */
export type SlotKind = 'regular' | 'cover' | 'override' | 'makeup' | 'uncovered';

export interface DutySlot {
  /** `rosterId/date/position`: never changes whoever serves; becomes the ICS UID and the remote event identity. */
  key: string;
  rosterId: string;
  date: IsoDate;
  position: Position;
  kind: SlotKind;
  /** Who serves; null when uncovered. */
  memberId: string | null;
  /** Who the weekly pattern names for this slot. */
  regularMemberId: string;
  /** The member whose duty this is when someone else serves it (absent, overridden or swapped away). */
  coversFor: string | null;
  /** Why `coversFor` is not serving, when an absence is the reason. */
  reason: AbsenceReason | null;
  /** On a làm bù Saturday: the weekday it makes up for. */
  makeupFor: IsoDate | null;
  /** When the slot was swapped: the date of the slot it was exchanged with. */
  swappedWith: IsoDate | null;
  /** The admin's note on an override or swap. */
  note: string | null;
  periodId: string;
  /** ISO 8601 date-times with the offset of the roster's zone, from the working hours in force that day. */
  start: string;
  end: string;
  sessions: Session[];
}

export interface ClosedDay {
  date: IsoDate;
  name: string;
  kind: HolidayKind;
  status: HolidayStatus;
}

/** Something in the facts that could not be applied as written: shown to admins, never silently dropped. */
export interface ExpansionConflict {
  date: IsoDate;
  position: Position | null;
  code:
    | 'override-on-closed-day'
    | 'override-ambiguous'
    | 'override-member-absent'
    | 'unknown-member'
    | 'slot-missing'
    | 'swap-unmatched'
    | 'double-booked';
  message: string;
  /** The member a conflict is about, when there is one (the pages name them). */
  memberId?: string;
}

export interface Expansion {
  slots: DutySlot[];
  closedDays: ClosedDay[];
  conflicts: ExpansionConflict[];
}

export function slotKey(rosterId: string, date: IsoDate, position: Position): string {
  return `${rosterId}/${date}/${position}`;
}
