/** What `preview` and `report` warn about on stderr, in the language of the command (`--lang`). */
import type { Roster } from '../domain/roster-schema.ts';
import type { DutySlot, Expansion } from '../domain/slot.ts';
import { formatDate, type Language, memberName } from '../domain/vietnamese.ts';

const POSITION = {
  vi: { primary: 'trực chính', backup: 'trực dự bị' },
  en: { primary: 'primary', backup: 'backup' },
} as const;

/** `06/05/2024: chưa có người trực thay Bà Nguyễn Mạnh Hà (trực chính).` */
function uncoveredWarning(roster: Roster, slot: DutySlot, language: Language): string {
  const absent = roster.members.find((member) => member.id === slot.coversFor);
  const who = absent ? memberName(absent, language) : (slot.coversFor ?? '');
  const position = POSITION[language][slot.position];
  return language === 'vi'
    ? `${formatDate(slot.date)}: chưa có người trực thay ${who} (${position}).`
    : `${formatDate(slot.date)}: nobody can cover for ${who} (${position} slot).`;
}

/**
 * The days nobody can serve. Conflicts come from overrides and swaps, which the command line does not read (its
 * what-if file holds absences only); should it ever read them, they are listed too, with the domain's message.
 */
export function expansionWarnings(
  roster: Roster,
  expansion: Expansion,
  language: Language,
): string[] {
  return [
    ...expansion.conflicts.map((conflict) => `${formatDate(conflict.date)}: ${conflict.message}`),
    ...expansion.slots
      .filter((slot) => slot.kind === 'uncovered')
      .map((slot) => uncoveredWarning(roster, slot, language)),
  ];
}

/** Writes each warning to stderr as `cảnh báo: …` (`warning: …` in English). */
export function printWarnings(warnings: readonly string[], language: Language): void {
  const label = language === 'vi' ? 'cảnh báo' : 'warning';
  for (const warning of warnings) console.error(`${label}: ${warning}`);
}
