/**
 * A letter of assignment (công văn phân công trực) read into a roster draft: deterministic rules over the prepared
 * text, every fact with its span and confidence, every missing fact a gap. The draft is in the roster format and
 * passes `RosterSchema` exactly when `complete` is true; otherwise the findings say what to fill in.
 */
import { RosterSchema } from '../roster-schema.ts';
import { buildDraft } from './build-draft.ts';
import { extractBasis } from './extract-basis.ts';
import { extractCover, extractHours } from './extract-cover.ts';
import { extractMembers, type MemberFacts } from './extract-members.ts';
import { extractDesk } from './extract-desk.ts';
import { extractOrganisation } from './extract-organisation.ts';
import { extractPeriod } from './extract-period.ts';
import { type Finding, FindingList } from './findings.ts';
import { findWeekdays } from './letter-weekdays.ts';
import { type PreparedLetter, prepareLetter } from './prepare-letter.ts';
import { weekdayKeyName } from '../vietnamese.ts';

export interface LetterImport {
  /** The prepared letter: NFC, LF line ends, legacy encoding converted. Every span indexes it. */
  text: string;
  draft: Record<string, unknown>;
  findings: Finding[];
  complete: boolean;
}

function noteInput(letter: PreparedLetter, findings: FindingList) {
  if (letter.encoding === 'tcvn3')
    findings.correction(
      { start: 0, end: 0 },
      'Văn bản gõ bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode; chữ hoa có dấu có thể thành chữ thường',
      'The letter was in TCVN3 (ABC) and was converted to Unicode; upper-case toned letters may come out lower-case',
    );
  if (letter.decomposed)
    findings.correction(
      { start: 0, end: 0 },
      'Văn bản ở dạng Unicode tổ hợp (NFD) đã được chuẩn hóa (NFC)',
      'Decomposed Unicode (NFD) was normalised to NFC',
    );
  for (const fix of letter.corrections)
    findings.correction(
      fix.span,
      `Đọc "${fix.from}" là "${fix.to}"`,
      `Read "${fix.from}" as "${fix.to}"`,
    );
}

/** A weekday the letter mentions outside every member's item, and gives to nobody, is worth a look. */
function strayWeekdays(letter: PreparedLetter, members: MemberFacts[], findings: FindingList) {
  const assigned = new Set(members.flatMap((member) => member.days));
  const inMember = (start: number) =>
    members.some((member) => member.block.start <= start && start < member.block.end);
  for (const block of letter.blocks) {
    if (inMember(block.start)) continue;
    for (const mention of findWeekdays(block.text, block.start))
      for (const day of mention.days.filter((candidate) => !assigned.has(candidate))) {
        const where = block.text.slice(0, 40);
        const name = weekdayKeyName(day);
        findings.ambiguity(
          `periods.0.pattern.${day}`,
          mention.span,
          `${name} chỉ xuất hiện trong đoạn "${where}…", không giao cho ai`,
          `${name} appears only in the paragraph "${where}…" and is given to nobody`,
        );
      }
  }
}

export function importLetter(input: string): LetterImport {
  const letter = prepareLetter(input);
  const findings = new FindingList();
  noteInput(letter, findings);
  const basis = extractBasis(letter, findings);
  const organisation = extractOrganisation(letter, basis.place, findings);
  const desk = extractDesk(letter, basis.place, findings);
  const members = extractMembers(letter, findings);
  const period = extractPeriod(letter, basis.date, findings);
  const cover = extractCover(letter, members, findings);
  const hours = extractHours(letter, findings);
  strayWeekdays(letter, members, findings);
  const draft = buildDraft({ basis, organisation, desk, members, period, cover, hours });
  const blocking = findings.items.some((finding) => finding.kind === 'gap' && finding.blocking);
  const checked = RosterSchema.safeParse(draft);
  if (!checked.success && !blocking)
    for (const issue of checked.error.issues)
      findings.ambiguity(
        issue.path.join('.'),
        undefined,
        `Bản nháp chưa hợp lệ: ${issue.message}`,
        `The draft is not valid yet: ${issue.message}`,
      );
  return {
    text: letter.text,
    draft,
    findings: findings.items,
    complete: checked.success && !blocking,
  };
}
