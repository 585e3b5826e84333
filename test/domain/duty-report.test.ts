import { describe, expect, it } from 'vitest';
import {
  memberRecordView,
  memberRemarks,
  reportRows,
  summaryLines,
} from '../../src/domain/duty-report-view.ts';
import { buildDutyReport } from '../../src/domain/duty-report.ts';
import { expandRoster } from '../../src/domain/expand.ts';
import type { RosterFacts } from '../../src/domain/facts-schema.ts';
import { HA, HANH, holidays, LUYEN, letterRoster } from '../support/sample.ts';

function reportOf(facts: Partial<RosterFacts> = {}, from = '2024-04-15', to = '2024-06-30') {
  const { slots } = expandRoster({
    roster: letterRoster,
    holidays,
    from,
    to,
    facts: { absences: [], overrides: [], swaps: [], ...facts },
  });
  return { slots, report: buildDutyReport(letterRoster, slots) };
}

const counts = (report: ReturnType<typeof reportOf>['report']) =>
  Object.fromEntries(
    report.members.map((record) => [
      record.memberId,
      [record.scheduled, record.served, record.coversGiven.length, record.coversReceived.length],
    ]),
  );

describe('duty records of the founding letter, 15/04–30/06/2024', () => {
  it('without absences everyone served exactly what the pattern gave them', () => {
    // 11 whole weeks. Mondays 11 − 29/04 (swapped day off) = 10, Wednesdays 11 − 01/05 = 10, Fridays 11, plus the làm
    // bù Saturday 04/05: Hà 32. Tuesdays 11 − 30/04 = 10 for Luyện; Thursdays 11 − 18/04 (Giỗ Tổ) = 10 for Hanh.
    const { report } = reportOf();
    expect(counts(report)).toEqual({
      [HA]: [32, 32, 0, 0],
      [LUYEN]: [10, 10, 0, 0],
      [HANH]: [10, 10, 0, 0],
    });
    expect(report.roster).toEqual({
      slots: 52,
      served: 52,
      covers: 0,
      overrides: 0,
      uncovered: 0,
      coverageRate: 1,
      coverSpread: 0,
      coverSpreadAmong: [],
      coverPool: [HA, LUYEN, HANH],
    });
    expect(summaryLines(report)).toEqual([
      'Tỷ lệ ngày trực có người trực: 100,0 % (52/52); số ngày không có người trực: 0.',
      'Không có ngày nào phải trực thay.',
    ]);
  });

  it('lists members in Vietnamese order: by given name (Hà, Hanh, Luyện), with their honorifics', () => {
    expect(reportOf().report.members.map((record) => record.memberName)).toEqual([
      'Bà Nguyễn Mạnh Hà',
      'Ông Nguyễn Văn Hanh',
      'Ông Nguyễn Văn Luyện',
    ]);
  });

  it('counts the covers of a week of leave as the rotation gives them', () => {
    // Hà on leave Mon 06 – Fri 10/05: her days are 06, 08 and 10/05 (07 is Luyện's, 09 Hanh's, both serve them).
    // 06/05: nobody has covered yet, Luyện comes first in the roster → Luyện (1–0).
    // 08/05: Hanh has fewer covers → Hanh (1–1).
    // 10/05: tied, Luyện's last cover (06/05) is older than Hanh's (08/05) → Luyện (2–1).
    const { slots, report } = reportOf({
      absences: [{ memberId: HA, from: '2024-05-06', to: '2024-05-10', reason: 'leave' }],
    });
    expect(counts(report)).toEqual({
      [HA]: [32, 29, 0, 3],
      [LUYEN]: [10, 12, 2, 0],
      [HANH]: [10, 11, 1, 0],
    });

    // The same numbers, counted straight off the schedule.
    const servedBy = (id: string) => slots.filter((slot) => slot.memberId === id).length;
    expect([servedBy(HA), servedBy(LUYEN), servedBy(HANH)]).toEqual([29, 12, 11]);

    const ha = report.members.find((record) => record.memberId === HA)!;
    expect(ha.coversReceived).toEqual([
      { date: '2024-05-06', position: 'primary', byMemberId: LUYEN, reason: 'leave' },
      { date: '2024-05-08', position: 'primary', byMemberId: HANH, reason: 'leave' },
      { date: '2024-05-10', position: 'primary', byMemberId: LUYEN, reason: 'leave' },
    ]);
    const luyen = report.members.find((record) => record.memberId === LUYEN)!;
    expect(luyen.coversGiven.map((cover) => [cover.date, cover.forMemberId, cover.reason])).toEqual(
      [
        ['2024-05-06', HA, 'leave'],
        ['2024-05-10', HA, 'leave'],
      ],
    );
    // Hà, on leave, could take none of these covers: the spread compares Luyện (2) and Hanh (1), not Hà's 0.
    expect(report.roster).toMatchObject({
      slots: 52,
      served: 52,
      covers: 3,
      coverageRate: 1,
      coverSpread: 1,
      coverSpreadAmong: [LUYEN, HANH],
    });
    expect(summaryLines(report)[1]).toBe(
      'Chênh lệch số lần trực thay giữa các công chức cùng có thể trực thay mọi ngày cần thay (Ông Nguyễn Văn Luyện, Ông Nguyễn Văn Hanh): 1.',
    );
  });

  it('reports a day nobody could cover, an override and a swap, each where a person would look for it', () => {
    const { report } = reportOf({
      absences: [
        { memberId: HA, from: '2024-05-13', to: '2024-05-13', reason: 'training' },
        { memberId: LUYEN, from: '2024-05-13', to: '2024-05-13', reason: 'sick' },
        { memberId: HANH, from: '2024-05-13', to: '2024-05-13', reason: 'business' },
      ],
      overrides: [
        { date: '2024-05-15', memberId: HANH, note: 'Theo phân công của Chánh Văn phòng' },
      ],
      swaps: [{ first: { date: '2024-05-21' }, second: { date: '2024-05-23' } }],
    });
    // Hà loses Mon 13/05 (everyone away: uncovered) and Wed 15/05 (given to Hanh): 32 − 2 = 30 served.
    // Luyện gives Tue 21/05 to Hanh and serves Thu 23/05 instead: still 10. Hanh: 10 + 15/05 = 11.
    // Nobody covered 13/05, so Hà received no cover: the day is hers under `uncovered`.
    expect(counts(report)).toEqual({
      [HA]: [32, 30, 0, 0],
      [LUYEN]: [10, 10, 0, 0],
      [HANH]: [10, 11, 0, 0],
    });
    const [ha, hanh, luyen] = report.members;
    expect(ha!.uncovered).toEqual([
      { date: '2024-05-13', position: 'primary', reason: 'training' },
    ]);
    expect(ha!.coversReceived).toEqual([]);
    expect(hanh!.overrides).toEqual([
      {
        date: '2024-05-15',
        position: 'primary',
        insteadOfMemberId: HA,
        swappedWith: null,
        note: 'Theo phân công của Chánh Văn phòng',
      },
      {
        date: '2024-05-21',
        position: 'backup',
        insteadOfMemberId: LUYEN,
        swappedWith: '2024-05-23',
        note: null,
      },
    ]);
    expect(luyen!.overrides.map((override) => [override.date, override.swappedWith])).toEqual([
      ['2024-05-23', '2024-05-21'],
    ]);
    expect(report.roster).toMatchObject({
      slots: 52,
      served: 51,
      covers: 0,
      overrides: 3,
      uncovered: 1,
      coverSpread: 0,
    });
    expect(report.roster.coverageRate).toBeCloseTo(51 / 52, 10);
    expect(summaryLines(report)).toEqual([
      'Tỷ lệ ngày trực có người trực: 98,1 % (51/52); số ngày không có người trực: 1.',
      'Không có ngày nào phải trực thay.',
    ]);
    expect(memberRemarks(letterRoster, hanh!)).toBe(
      'Trực theo phân công: 15/05/2024 (thay Bà Nguyễn Mạnh Hà); Đổi ca: 21/05/2024 (với ngày 23/05/2024)',
    );
    expect(memberRemarks(letterRoster, ha!)).toBe(
      'Không có người trực thay: 13/05/2024 (đi học tập, bồi dưỡng)',
    );
  });
});

