/**
 * Who covers an absence ("số công chức còn lại luân phiên trực thay", "Ông X trực thay") and the working hours when
 * the letter states them ("sáng từ 7h30 đến 11h30, chiều từ 13h30 đến 17h00").
 */
import type { FindingList } from './findings.ts';
import type { MemberFacts } from './extract-members.ts';
import type { PreparedLetter, Span } from './prepare-letter.ts';

export interface CoverFacts {
  strategy: 'rotation' | 'none';
  members?: string[];
}

export interface SessionFacts {
  start: string;
  end: string;
}

const COVER = /trực thay|thay thế người|trực bù/u;
const NO_COVER = /không\s+bố\s+trí\s+(?:người\s+)?trực\s+thay/u;
const TIME = String.raw`(\d{1,2})\s*(?:h|giờ|:)\s*(\d{2})?(?:\s*phút)?`;
const SESSION = new RegExp(`${TIME}\\s*(?:đến|tới|-|–)\\s*${TIME}`, 'gu');
const HOURS_CONTEXT =
  /giờ làm việc|thời gian làm việc|giờ trực|thời gian trực|buổi sáng|buổi chiều/iu;

const STOPS = ['.', ';', '\n'];

/** The clause (between full stops, semicolons and line ends) around `at`, found outward, not by backtracking. */
function clauseAround(text: string, at: number): { text: string; span: Span } {
  const start = Math.max(...STOPS.map((mark) => text.lastIndexOf(mark, at))) + 1;
  const ends = STOPS.map((mark) => text.indexOf(mark, at)).filter((end) => end >= 0);
  const end = ends.length > 0 ? Math.min(...ends) : text.length;
  return { text: text.slice(start, end), span: { start, end } };
}

export function extractCover(
  letter: PreparedLetter,
  members: MemberFacts[],
  findings: FindingList,
) {
  const keyword = COVER.exec(letter.flat) ?? NO_COVER.exec(letter.flat);
  if (!keyword) {
    findings.gap(
      'cover',
      false,
      'Công văn không nói ai trực thay khi người trực vắng: nếu để nguyên, những người còn lại luân phiên trực thay',
      'The letter does not say who covers an absence; unless changed, the others cover in rotation',
    );
    return undefined;
  }
  const { text: clause, span } = clauseAround(letter.flat, keyword.index);
  const label = ['Trực thay', 'Cover'] as const;
  if (NO_COVER.test(clause))
    return findings.fact('cover', { strategy: 'none' } as CoverFacts, span, 0.9, label);
  const named = members
    .filter((member) => clause.includes(member.fullName))
    .map((member) => member.id);
  const cover: CoverFacts =
    named.length > 0 ? { strategy: 'rotation', members: named } : { strategy: 'rotation' };
  return findings.fact('cover', cover, span, named.length > 0 ? 0.8 : 0.9, label);
}

const clock = (hours: string, minutes: string | undefined) =>
  `${hours.padStart(2, '0')}:${minutes ?? '00'}`;

export function extractHours(
  letter: PreparedLetter,
  findings: FindingList,
): SessionFacts[] | undefined {
  for (const block of letter.blocks) {
    if (!HOURS_CONTEXT.test(block.text)) continue;
    const sessions = [...block.text.matchAll(SESSION)]
      .filter((match) => Number(match[1]) < 24 && Number(match[3]) < 24)
      .map((match) => ({ start: clock(match[1]!, match[2]), end: clock(match[3]!, match[4]) }));
    if (sessions.length === 0) continue;
    if (/mùa hè|mùa đông|mùa hạ/u.test(block.text)) {
      findings.gap(
        'workingHours',
        true,
        'Cần nhập giờ làm việc của từng mùa',
        'Enter the hours of each season',
      );
      findings.ambiguity(
        'workingHours',
        { start: block.start, end: block.end },
        'Giờ làm việc theo mùa: hãy nhập từng mùa',
        'Seasonal hours: enter each season',
      );
      return undefined;
    }
    return findings.fact('workingHours', sessions, { start: block.start, end: block.end }, 0.9, [
      'Giờ làm việc',
      'Working hours',
    ]);
  }
  findings.gap(
    'workingHours',
    true,
    'Công văn không nêu giờ làm việc: nhập giờ làm việc của tỉnh',
    'The letter gives no working hours: enter the province’s hours',
  );
  return undefined;
}
