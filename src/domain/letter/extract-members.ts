/**
 * The members and their weekdays, from the list items of the letter: "- Bà Nguyễn Mạnh Hà, chuyên viên Văn phòng
 * Sở (trực chính): Trực các ngày thứ Hai, thứ Tư và thứ Sáu hằng tuần", also "Thứ 3, 5: Ông …" (weekdays first) and
 * roles given by a heading ("a) Trực dự bị:"). Honorifics are taken as written: "Đồng chí" says neither Ông nor
 * Bà, so it is a gap, never a guess from the name.
 */
import type { WeekdayKey } from '../roster-schema.ts';
import { slugOf } from '../schema-primitives.ts';
import type { FindingList } from './findings.ts';
import { findWeekdays } from './letter-weekdays.ts';
import { type Parsed, parseItem, roleOf, splitTitle } from './member-item.ts';
import type { Block, PreparedLetter, Span } from './prepare-letter.ts';

export interface MemberFacts {
  id: string;
  honorific: 'Ông' | 'Bà' | undefined;
  fullName: string;
  title: string | undefined;
  unit: string | undefined;
  role: 'primary' | 'backup' | undefined;
  days: WeekdayKey[];
  /** Where the member's item is, to tell its weekdays from those mentioned elsewhere. */
  block: Span;
}

const SKIP_CLAUSE = /còn lại|ngoài ra|không trực|trực thay|nghỉ phép/iu;
const label = (vi: string, en: string) => [vi, en] as const;

function dutyDays(
  parsed: Parsed,
  block: Block,
  findings: FindingList,
  field: string,
): WeekdayKey[] {
  const days = new Set<WeekdayKey>();
  const leading = findWeekdays(
    block.text.slice(0, parsed.nameSpan.start - block.start),
    block.start,
  );
  for (const mention of leading) for (const day of mention.days) days.add(day);
  let offset = parsed.dutyOffset;
  for (const clause of block.text.slice(parsed.dutyOffset - block.start).split(/(?<=[;.])/u)) {
    if (!SKIP_CLAUSE.test(clause))
      for (const mention of findWeekdays(clause, offset)) {
        for (const day of mention.days) days.add(day);
        if (
          /buổi\s+(?:sáng|chiều)|(?:sáng|chiều)\s+(?:các\s+)?(?:ngày\s+)?(?:thứ|T[2-7])/iu.test(
            clause,
          )
        )
          findings.ambiguity(
            field,
            mention.span,
            'Công văn chỉ phân công một buổi; lịch trực tính theo cả ngày',
            'The letter assigns half a day; the roster format counts whole days',
          );
      }
    offset += clause.length;
  }
  return [...days];
}

function honorificOf(
  parsed: Parsed,
  field: string,
  findings: FindingList,
): MemberFacts['honorific'] {
  const written = parsed.honorific.charAt(0).toUpperCase() + parsed.honorific.slice(1);
  if (written === 'Ông' || written === 'Bà')
    return findings.fact(
      `${field}.honorific`,
      written,
      parsed.nameSpan,
      1,
      label('Danh xưng', 'Honorific'),
    );
  findings.gap(
    `${field}.honorific`,
    true,
    `Công văn gọi ${parsed.fullName} là "${parsed.honorific}", không nói Ông hay Bà: không suy ra từ tên`,
    `The letter calls ${parsed.fullName} "${parsed.honorific}", which says neither Ông nor Bà; not inferred from the name`,
  );
  return undefined;
}

function readMember(
  parsed: Parsed,
  block: Block,
  index: number,
  heading: MemberFacts['role'],
  findings: FindingList,
): MemberFacts {
  const field = `members.${index}`;
  const name = parsed.fullName;
  findings.fact(`${field}.fullName`, name, parsed.nameSpan, 1, label('Họ và tên', 'Full name'));
  const [title, unit] = splitTitle(parsed.description);
  const about = { start: parsed.nameSpan.end, end: parsed.dutyOffset };
  const stated = parsed.role === 'primary' || parsed.role === 'backup' ? parsed.role : undefined;
  const role = parsed.role === undefined ? heading : stated;
  const member: MemberFacts = {
    id: slugOf(name),
    honorific: honorificOf(parsed, field, findings),
    fullName: name,
    title: findings.factOrGap(
      `${field}.title`,
      title,
      about,
      unit ? 0.9 : 0.7,
      label('Chức danh', 'Title'),
      label(`Công văn không ghi chức danh của ${name}`, `No title given for ${name}`),
    ),
    unit: findings.factOrGap(
      `${field}.unit`,
      unit,
      about,
      0.9,
      label('Đơn vị', 'Unit'),
      label(`Công văn không ghi đơn vị của ${name}`, `No unit given for ${name}`),
    ),
    role: findings.factOrGap(
      `${field}.role`,
      role,
      block,
      stated ? 1 : 0.9,
      label('Vị trí', 'Role'),
      label(
        `Công văn không nói ${name} trực chính hay trực dự bị`,
        `The letter does not say whether ${name} is primary or backup`,
      ),
    ),
    days: dutyDays(parsed, block, findings, field),
    block: { start: block.start, end: block.end },
  };
  if (member.days.length > 0)
    findings.fact(`${field}.days`, member.days, block, 1, label('Ngày trực', 'Weekdays'));
  return member;
}

/** The members, in the letter's order; one person named in several items is one member. */
export function extractMembers(letter: PreparedLetter, findings: FindingList): MemberFacts[] {
  const members: MemberFacts[] = [];
  let heading: MemberFacts['role'];
  for (const block of letter.blocks) {
    const parsed = parseItem(block);
    if (!parsed) {
      const role = roleOf(block.text);
      if (block.text.length < 60 && /:\s*$/u.test(block.text) && role !== 'unclear') heading = role;
      continue;
    }
    const existing = members.find((member) => member.fullName === parsed.fullName);
    if (existing) {
      for (const day of dutyDays(parsed, block, findings, `members.${members.indexOf(existing)}`))
        if (!existing.days.includes(day)) existing.days.push(day);
      continue;
    }
    members.push(readMember(parsed, block, members.length, heading, findings));
  }
  if (members.length === 0)
    findings.gap('members', true, 'Không thấy danh sách người trực', 'No members found');
  return members;
}
