/** `lichtruc import`: the draft as a roster file on stdout or in --out, the findings on stderr, exit 1 while incomplete. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importLetter } from '../../src/domain/letter/import-letter.ts';

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');
const FIXTURES = join(import.meta.dirname, '../fixtures/letters');
const FOUNDING = join(FIXTURES, '00-cong-van-phan-cong-truc-mot-cua-2024.txt');

const lichtruc = (...args: string[]) => {
  const result = spawnSync(process.execPath, [MAIN, 'import', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('lichtruc import', () => {
  it('prints the draft as a roster file and the findings; exit 1 while something must be filled in', () => {
    const result = lichtruc(FOUNDING);
    expect(result.code).toBe(1);
    expect(
      result.stdout.startsWith('# yaml-language-server: $schema=../schema/roster.schema.json\n'),
    ).toBe(true);
    expect(parse(result.stdout)).toEqual(importLetter(readFileSync(FOUNDING, 'utf8')).draft);
    expect(result.stderr).toMatch(
      /còn thiếu +Công văn không nêu giờ làm việc.*phải điền trước khi tạo lịch/,
    );
    expect(result.stderr).toMatch(/đã đọc +Họ và tên: Nguyễn Mạnh Hà \[100%\] \(dòng 25\)/);
  });

  it('writes --out, exit 0 for a complete letter, and never overwrites a file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'lichtruc-import-'));
    const letter = join(directory, 'letter.txt');
    writeFileSync(letter, readFileSync(join(FIXTURES, '01-so-tnmt-ha-nam.txt')));
    const out = join(directory, 'so-tnmt-ha-nam.yaml');
    const first = lichtruc(letter, '--out', out);
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toContain(`Bản nháp đầy đủ, hợp lệ: đã ghi ${out}.`);
    expect(parse(readFileSync(out, 'utf8')).id).toBe('so-tnmt-ha-nam');
    const again = lichtruc(letter, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('đã có');
  });

  it('reads an 8-bit TCVN3 file and a .docx alike', () => {
    const expected = parse(lichtruc(FOUNDING).stdout);
    for (const name of ['founding-tcvn3-8bit.txt', 'founding.docx'])
      expect(parse(lichtruc(join(FIXTURES, name)).stdout)).toEqual(expected);
  });

  it('refuses a missing file and a VNI letter in words', () => {
    expect(lichtruc(join(FIXTURES, 'khong-co.txt'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('không có tệp'),
    });
    const directory = mkdtempSync(join(tmpdir(), 'lichtruc-import-'));
    const vni = join(directory, 'vni.txt');
    writeFileSync(vni, 'Sôû Vaên hoùa, Theå thao vaø Du lòch tænh Baéc Giang');
    const result = lichtruc(vni);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bảng mã VNI');
    expect(existsSync(join(directory, 'vni.yaml'))).toBe(false);
  });
});
