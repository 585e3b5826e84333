/** Which slots a change touched: compared by key, so a substitution is one changed slot, not a delete and an add. */
import type { DutySlot } from './slot.ts';

export interface SlotChange {
  key: string;
  before: DutySlot | null;
  after: DutySlot | null;
}

const same = (a: DutySlot, b: DutySlot) => JSON.stringify(a) === JSON.stringify(b);

export function diffSlots(before: readonly DutySlot[], after: readonly DutySlot[]): SlotChange[] {
  const previous = new Map(before.map((slot) => [slot.key, slot]));
  const changes: SlotChange[] = [];
  for (const slot of after) {
    const old = previous.get(slot.key);
    previous.delete(slot.key);
    if (!old || !same(old, slot)) changes.push({ key: slot.key, before: old ?? null, after: slot });
  }
  for (const old of previous.values()) changes.push({ key: old.key, before: old, after: null });
  return changes.sort((a, b) => a.key.localeCompare(b.key));
}
