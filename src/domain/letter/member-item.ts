/**
 * One list item that names a person: "- Bà Nguyễn Mạnh Hà, chuyên viên Văn phòng Sở (trực chính): Trực …", or with
 * the weekdays first ("Thứ 3, 5: Ông …"). The honorific and name, the words between the name and the duty (title
 * and unit), the role when the item states it, and where the duty text starts.
 */
import type { Block, Span } from './prepare-letter.ts';

const PERSON =
  /(?<![\p{L}])(Ông|Bà|ông|bà|Đồng chí|đồng chí|Đ\/c|đ\/c)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})(?![\p{L}])/u;
const UNIT_START =
  /\s(?=(?:Văn phòng|Phòng|Ban|Trung tâm|Chi cục|Bộ phận|Tổ|Đội|Thanh tra|Ủy ban|UBND|Công an|Hội|Trạm|Sở|Văn Phòng)(?!\p{L}))/u;
const ROLE = /trực\s+chính|(?:trực\s+)?dự\s+bị|trực\s+phụ/iu;

export function roleOf(text: string | undefined): 'primary' | 'backup' | 'unclear' | undefined {
  const match = text && ROLE.exec(text);
  if (!match) return undefined;
  if (/chính/iu.test(match[0])) return 'primary';
  return /dự\s+bị/iu.test(match[0]) ? 'backup' : 'unclear';
}

/** "chuyên viên Văn phòng Sở" → ["Chuyên viên", "Văn phòng Sở"]; a comma separates them when there is one. */
export function splitTitle(text: string): [string | undefined, string | undefined] {
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

export interface Parsed {
  honorific: string;
  fullName: string;
  description: string;
  role: ReturnType<typeof roleOf>;
  duty: string;
  dutyOffset: number;
  nameSpan: Span;
}

export function parseItem(block: Block): Parsed | undefined {
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
