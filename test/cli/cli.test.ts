import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../support/sample.ts';

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');

function lichtruc(...args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args, '--calendars', CALENDARS], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lichtruc-')), name);
  writeFileSync(path, text);
  return path;
}

describe('lichtruc validate', () => {
  it('accepts the shipped calendars', () => {
    const result = lichtruc('validate', CALENDARS);
    expect(result).toMatchObject({
      code: 0,
      stdout: '4 file(s) valid: 1 roster(s), 3 holiday table(s)\n',
    });
  });

  it('points at the file, line and field of each problem and exits non-zero', () => {
    const broken = readFileSync(join(CALENDARS, 'so-vhttdl-bac-giang.yaml'), 'utf8')
      .replace('memberId: nguyen-van-hanh }', 'memberId: nguyen-van-hanhh }')
      .replace('from: 2024-04-15', 'from: 2024-04-31');
    const path = tempFile('roster.yaml', broken);
    const result = lichtruc('validate', path);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    const line = broken.split('\n').findIndex((text) => text.includes('from: 2024-04-31')) + 1;
    expect(lines[0]).toMatch(
      new RegExp(`^${path}:${line}:\\d+: no such date in the calendar \\(periods\\.0\\.from\\)$`),
    );
    expect(lines[1]).toMatch(
      /:\d+:\d+: no member with id "nguyen-van-hanhh" in this roster \(periods\.0\.pattern\.thursday\.memberId\)$/,
    );
    expect(lines.at(-1)).toBe('1 of 1 file(s) invalid');
  });

  it('says so when the path does not exist', () => {
    expect(lichtruc('validate', '/nonexistent/roster.yaml')).toMatchObject({
      code: 2,
      stderr: 'lichtruc: /nonexistent/roster.yaml does not exist\n',
    });
  });
});