describe('the public shape of the records', () => {
  const { report } = reportOf({
    absences: [{ memberId: HA, from: '2024-05-06', to: '2024-05-10', reason: 'leave' }],
  });

  it('gives counts as numbers and the days behind them under …Detail, with names', () => {
    const luyen = memberRecordView(letterRoster, report.members[2]!);
    expect(luyen).toMatchObject({
      memberId: LUYEN,
      memberName: 'Ông Nguyễn Văn Luyện',
      scheduled: 10,
      served: 12,
      coversGiven: 2,
      coversReceived: 0,
    });
    expect(luyen.coversGivenDetail[0]).toEqual({
      date: '2024-05-06',
      position: 'primary',
      forMemberId: HA,
      forMemberName: 'Bà Nguyễn Mạnh Hà',
      reason: 'leave',
    });
    expect(memberRecordView(letterRoster, report.members[0]!, 'en').memberName).toBe(
      'Nguyễn Mạnh Hà',
    );
  });

  it('writes rows a clerk can add up: one per member, then the total', () => {
    const rows = reportRows(letterRoster, report);
    expect(
      rows.map((row) => [
        row.index,
        row.memberName,
        row.scheduled,
        row.served,
        row.coversGiven,
        row.coversReceived,
      ]),
    ).toEqual([
      [1, 'Bà Nguyễn Mạnh Hà', 32, 29, 0, 3],
      [2, 'Ông Nguyễn Văn Hanh', 10, 11, 1, 0],
      [3, 'Ông Nguyễn Văn Luyện', 10, 12, 2, 0],
      [null, 'Cộng', 52, 52, 3, 3],
    ]);
    expect(rows[0]!.titleAndUnit).toBe('Chuyên viên Văn phòng Sở');
    expect(rows[2]!.remarks).toBe(
      'Trực thay: 06/05/2024 (Bà Nguyễn Mạnh Hà nghỉ phép), 10/05/2024 (Bà Nguyễn Mạnh Hà nghỉ phép)',
    );
    expect(rows[0]!.remarks).toBe(
      'Được trực thay: 06/05/2024 (nghỉ phép, Ông Nguyễn Văn Luyện), 08/05/2024 (nghỉ phép, Ông Nguyễn Văn Hanh), 10/05/2024 (nghỉ phép, Ông Nguyễn Văn Luyện)',
    );
  });
});

