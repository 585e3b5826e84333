/** How a duty slot reads on the pages: day and date, place, who serves and why. */
import { effectiveOn } from '../../domain/effective.ts';
import { slotLabel, slotRemarks } from '../../domain/event-text.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { DutySlot, SlotKind } from '../../domain/slot.ts';
import { formatDayAndDate, type Language } from '../../domain/vietnamese.ts';

export function placeText(roster: Roster, slot: DutySlot): string {
  const desk = effectiveOn(roster.desk.names, slot.date);
  return desk.address ? `${desk.location}, ${desk.address}` : desk.location;
}

/** `Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)`. */
export function whoText(roster: Roster, slot: DutySlot, language: Language): string {
  const remarks = slotRemarks(roster, slot, language).map((remark) => ` (${remark})`);
  return `${slotLabel(roster, slot, language)}${remarks.join('')}`;
}

export const dayText = (slot: DutySlot, language: Language) =>
  formatDayAndDate(slot.date, language);

const KINDS: Record<SlotKind, [vi: string, en: string]> = {
  regular: ['Thường lệ', 'Regular'],
  cover: ['Trực thay', 'Cover'],
  override: ['Phân công', 'Override'],
  makeup: ['Làm bù', 'Make-up Saturday'],
  uncovered: ['Chưa có người trực', 'Uncovered'],
};

export function kindText(kind: SlotKind, language: Language): string {
  return KINDS[kind][language === 'en' ? 1 : 0];
}
