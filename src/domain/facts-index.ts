/** Lookups over a roster's facts, built once per expansion so each day costs a few map reads. */
import { type IsoDate, addDays, maxDate, minDate } from './dates.ts';
import type { Absence, Override, RosterFacts, SlotRef, Swap } from './facts-schema.ts';

export interface SwapSide {
  swap: Swap;
  self: SlotRef;
  other: SlotRef;
}

export interface FactsIndex {
  absenceOf(memberId: string, date: IsoDate): Absence | undefined;
  /** True when anyone is absent on `date`: most days nobody is, and expansion skips the cover work for them. */
  anyAbsenceOn(date: IsoDate): boolean;
  /** Dates in [from, to] (inclusive) on which at least one member is absent, ascending. */
  absenceDates(from: IsoDate, to: IsoDate): IsoDate[];
  overridesOn(date: IsoDate): Override[];
  swapsOn(date: IsoDate): SwapSide[];
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export function indexFacts(facts: RosterFacts): FactsIndex {
  const absencesByMember = groupBy(facts.absences, (absence) => absence.memberId);
  const overridesByDate = groupBy(facts.overrides, (override) => override.date);
  const swapSides = facts.swaps.flatMap((swap): SwapSide[] => [
    { swap, self: swap.first, other: swap.second },
    { swap, self: swap.second, other: swap.first },
  ]);
  const swapsByDate = groupBy(swapSides, (side) => side.self.date);
  let absenceDays: Set<IsoDate> | undefined;

  return {
    absenceOf(memberId, date) {
      return absencesByMember
        .get(memberId)
        ?.find((absence) => absence.from <= date && date <= absence.to);
    },
    anyAbsenceOn(date) {
      if (!absenceDays) {
        absenceDays = new Set();
        for (const absence of facts.absences) {
          for (let day = absence.from; day <= absence.to; day = addDays(day, 1))
            absenceDays.add(day);
        }
      }
      return absenceDays.has(date);
    },
    absenceDates(from, to) {
      const dates = new Set<IsoDate>();
      for (const absence of facts.absences) {
        const last = minDate(absence.to, to);
        for (let day = maxDate(absence.from, from); day <= last; day = addDays(day, 1))
          dates.add(day);
      }
      return [...dates].sort();
    },
    overridesOn: (date) => overridesByDate.get(date) ?? [],
    swapsOn: (date) => swapsByDate.get(date) ?? [],
  };
}
