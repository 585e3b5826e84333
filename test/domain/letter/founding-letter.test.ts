/**
 * The founding letter read by the import rules gives the roster the project was built from
 * (calendars/so-vhttdl-bac-giang.yaml) for every field the letter states, whatever shape the text arrives in; the
 * blanks the letter left are gaps, and every fact points at the words it came from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importLetter } from '../../../src/domain/letter/import-letter.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/letters');
const letter = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const roster = parse(
  readFileSync(join(import.meta.dirname, '../../../calendars/so-vhttdl-bac-giang.yaml'), 'utf8'),
);

/** The roster file's fields that the letter states (the Bắc Ninh names of 2025 and the hours it does not). */
const stated = {
  id: roster.id,
  name: roster.name,
  organisation: { id: roster.organisation.id, names: [roster.organisation.names[0]] },
  desk: { ...roster.desk, names: [roster.desk.names[0]] },
  members: roster.members,
  periods: roster.periods,
  cover: roster.cover,
  basis: roster.basis,
};

describe('the founding letter', () => {
  const result = importLetter(letter('00-cong-van-phan-cong-truc-mot-cua-2024.txt'));

  it('gives the roster of calendars/so-vhttdl-bac-giang.yaml for every field it states', () => {
    expect(result.draft).toEqual(stated);
  });

  it('reports its blanks as gaps: the number, the day of the date, the working hours', () => {
    const gaps = result.findings.filter((finding) => finding.kind === 'gap');
    expect(gaps.map((gap) => [gap.field, gap.blocking])).toEqual([
      ['basis.number', false],
      ['basis.date', false],
      ['workingHours', true],
    ]);
    expect(gaps[0]!.message).toContain('để trống');
    expect(result.complete).toBe(false);
  });

  it('points every fact at the words it came from', () => {
    const at = (field: string) => {
      const fact = result.findings.find(
        (finding) => finding.kind === 'fact' && finding.field === field,
      );
      return result.text.slice(fact!.span!.start, fact!.span!.end);
    };
    expect(at('members.0.fullName')).toBe('Bà Nguyễn Mạnh Hà');
    expect(at('periods.0.from')).toBe('15/4/2024');
    expect(at('periods.0.to')).toBe('30/6/2024');
    expect(at('basis.number')).toBe('/SVHTTDL-VP');
    expect(at('members.2.days')).toBe(
      '- Ông Nguyễn Văn Hanh, chuyên viên Phòng Quản lý TĐTT (trực dự bị):\nTrực thứ Năm hằng tuần.',
    );
    expect(at('periods.0.continuesAfterEnd')).toBe('tiếp tục phân công');
  });

  it('says which slip it corrected ("TĐTT" is a keyboard slip for TDTT, as the Kính gửi line writes it)', () => {
    const corrections = result.findings.filter((finding) => finding.kind === 'correction');
    expect(
      corrections.map((finding) => result.text.slice(finding.span!.start, finding.span!.end)),
    ).toEqual(['TĐTT']);
  });

  it('becomes a valid roster once the working hours are filled in', () => {
    const hours = [
      {
        seasons: [
          {
            name: 'Cả năm',
            from: '01-01',
            to: '12-31',
            sessions: [{ start: '07:30', end: '16:30' }],
          },
        ],
      },
    ];
    const withHours = importLetter(
      `${letter('00-cong-van-phan-cong-truc-mot-cua-2024.txt')}\n`.replace(
        'Lưu ý:',
        'Giờ làm việc: sáng từ 7h30 đến 12h00, chiều từ 13h00 đến 16h30.\n\nLưu ý:',
      ),
    );
    expect(withHours.complete).toBe(true);
    expect(withHours.draft.workingHours).toEqual([
      {
        seasons: [
          {
            ...hours[0]!.seasons[0],
            sessions: [
              { start: '07:30', end: '12:00' },
              { start: '13:00', end: '16:30' },
            ],
          },
        ],
      },
    ]);
  });

  it.each([
    ['decomposed (NFD), CRLF and hard-wrapped at 70 columns', 'founding-nfd-wrapped.txt'],
    ['typed in TCVN3 (ABC, .VnTime fonts)', 'founding-tcvn3.txt'],
  ])('reads the same roster when %s', (_, name) => {
    expect(importLetter(letter(name)).draft).toEqual(stated);
  });

  it('refuses a letter in VNI with the fix in words', () => {
    expect(() => importLetter('Sôû Vaên hoùa, Theå thao vaø Du lòch tænh Baéc Giang')).toThrow(
      /VNI.*Unicode/,
    );
  });
});
