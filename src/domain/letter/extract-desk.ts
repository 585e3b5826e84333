/**
 * Where duty is done: the desk ("trực Bộ phận Một cửa", "Bộ phận Tiếp nhận và Trả kết quả") and its location ("tại
 * Trung tâm Phục vụ hành chính công tỉnh", completed with the letter's place, or "tại Trụ sở UBND xã Tân Lập").
 */
import type { FindingList } from './findings.ts';
import type { PreparedLetter } from './prepare-letter.ts';

export interface DeskFacts {
  title?: string;
  location?: string;
}

const DESKS: [RegExp, string][] = [
  [/Bộ phận\s+[Mm]ột cửa/u, 'Bộ phận Một cửa'],
  [/Bộ phận\s+[Tt]iếp nhận và [Tt]rả kết quả/u, 'Bộ phận Tiếp nhận và Trả kết quả'],
];
const LOCATION =
  /tại\s+((?:Trung tâm Phục vụ hành chính công|Trụ sở (?:UBND|Ủy ban nhân dân))(?: +(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn))?(?: +\p{Lu}\p{Ll}*)*)/u;

export function extractDesk(
  letter: PreparedLetter,
  place: string | undefined,
  findings: FindingList,
): DeskFacts {
  const desk: DeskFacts = {};
  for (const [pattern, title] of DESKS) {
    const match = pattern.exec(letter.flat);
    if (!match) continue;
    const span = { start: match.index, end: match.index + match[0].length };
    desk.title = findings.fact('desk.title', title, span, 1, ['Nơi trực', 'Desk']);
    break;
  }
  if (!desk.title)
    findings.gap(
      'desk.title',
      true,
      'Công văn không nêu nơi trực (Bộ phận Một cửa…)',
      'The letter does not name the desk',
    );
  const location = LOCATION.exec(letter.flat);
  if (!location) {
    findings.gap(
      'desk.names.0.location',
      true,
      'Công văn không nêu địa điểm trực',
      'The letter does not say where the desk is',
    );
    return desk;
  }
  const start = location.index + location[0].length - location[1]!.length;
  const bare = /\s(?:tỉnh|thành phố)$/u.test(location[1]!);
  const value = bare && place ? `${location[1]} ${place}` : location[1]!;
  desk.location = findings.fact(
    'desk.names.0.location',
    value,
    { start, end: start + location[1]!.length },
    bare ? 0.8 : 1,
    ['Địa điểm trực', 'Desk location'],
  );
  return desk;
}
