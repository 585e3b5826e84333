import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../support/sample.ts';

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');
const LETTER = ['--from', '2024-04-15', '--to', '2024-06-30'];

function lichtruc(...args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args, '--calendars', CALENDARS], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function absencesFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lichtruc-')), 'absences.yaml');
  writeFileSync(path, text);
  return path;
}

const LEAVE = absencesFile(
  '- { memberId: nguyen-manh-ha, from: 2024-05-06, to: 2024-05-10, reason: leave }\n',
);

describe('lichtruc report', () => {
  it('prints one JSON object per member with counts, and the days behind them under …Detail', () => {
    const result = lichtruc(
      'report',
      'so-vhttdl-bac-giang',
      ...LETTER,
      '--absences',
      LEAVE,
      '--format',
      'json',
    );
    expect(result.code).toBe(0);
    const members = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(
      members.map(({ memberId, memberName, scheduled, served, coversGiven, coversReceived }) => ({
        memberId,
        memberName,
        scheduled,
        served,
        coversGiven,
        coversReceived,
      })),
    ).toEqual([
      {
        memberId: 'nguyen-manh-ha',
        memberName: 'Bà Nguyễn Mạnh Hà',
        scheduled: 32,
        served: 29,
        coversGiven: 0,
        coversReceived: 3,
      },
      {
        memberId: 'nguyen-van-hanh',
        memberName: 'Ông Nguyễn Văn Hanh',
        scheduled: 10,
        served: 11,
        coversGiven: 1,
        coversReceived: 0,
      },
      {
        memberId: 'nguyen-van-luyen',
        memberName: 'Ông Nguyễn Văn Luyện',
        scheduled: 10,
        served: 12,
        coversGiven: 2,
        coversReceived: 0,
      },
    ]);
    expect(members[0]!.coversReceivedDetail).toEqual([
      {
        date: '2024-05-06',
        position: 'primary',
        byMemberId: 'nguyen-van-luyen',
        byMemberName: 'Ông Nguyễn Văn Luyện',
        reason: 'leave',
      },
      {
        date: '2024-05-08',
        position: 'primary',
        byMemberId: 'nguyen-van-hanh',
        byMemberName: 'Ông Nguyễn Văn Hanh',
        reason: 'leave',
      },
      {
        date: '2024-05-10',
        position: 'primary',
        byMemberId: 'nguyen-van-luyen',
        byMemberName: 'Ông Nguyễn Văn Luyện',
        reason: 'leave',
      },
    ]);
  });

  it('prints a table with a total row and the roster figures', () => {
    const result = lichtruc('report', join(CALENDARS, 'so-vhttdl-bac-giang.yaml'), ...LETTER);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Từ 15\/04\/2024 đến 30\/06\/2024$/m);
    expect(result.stdout).toMatch(/^1 +Bà Nguyễn Mạnh Hà +32 +32 +0 +0 +0 +0$/m);
    expect(result.stdout).toMatch(/^3 +Ông Nguyễn Văn Luyện +10 +10 +0 +0 +0 +0$/m);
    expect(result.stdout).toMatch(/^ +Cộng +52 +52 +0 +0 +0 +0$/m);
    expect(result.stdout).toContain(
      'Tỷ lệ ngày trực có người trực: 100,0 % (52/52); số ngày không có người trực: 0.',
    );
  });

  it('writes CSV with the columns of the API download, in English on request', () => {
    const result = lichtruc(
      'report',
      'so-vhttdl-bac-giang',
      ...LETTER,
      '--absences',
      LEAVE,
      '--format',
      'csv',
      '--lang',
      'en',
    );
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFNo.,Member id,Name,"Title, unit",Scheduled,Served,Covers given,Covers received,Overrides and swaps,Uncovered,Remarks',
    );
    expect(lines[3]).toBe(
      '3,nguyen-van-luyen,Nguyễn Văn Luyện,Chuyên viên Phòng Quản lý Văn hóa,10,12,2,0,0,0,"Covered: 06/05/2024 (Nguyễn Mạnh Hà on leave), 10/05/2024 (Nguyễn Mạnh Hà on leave)"',
    );
    expect(lines[4]).toBe(',,Total,,52,52,3,3,0,0,');
  });

  it.each([
    [
      ['--from', '2024-06-30', '--to', '2024-04-15'],
      'lichtruc: --to 2024-04-15 is before --from 2024-06-30\n',
    ],
    [['--to', '2024-06-30'], 'lichtruc: --from YYYY-MM-DD is required\n'],
    [[...LETTER, '--format', 'xlsx'], 'lichtruc: --format must be one of table, json, csv\n'],
  ])('refuses bad options %j with a readable message', (args, message) => {
    expect(lichtruc('report', 'so-vhttdl-bac-giang', ...args)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: message,
    });
  });
});
