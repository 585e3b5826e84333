/**
 * Who is scheduled on a day once overrides and swaps are applied, before absences are looked at. Facts that cannot
 * apply (an override on a closed day, an ambiguous position) become conflicts instead of being dropped.
 */
import type { ScheduledDay } from './compile-roster.ts';
import type { IsoDate } from './dates.ts';
import type { SlotRef } from './facts-schema.ts';
import type { FactsIndex } from './facts-index.ts';
import type { Assignment } from './roster-schema.ts';
import type { ExpansionConflict } from './slot.ts';

export interface PlannedSlot {
  assignment: Assignment;
  /** The member the pattern, a swap or an override puts on this slot. */
  memberId: string;
  source: 'pattern' | 'swap' | 'override';
  swappedWith: IsoDate | null;
  note: string | null;
}

export interface PlanContext {
  facts: FactsIndex;
  memberIds: ReadonlySet<string>;
  scheduleOf(date: IsoDate): ScheduledDay;
}

/** The assignment of `day` that `ref` names, or a reason it names none. */
export function matchRef(
  assignments: readonly Assignment[],
  ref: SlotRef,
): Assignment | 'closed' | 'ambiguous' | 'missing' {
  if (assignments.length === 0) return 'closed';
  if (!ref.position) return assignments.length === 1 ? assignments[0]! : 'ambiguous';
  return assignments.find((assignment) => assignment.position === ref.position) ?? 'missing';
}

export function planDay(
  ctx: PlanContext,
  date: IsoDate,
  day: ScheduledDay,
  conflicts: ExpansionConflict[],
): PlannedSlot[] {
  const planned = day.assignments.map(
    (assignment): PlannedSlot => ({
      assignment,
      memberId: assignment.memberId,
      source: 'pattern',
      swappedWith: null,
      note: null,
    }),
  );
  const conflict = (
    ref: SlotRef,
    code: ExpansionConflict['code'],
    message: string,
    memberId?: string,
  ) =>
    conflicts.push({
      date,
      position: ref.position ?? null,
      code,
      message,
      ...(memberId ? { memberId } : {}),
    });
  const slotFor = (ref: SlotRef, what: string) => {
    const match = matchRef(day.assignments, ref);
    if (typeof match !== 'string') return planned.find((slot) => slot.assignment === match)!;
    if (match === 'ambiguous')
      conflict(
        ref,
        'override-ambiguous',
        `${what} on ${date} must name a position: the day has several slots`,
      );
    else
      conflict(
        ref,
        match === 'closed' ? 'override-on-closed-day' : 'slot-missing',
        `${what} on ${date} matches no duty slot`,
      );
    return null;
  };

  // One person cannot hold two desks at once: a fact that would double-book someone is reported, not applied.
  const doubleBooks = (slot: PlannedSlot, memberId: string, ref: SlotRef, what: string) => {
    const clash = planned.some((other) => other !== slot && other.memberId === memberId);
    if (clash)
      conflict(
        ref,
        'double-booked',
        `${what} on ${date} would give "${memberId}" two slots that day`,
        memberId,
      );
    return clash;
  };

  for (const side of ctx.facts.swapsOn(date)) {
    const slot = slotFor(side.self, 'swap');
    const otherMatch = matchRef(ctx.scheduleOf(side.other.date).assignments, side.other);
    if (!slot) continue;
    if (typeof otherMatch === 'string') {
      conflict(
        side.self,
        'swap-unmatched',
        `swap partner ${side.other.date} has no matching duty slot`,
      );
      continue;
    }
    if (doubleBooks(slot, otherMatch.memberId, side.self, 'swap')) continue;
    Object.assign(slot, {
      memberId: otherMatch.memberId,
      source: 'swap',
      swappedWith: side.other.date,
      note: side.swap.note ?? null,
    });
  }

  for (const override of ctx.facts.overridesOn(date)) {
    const slot = slotFor(override, 'override');
    if (!slot) continue;
    if (!ctx.memberIds.has(override.memberId)) {
      conflict(
        override,
        'unknown-member',
        `override on ${date} names "${override.memberId}", who is not in the roster`,
        override.memberId,
      );
    } else if (ctx.facts.absenceOf(override.memberId, date)) {
      conflict(
        override,
        'override-member-absent',
        `override on ${date} names "${override.memberId}", who is absent that day`,
        override.memberId,
      );
    } else if (!doubleBooks(slot, override.memberId, override, 'override')) {
      Object.assign(slot, {
        memberId: override.memberId,
        source: 'override',
        swappedWith: null,
        note: override.note ?? null,
      });
    }
  }
  return planned;
}
