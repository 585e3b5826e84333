/**
 * Who issues the roster. The organisation comes from the letter's heading ("UBND TỈNH BẮC GIANG / SỞ VĂN HÓA, THỂ
 * THAO VÀ DU LỊCH", "ỦY BAN NHÂN DÂN / XÃ TÂN LẬP") or, when the copy has no heading, from how the body names it
 * ("Sở VHTTDL") with the place of the date line. Abbreviations are expanded from a fixed table, never guessed.
 */
import { slugOf } from '../schema-primitives.ts';
import type { FindingList } from './findings.ts';
import { type Block, isHeading, type PreparedLetter, type Span } from './prepare-letter.ts';

export interface OrganisationFacts {
  id?: string;
  name?: string;
  shortName?: string;
  /** The name without its place ("Sở Văn hóa, Thể thao và Du lịch"), for the roster's name. */
  plainName?: string;
  /** Short name without its level word ("Sở VHTTDL Bắc Giang"), for the roster's id. */
  key?: string;
}

type Found = Omit<OrganisationFacts, 'id'> & { idBase?: string };

// The departments of a province (Sở), by the abbreviation letters use.
const DEPARTMENTS: Record<string, string> = {
  VHTTDL: 'Văn hóa, Thể thao và Du lịch',
  TNMT: 'Tài nguyên và Môi trường',
  GDĐT: 'Giáo dục và Đào tạo',
  KHĐT: 'Kế hoạch và Đầu tư',
  TTTT: 'Thông tin và Truyền thông',
  LĐTBXH: 'Lao động – Thương binh và Xã hội',
  NNPTNT: 'Nông nghiệp và Phát triển nông thôn',
  NNMT: 'Nông nghiệp và Môi trường',
  GTVT: 'Giao thông vận tải',
  KHCN: 'Khoa học và Công nghệ',
};
// Departments whose short names are their names: no abbreviation is written for them.
const NAMES = [
  ...Object.values(DEPARTMENTS),
  'Xây dựng',
  'Y tế',
  'Tư pháp',
  'Nội vụ',
  'Tài chính',
  'Công Thương',
  'Ngoại vụ',
  'Dân tộc và Tôn giáo',
];
const CITIES = ['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];
const COMMUNE_LEVELS = /^(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+(.+)$/u;
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const spanOf = (block: Block): Span => ({ start: block.start, end: block.end });

/** "BẮC GIANG" → "Bắc Giang". */
export const placeName = (upper: string) => upper.toLowerCase().split(/\s+/).map(capital).join(' ');

/** "VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Văn hóa, Thể thao và Du lịch": capitals after commas, "và" and dashes. */
function departmentName(upper: string): string {
  const known = NAMES.find(
    (name) => name.toLowerCase() === upper.toLowerCase().replace(/\s*-\s*/g, ' – '),
  );
  if (known) return known;
  return upper
    .toLowerCase()
    .split(/(?<=^|,\s|\svà\s|\s–\s|\s-\s)/u)
    .map(capital)
    .join('');
}

function abbreviationOf(name: string): string | undefined {
  return Object.entries(DEPARTMENTS).find(([, full]) => full === name)?.[0];
}

function province(parent: string | undefined, place: string | undefined) {
  const header = parent && /^(?:UBND|ỦY BAN NHÂN DÂN)\s+(TỈNH|THÀNH PHỐ)\s+(.+)$/u.exec(parent);
  if (header) return { level: header[1]!.toLowerCase(), name: placeName(header[2]!), stated: true };
  if (!place) return undefined;
  const name = place.replace(/^(?:TP\.|Thành phố|thành phố)\s*/u, '');
  return { level: CITIES.includes(name) ? 'thành phố' : 'tỉnh', name, stated: false };
}

/** A commune's people's committee: "Ủy ban nhân dân xã Tân Lập", short "UBND xã Tân Lập" (its own id). */
function communeFacts(where: string, span: Span, confidence: number, findings: FindingList): Found {
  const name = findings.fact('organisation.name', `Ủy ban nhân dân ${where}`, span, confidence, [
    'Cơ quan',
    'Organisation',
  ]);
  const short = `UBND ${where}`;
  return { name, shortName: short, plainName: name, key: short, idBase: short };
}

function fromHeading(heading: Block[], place: string | undefined, findings: FindingList): Found {
  const last = heading.at(-1)!;
  const parent = heading.at(-2)?.text;
  const label = ['Cơ quan', 'Organisation'] as const;
  const commune =
    COMMUNE_LEVELS.exec(last.text) ??
    /^(?:UBND|ỦY BAN NHÂN DÂN)\s+(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+(.+)$/u.exec(last.text);
  if (commune) {
    const where = `${commune[1]!.toLowerCase()} ${placeName(commune[2]!)}`;
    return communeFacts(where, spanOf(last), 1, findings);
  }
  const department = /^SỞ\s+(.+)$/u.exec(last.text);
  if (!department) {
    const name = findings.fact(
      'organisation.name',
      departmentName(last.text),
      spanOf(last),
      0.7,
      label,
    );
    return { name, plainName: name, key: name, idBase: name };
  }
  const plainName = `Sở ${departmentName(department[1]!)}`;
  const abbreviation = abbreviationOf(plainName.slice(3));
  return withProvince(
    plainName,
    abbreviation && `Sở ${abbreviation}`,
    province(parent, place),
    spanOf(last),
    findings,
  );
}

function withProvince(
  plainName: string,
  shortPlain: string | undefined,
  where: ReturnType<typeof province>,
  span: Span | undefined,
  findings: FindingList,
): Found {
  const suffix = where ? ` ${where.level} ${where.name}` : '';
  const confidence = where && !where.stated ? 0.8 : 1;
  const name = findings.fact('organisation.name', `${plainName}${suffix}`, span, confidence, [
    'Cơ quan',
    'Organisation',
  ]);
  if (!where)
    findings.gap(
      'organisation.name',
      false,
      'Công văn không nói sở thuộc tỉnh nào',
      'The letter does not say which province',
    );
  const shortName = shortPlain && `${shortPlain}${suffix}`;
  return {
    name,
    shortName,
    plainName,
    key: `${shortPlain ?? plainName}${where ? ` ${where.name}` : ''}`,
    idBase: shortPlain ?? plainName,
  };
}

function fromBody(letter: PreparedLetter, place: string | undefined, findings: FindingList): Found {
  const mention = /\bSở\s+([A-ZĐ]{2,8})\b/u.exec(letter.flat);
  if (mention && DEPARTMENTS[mention[1]!]) {
    const span = { start: mention.index, end: mention.index + mention[0].length };
    return withProvince(
      `Sở ${DEPARTMENTS[mention[1]!]}`,
      mention[0],
      province(undefined, place),
      span,
      findings,
    );
  }
  const named = new RegExp(`\\bSở (${NAMES.join('|')})(?![\\p{L}])`, 'u').exec(letter.flat);
  if (named) {
    const span = { start: named.index, end: named.index + named[0].length };
    return withProvince(named[0], undefined, province(undefined, place), span, findings);
  }
  const commune = /\bUBND\s+(xã|phường|thị trấn)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)/u.exec(
    letter.flat,
  );
  if (commune) {
    const where = `${commune[1]} ${commune[2]}`;
    const span = { start: commune.index, end: commune.index + commune[0].length };
    return communeFacts(where, span, 0.9, findings);
  }
  findings.gap(
    'organisation.name',
    true,
    'Không thấy tên cơ quan ban hành',
    'No issuing organisation found',
  );
  return {};
}

export function extractOrganisation(
  letter: PreparedLetter,
  place: string | undefined,
  findings: FindingList,
): OrganisationFacts {
  const numberAt = letter.blocks.findIndex((block) => /^Số\s*:/u.test(block.text));
  const heading = letter.blocks
    .slice(0, Math.max(numberAt, 0))
    .filter((block) => isHeading(block.text))
    .map((block) => ({ ...block, text: block.text.toUpperCase() }))
    .filter((block) => !/CỘNG HÒA|CỘNG HOÀ|^[-_=]+$/u.test(block.text));
  const facts =
    heading.length > 0 ? fromHeading(heading, place, findings) : fromBody(letter, place, findings);
  const { idBase, ...rest } = facts;
  return { ...rest, id: idBase && slugOf(idBase) };
}
