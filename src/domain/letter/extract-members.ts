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
import type { Block, PreparedLetter, Span } from './prepare-letter.ts';

export interface MemberFacts {
  id: string;
  honorific?: 'Ông' | 'Bà';
  fullName: string;
  title?: string;
  unit?: string;
  role?: 'primary' | 'backup';
  days: WeekdayKey[];
  /** Where the member's item is, to tell its weekdays from those mentioned elsewhere. */
  block: Span;
}

const PERSON =
  /(?<![\p{L}])(Ông|Bà|ông|bà|Đồng chí|đồng chí|Đ\/c|đ\/c)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})(?![\p{L}])/u;
const UNIT_START =
  /\s(?=(?:Văn phòng|Phòng|Ban|Trung tâm|Chi cục|Bộ phận|Tổ|Đội|Thanh tra|Ủy ban|UBND|Công an|Hội|Trạm|Sở|Văn Phòng)\b)/u;
const ROLE = /trực\s+chính|(?:trực\s+)?dự\s+bị|trực\s+phụ/iu;
const SKIP_CLAUSE = /còn lại|ngoài ra|không trực|trực thay|nghỉ phép/iu;
const label = (vi: string, en: string) => [vi, en] as const;

function roleOf(text: string | undefined): MemberFacts['role'] | 'unclear' | undefined {
  const match = text && ROLE.exec(text);
  if (!match) return undefined;
  if (/chính/iu.test(match[0])) return 'primary';
  return /dự\s+bị/iu.test(match[0]) ? 'backup' : 'unclear';
}

/** "chuyên viên Văn phòng Sở" → ["Chuyên viên", "Văn phòng Sở"]; a comma separates them when there is one. */
function splitTitle(text: string): [string | undefined, string | undefined] {
  const clean = text.replace(/^[\s,–-]+|[\s,;.–-]+$/gu, '');
  if (clean === '') return [undefined, undefined];
  // Commune titles name their field: "công chức Tư pháp - Hộ tịch" is a title, not a title and a unit.
  const communeTitle = /^công chức .+ [-–] /iu.test(clean);
  const at = communeTitle ? -1 : clean.search(UNIT_START);
  const comma = clean.indexOf(',');
  const [title, unit] =
    at > 0
      ? [clean.slice(0, at), clean.slice(at + 1)]
      : comma > 0 && !communeTitle
        ? [clean.slice(0, comma), clean.slice(comma + 1)]
        : [clean, undefined];
  const capital = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
  return [title && capital(title.trim()), unit?.trim() || undefined];
}

interface Parsed {
  honorific: string;
  fullName: string;
  description: string;
  role: ReturnType<typeof roleOf>;
  duty: string;
  dutyOffset: number;
  nameSpan: Span;
}

function parseItem(block: Block): Parsed | undefined {
  const person = PERSON.exec(block.text);
  if (!person) return undefined;
  const before = block.text.slice(0, person.index).replace(/^[-+•*–—]|^\d{1,2}[.)]|^[a-zđ]\)/u, '');
  // The person must open the item, or follow its weekdays ("Thứ 3, thứ 5: Ông …").
  if (before.trim() !== '' && !/[:–-]\s*$/u.test(before)) return undefined;
  const after = block.text.slice(person.index + person[0].length);
  const cut = after.search(/\(|:|;|,?\s+(?:trực|Trực)\s/u);
  const description = cut < 0 ? after : after.slice(0, cut);
  const paren = /^\s*\(([^)]*)\)/u.exec(after.slice(Math.max(cut, 0)));
  const rest = after.slice(description.length);
  const offset = block.start + person.index + person[0].length + description.length;
  return {
    honorific: person[1]!,
    fullName: person[2]!,
    description,
    role: roleOf(paren?.[1]) ?? roleOf(rest.split(/[;.]/u)[0]),
    duty: `${before} ${rest}`,
    dutyOffset: offset,
    nameSpan: {
      start: block.start + person.index,
      end: block.start + person.index + person[0].length,
    },
  };
}

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
  const fullName = findings.fact(
    `${field}.fullName`,
    parsed.fullName,
    parsed.nameSpan,
    1,
    label('Họ và tên', 'Full name'),
  );
  const member: MemberFacts = {
    id: slugOf(fullName),
    fullName,
    days: [],
    block: { start: block.start, end: block.end },
  };
  const honorific = honorificOf(parsed, field, findings);
  if (honorific) member.honorific = honorific;
  const [title, unit] = splitTitle(parsed.description);
  const descriptionSpan = { start: parsed.nameSpan.end, end: parsed.dutyOffset };
  if (title)
    member.title = findings.fact(
      `${field}.title`,
      title,
      descriptionSpan,
      unit ? 0.9 : 0.7,
      label('Chức danh', 'Title'),
    );
  else
    findings.gap(
      `${field}.title`,
      true,
      `Công văn không ghi chức danh của ${fullName}`,
      `No title given for ${fullName}`,
    );
  if (unit)
    member.unit = findings.fact(
      `${field}.unit`,
      unit,
      descriptionSpan,
      0.9,
      label('Đơn vị', 'Unit'),
    );
  else
    findings.gap(
      `${field}.unit`,
      true,
      `Công văn không ghi đơn vị của ${fullName}`,
      `No unit given for ${fullName}`,
    );
  const role = parsed.role === undefined ? heading : parsed.role;
  if (role === 'primary' || role === 'backup')
    member.role = findings.fact(
      `${field}.role`,
      role,
      block,
      parsed.role ? 1 : 0.9,
      label('Vị trí', 'Role'),
    );
  else
    findings.gap(
      `${field}.role`,
      true,
      `Công văn không nói ${fullName} trực chính hay trực dự bị`,
      `The letter does not say whether ${fullName} is primary or backup`,
    );
  member.days = dutyDays(parsed, block, findings, field);
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