describe('lichtruc preview', () => {
  it('prints the slots as JSON with the documented fields', () => {
    const result = lichtruc(
      'preview',
      'so-vhttdl-bac-giang',
      '--from',
      '2024-05-03',
      '--to',
      '2024-05-04',
      '--format',
      'json',
    );
    expect(result.code).toBe(0);
    const slots = JSON.parse(result.stdout);
    expect(slots).toHaveLength(2);
    expect(slots[1]).toMatchObject({
      date: '2024-05-04',
      position: 'primary',
      memberId: 'nguyen-manh-ha',
      memberName: 'Bà Nguyễn Mạnh Hà',
      kind: 'makeup',
      coversFor: null,
      start: '2024-05-04T07:00:00+07:00',
      end: '2024-05-04T17:00:00+07:00',
    });
  });

  it('previews a what-if absence from a file, inclusive of --to', () => {
    const absences = tempFile(
      'absences.yaml',
      '- { memberId: nguyen-manh-ha, from: 2024-05-06, to: 2024-05-10, reason: leave }\n',
    );
    const result = lichtruc(
      'preview',
      join(CALENDARS, 'so-vhttdl-bac-giang.yaml'),
      '--from',
      '2024-05-06',
      '--to',
      '2024-05-10',
      '--absences',
      absences,
      '--format',
      'json',
    );
    const slots = JSON.parse(result.stdout);
    expect(slots.map((slot: { date: string }) => slot.date).at(-1)).toBe('2024-05-10');
    expect(slots[0]).toMatchObject({
      kind: 'cover',
      memberId: 'nguyen-van-luyen',
      coversFor: 'nguyen-manh-ha',
    });
  });

  it('prints a table an office worker reads: Vietnamese weekdays, dd/MM/yyyy, closed days named', () => {
    const result = lichtruc(
      'preview',
      'so-vhttdl-bac-giang',
      '--from',
      '2024-04-29',
      '--to',
      '2024-05-04',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^29\/04\/2024 {2}Thứ Hai .*Nghỉ .*Nghỉ hoán đổi \(làm bù Thứ Bảy 04\/05\/2024\)$/m,
    );
    expect(result.stdout).toMatch(
      /^02\/05\/2024 {2}Thứ Năm +07:00–17:00 \(dự kiến\) +Trực dự bị: Ông Nguyễn Văn Hanh$/m,
    );
    expect(result.stdout).toMatch(
      /^04\/05\/2024 {2}Thứ Bảy .*Trực chính: Bà Nguyễn Mạnh Hà +Thứ Bảy làm bù cho Thứ Hai 29\/04\/2024$/m,
    );
  });

  it('warns in Vietnamese about a day nobody can cover (in English with --lang en), for preview and report', () => {
    const absences = tempFile(
      'everyone-away.yaml',
      ['nguyen-manh-ha', 'nguyen-van-luyen', 'nguyen-van-hanh']
        .map((id) => `- { memberId: ${id}, from: 2024-05-08, to: 2024-05-08, reason: leave }`)
        .join('\n'),
    );
    const range = ['--from', '2024-05-06', '--to', '2024-05-10', '--absences', absences];
    const vi = lichtruc('preview', 'so-vhttdl-bac-giang', ...range);
    expect(vi.code).toBe(0);
    expect(vi.stderr).toBe(
      'cảnh báo: 08/05/2024: chưa có người trực thay Bà Nguyễn Mạnh Hà (trực chính).\n',
    );
    expect(vi.stdout).toMatch(
      /^08\/05\/2024 {2}Thứ Tư .*Chưa có người trực thay Bà Nguyễn Mạnh Hà +nghỉ phép$/m,
    );
    expect(lichtruc('report', 'so-vhttdl-bac-giang', ...range).stderr).toBe(vi.stderr);
    expect(lichtruc('preview', 'so-vhttdl-bac-giang', ...range, '--lang', 'en').stderr).toBe(
      'warning: 08/05/2024: nobody can cover for Nguyễn Mạnh Hà (primary slot).\n',
    );
  });

  it('writes CSV that a spreadsheet opens', () => {
    const result = lichtruc(
      'preview',
      'so-vhttdl-bac-giang',
      '--from',
      '2024-04-15',
      '--to',
      '2024-04-16',
      '--format',
      'csv',
    );
    expect(result.stdout.split('\r\n')).toEqual([
      '\uFEFFdate,weekday,position,memberId,memberName,kind,coversFor,start,end,hoursConfirmed',
      '2024-04-15,Thứ Hai,primary,nguyen-manh-ha,Bà Nguyễn Mạnh Hà,regular,,2024-04-15T07:30:00+07:00,2024-04-15T16:30:00+07:00,true',
      // Summer hours are the regional norm, not confirmed by the province yet.
      '2024-04-16,Thứ Ba,backup,nguyen-van-luyen,Ông Nguyễn Văn Luyện,regular,,2024-04-16T07:00:00+07:00,2024-04-16T17:00:00+07:00,false',
      '',
    ]);
  });

  it.each([
    [
      ['--from', '2024-05-10', '--to', '2024-05-01'],
      'lichtruc: --to 2024-05-01 is before --from 2024-05-10\n',
    ],
    [
      ['--from', '2024-02-30', '--to', '2024-03-01'],
      'lichtruc: --from 2024-02-30: expected a real date written YYYY-MM-DD\n',
    ],
    [
      ['--from', '2024-01-01', '--to', '9999-12-31'],
      'lichtruc: --to 9999-12-31: expected a date from 1976-01-01 to 2199-12-31\n',
    ],
    [['--to', '2024-03-01'], 'lichtruc: --from YYYY-MM-DD is required\n'],
    [
      ['--from', '2024-05-01', '--to', '2024-05-02', '--format', 'pdf'],
      'lichtruc: --format must be one of table, json, csv\n',
    ],
  ])('refuses bad options %j with a readable message', (args, message) => {
    expect(lichtruc('preview', 'so-vhttdl-bac-giang', ...args)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: message,
    });
  });

  it('names the known rosters when the id is unknown', () => {
    const result = lichtruc('preview', 'so-khong-co', '--from', '2024-05-01', '--to', '2024-05-02');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no roster file or roster id "so-khong-co" (rosters in');
    expect(result.stderr).toContain('so-vhttdl-bac-giang');
  });

  it('rejects an absences file naming an unknown member or overlapping itself', () => {
    const absences = tempFile(
      'absences.yaml',
      [
        '- { memberId: nguyen-van-x, from: 2024-05-06, to: 2024-05-06, reason: leave }',
        '- { memberId: nguyen-manh-ha, from: 2024-05-06, to: 2024-05-08, reason: leave }',
        '- { memberId: nguyen-manh-ha, from: 2024-05-08, to: 2024-05-09, reason: sick }',
        '',
      ].join('\n'),
    );
    const result = lichtruc(
      'preview',
      'so-vhttdl-bac-giang',
      '--from',
      '2024-05-06',
      '--to',
      '2024-05-10',
      '--absences',
      absences,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'entry 1: no member with id "nguyen-van-x" in roster so-vhttdl-bac-giang',
    );
    expect(result.stderr).toContain(
      'entry 3: overlaps another absence of nguyen-manh-ha (2024-05-06 to 2024-05-08)',
    );
  });
});

describe('lichtruc holidays', () => {
  it('lists an official year with its sources', () => {
    const result = lichtruc('holidays', '2024');
    expect(result.stdout).toMatch(
      /^04\/05\/2024 {2}Thứ Bảy {2}Làm bù cho Thứ Hai 29\/04\/2024 +chính thức +2450\/VPCP-KGVX$/m,
    );
  });

  it('marks a year without a notice as estimated', () => {
    const result = lichtruc('holidays', '2030', '--format', 'json');
    const table = JSON.parse(result.stdout);
    expect(table.estimated).toBe(true);
    // Mùng 1 Tết 2030 is 02/02 in Vietnam (03/02 in China).
    expect(
      table.entries.find((entry: { date: string }) => entry.date === '2030-02-01'),
    ).toMatchObject({ name: 'Tết Nguyên Đán', status: 'estimated' });
  });
});