describe('the spread of covers, as the rotation shares them', () => {
  it('compares nobody when no two members could each have taken every cover', () => {
    // Hà and Luyện each take two weeks of leave; the others cover.
    const { report } = reportOf(
      {
        absences: [
          { memberId: HA, from: '2024-05-06', to: '2024-05-17', reason: 'leave' },
          { memberId: LUYEN, from: '2024-06-03', to: '2024-06-14', reason: 'leave' },
        ],
      },
      '2024-04-15',
      '2024-12-31',
    );
    // Hà's six days went to Luyện and Hanh (3 each); Luyện's two Tuesdays to Hà and Hanh by the fewest-first
    // rule. Hanh could take every cover, Hà and Luyện could not: fewer than two compare.
    const given = Object.fromEntries(
      report.members.map((record) => [record.memberId, record.coversGiven.length]),
    );
    expect(given).toEqual({ [HA]: 2, [LUYEN]: 3, [HANH]: 3 });
    expect(report.roster.coverSpreadAmong).toEqual([]);
    expect(report.roster.coverSpread).toBe(0);
  });

  it('counts per year as the rotation does, and leaves out a member away on a day they had no duty', () => {
    const facts = {
      absences: [
        { memberId: HA, from: '2024-12-16', to: '2024-12-20', reason: 'leave' as const },
        { memberId: HA, from: '2025-01-06', to: '2025-01-10', reason: 'leave' as const },
      ],
    };
    // Two windows (2024, 2025), each 2–1 between Luyện and Hanh: 1, not the 2 of a sum across years.
    const { report } = reportOf(facts, '2024-12-01', '2025-01-31');
    expect(report.roster.coverSpread).toBe(1);
    expect(report.roster.coverSpreadAmong).toEqual([LUYEN, HANH]);
    const given = Object.fromEntries(
      report.members.map((record) => [record.memberId, record.coversGiven.length]),
    );
    expect(given).toEqual({ [HA]: 0, [LUYEN]: 4, [HANH]: 2 });

    // Hanh away on Wednesday 08/01/2025, a day he has no duty: only the absences say he could not cover it.
    const away = [
      ...facts.absences,
      { memberId: HANH, from: '2025-01-08', to: '2025-01-08', reason: 'training' as const },
    ];
    const { slots } = expandRoster({
      roster: letterRoster,
      holidays,
      from: '2025-01-01',
      to: '2025-01-31',
      facts: { absences: away, overrides: [], swaps: [] },
    });
    expect(buildDutyReport(letterRoster, slots).roster.coverSpreadAmong).toEqual([LUYEN, HANH]);
    expect(buildDutyReport(letterRoster, slots, away).roster.coverSpreadAmong).toEqual([]);
  });
});
