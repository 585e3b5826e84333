/**
 * Duty records for the annual evaluation: from the slots of a range, what each member was scheduled for, what they
 * actually served, the covers they gave and received, the slots they served by override or swap and their slots
 * nobody served; for the roster, the share of slots served and how evenly covers fell. Pure, and every number is a
 * count of slots (one desk-day each), so a person can check it against the month grid.
 *
 * Invariants: a slot counts once in `scheduled` (for the member the weekly pattern names) and at most once in
 * `served` (for whoever served it), so the members' `scheduled` add up to the roster's `slots` and their `served`
 * to its `served`; every cover is one member's `coversGiven` and another's `coversReceived`, so those totals match.
 */
import { compileRoster } from './compile-roster.ts';
import { type AbsenceSpan, coverSpread } from './cover-spread.ts';
import type { IsoDate } from './dates.ts';
import type { AbsenceReason } from './facts-schema.ts';
import type { Member, Position, Roster } from './roster-schema.ts';
import type { DutySlot } from './slot.ts';
import { compareVietnameseNames, memberName } from './vietnamese.ts';

export interface CoverGiven {
  date: IsoDate;
  position: Position;
  /** Whose slot it was. */
  forMemberId: string;
  reason: AbsenceReason | null;
}

export interface CoverReceived {
  date: IsoDate;
  position: Position;
  /** Who served instead (a day nobody could serve is listed under `uncovered`, not here). */
  byMemberId: string;
  reason: AbsenceReason | null;
}

export interface OverrideServed {
  date: IsoDate;
  position: Position;
  /** Whose slot it was before the override or swap. */
  insteadOfMemberId: string | null;
  /** Set when a swap, not an override, put them there: the date of the other slot. */
  swappedWith: IsoDate | null;
  note: string | null;
}

export interface UncoveredSlot {
  date: IsoDate;
  position: Position;
  reason: AbsenceReason | null;
}

export interface MemberDutyRecord {
  memberId: string;
  /** With the honorific, in Vietnamese: `Bà Nguyễn Mạnh Hà`. */
  memberName: string;
  /** The member, when the roster still lists them (a locked month may name someone who has since left). */
  member: Member | null;
  /** Slots the weekly pattern gave them, làm bù Saturdays included, whoever ended up serving. */
  scheduled: number;
  /** Slots they actually served, of any kind. */
  served: number;
  coversGiven: CoverGiven[];
  coversReceived: CoverReceived[];
  overrides: OverrideServed[];
  uncovered: UncoveredSlot[];
}

export interface RosterDutySummary {
  slots: number;
  served: number;
  covers: number;
  overrides: number;
  uncovered: number;
  /** served / slots; null when the range has no slot. */
  coverageRate: number | null;
  /**
   * Most covers given minus fewest, among the pool members who could have taken every cover, per fairness window
   * (period and year, as the rotation counts); the largest over the range. 0 with fewer than two to compare.
   */
  coverSpread: number;
  /** The members `coverSpread` compares. */
  coverSpreadAmong: string[];
  /** Who may cover in the periods the slots belong to, in roster order. */
  coverPool: string[];
}

export interface DutyReport {
  /** In Vietnamese name order (given name first, `compareVietnameseNames`). */
  members: MemberDutyRecord[];
  roster: RosterDutySummary;
}

/** `absences`, when known, tell who was away on a day they had no duty (else only the slots say who was away). */
export function buildDutyReport(
  roster: Roster,
  slots: readonly DutySlot[],
  absences: readonly AbsenceSpan[] = [],
): DutyReport {
  const records = new Map<string, MemberDutyRecord>();
  const recordOf = (id: string): MemberDutyRecord => {
    let record = records.get(id);
    if (!record) {
      const member = roster.members.find((candidate) => candidate.id === id) ?? null;
      record = {
        memberId: id,
        memberName: member ? memberName(member) : id,
        member,
        scheduled: 0,
        served: 0,
        coversGiven: [],
        coversReceived: [],
        overrides: [],
        uncovered: [],
      };
      records.set(id, record);
    }
    return record;
  };
  for (const member of roster.members) recordOf(member.id);

  const totals = { slots: 0, served: 0, covers: 0, overrides: 0, uncovered: 0 };
  for (const slot of slots) {
    totals.slots++;
    recordOf(slot.regularMemberId).scheduled++;
    if (slot.memberId) {
      totals.served++;
      recordOf(slot.memberId).served++;
    }
    tallyKind(slot, recordOf, totals);
  }

  const pools = new Map(
    compileRoster(roster).periods.map((period) => [period.period.id, period.pool]),
  );
  const spread = coverSpread(slots, (periodId) => pools.get(periodId) ?? [], absences);
  const members = [...records.values()].sort((a, b) =>
    compareVietnameseNames(a.member?.fullName ?? a.memberName, b.member?.fullName ?? b.memberName),
  );
  return {
    members,
    roster: {
      ...totals,
      coverageRate: totals.slots === 0 ? null : totals.served / totals.slots,
      coverSpread: spread.spread,
      coverSpreadAmong: spread.members,
      coverPool: coverPool(roster, slots),
    },
  };
}

/**
 * The lists a slot adds to, by its kind; regular and làm bù slots add to none. A day nobody could serve is the
 * owner's `uncovered`, not a cover they received.
 */
function tallyKind(
  slot: DutySlot,
  recordOf: (id: string) => MemberDutyRecord,
  totals: { covers: number; overrides: number; uncovered: number },
): void {
  const { date, position, reason } = slot;
  const owner = slot.coversFor ?? slot.regularMemberId;
  if (slot.kind === 'cover' && slot.memberId) {
    totals.covers++;
    recordOf(slot.memberId).coversGiven.push({ date, position, forMemberId: owner, reason });
    recordOf(owner).coversReceived.push({ date, position, byMemberId: slot.memberId, reason });
  } else if (slot.kind === 'uncovered') {
    totals.uncovered++;
    recordOf(owner).uncovered.push({ date, position, reason });
  } else if (slot.kind === 'override' && slot.memberId) {
    totals.overrides++;
    recordOf(slot.memberId).overrides.push({
      date,
      position,
      insteadOfMemberId: slot.coversFor,
      swappedWith: slot.swappedWith,
      note: slot.note,
    });
  }
}

/** The union of the cover pools of the periods the slots fall in, in roster order. */
function coverPool(roster: Roster, slots: readonly DutySlot[]): string[] {
  const periods = new Set(slots.map((slot) => slot.periodId));
  const members = new Set(
    compileRoster(roster)
      .periods.filter((period) => periods.has(period.period.id))
      .flatMap((period) => period.pool),
  );
  return roster.members.map((member) => member.id).filter((id) => members.has(id));
}
