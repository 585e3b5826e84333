/**
 * How evenly covers fell, measured the way the rotation shares them (cover.ts): within one fairness window (one
 * assignment period in one calendar year), among the pool members who could have taken every cover of that window
 * (not absent on its day, not serving another slot that day). A member on leave cannot cover their own days, so
 * counting them would make an exactly fair rotation look unfair; measured this way it shows 0 or 1.
 */
import type { IsoDate } from './dates.ts';
import type { Absence } from './facts-schema.ts';
import type { DutySlot } from './slot.ts';

/** The absences behind the slots, when known; slots alone show only the absent members who had a duty that day. */
export type AbsenceSpan = Pick<Absence, 'memberId' | 'from' | 'to'>;

export interface CoverSpread {
  /** Most covers minus fewest among `members`, the largest over the windows of the range (0 when nobody compares). */
  spread: number;
  /** The members compared in the window with that spread, in pool order. */
  members: string[];
}

/** `poolOf(periodId)` is the cover pool of a period, in roster order. */
export function coverSpread(
  slots: readonly DutySlot[],
  poolOf: (periodId: string) => readonly string[],
  absences: readonly AbsenceSpan[] = [],
): CoverSpread {
  const windows = new Map<string, DutySlot[]>();
  for (const slot of slots) {
    if (slot.kind !== 'cover') continue;
    const key = `${slot.periodId} ${slot.date.slice(0, 4)}`;
    windows.set(key, [...(windows.get(key) ?? []), slot]);
  }
  const byDate = new Map<IsoDate, DutySlot[]>();
  for (const slot of slots) byDate.set(slot.date, [...(byDate.get(slot.date) ?? []), slot]);
  let result: CoverSpread = { spread: 0, members: [] };
  for (const covers of windows.values()) {
    const away = covers.map((cover) => {
      const ids = unavailable(byDate.get(cover.date) ?? [], absences, cover.date);
      if (cover.memberId) ids.delete(cover.memberId);
      return ids;
    });
    const members = poolOf(covers[0]!.periodId).filter((id) => away.every((ids) => !ids.has(id)));
    if (members.length < 2) continue;
    const counts = members.map((id) => covers.filter((cover) => cover.memberId === id).length);
    const spread = Math.max(...counts) - Math.min(...counts);
    if (result.members.length === 0 || spread > result.spread) result = { spread, members };
  }
  return result;
}

/** Who could not take a cover on `date` (whose slots are `slotsOfDay`): the absent, and whoever serves that day. */
function unavailable(
  slotsOfDay: readonly DutySlot[],
  absences: readonly AbsenceSpan[],
  date: IsoDate,
): Set<string> {
  const ids = new Set<string>();
  for (const slot of slotsOfDay) {
    if (slot.memberId) ids.add(slot.memberId);
    if ((slot.kind === 'cover' || slot.kind === 'uncovered') && slot.coversFor)
      ids.add(slot.coversFor);
  }
  for (const absence of absences)
    if (absence.from <= date && date <= absence.to) ids.add(absence.memberId);
  return ids;
}
