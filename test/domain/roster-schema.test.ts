import { describe, expect, it } from 'vitest';
import { parseDocumentWith } from '../../src/domain/parse-document.ts';
import { RosterSchema } from '../../src/domain/roster-schema.ts';
import { letterRoster } from '../support/sample.ts';

function issuesOf(input: unknown) {
  const result = RosterSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const withPeriods = (periods: unknown[]) => ({ ...letterRoster, periods });
const period = letterRoster.periods[0]!;

describe('the roster schema', () => {
  it('accepts the founding letter as written, with its honorifics stored', () => {
    expect(letterRoster.members.map((member) => `${member.honorific} ${member.fullName}`)).toEqual([
      'Bà Nguyễn Mạnh Hà',
      'Ông Nguyễn Văn Luyện',
      'Ông Nguyễn Văn Hanh',
    ]);
    expect(letterRoster.periods[0]).toMatchObject({
      from: '2024-04-15',
      to: '2024-06-30',
      continuesAfterEnd: true,
    });
    expect(letterRoster.cover.strategy).toBe('rotation');
    expect(letterRoster.makeUpSaturday.strategy).toBe('replaced-weekday');
  });

  it('rejects a pattern naming someone who is not a member', () => {
    const broken = withPeriods([
      { ...period, pattern: { monday: { position: 'primary', memberId: 'nguyen-van-x' } } },
    ]);
    expect(issuesOf(broken)).toEqual([
      'periods.0.pattern.monday.memberId: no member with id "nguyen-van-x" in this roster',
    ]);
  });

  it('rejects impossible dates and periods that end before they start or overlap', () => {
    expect(issuesOf(withPeriods([{ ...period, from: '2024-02-30' }]))).toEqual([
      'periods.0.from: no such date in the calendar',
    ]);
    expect(issuesOf(withPeriods([{ ...period, to: '2024-04-01' }]))).toEqual([
      'periods.0.to: ends (2024-04-01) before it starts (2024-04-15)',
    ]);
    const overlapping = withPeriods([
      period,
      { ...period, id: 'later', from: '2024-06-01', to: undefined },
    ]);
    expect(issuesOf(overlapping)).toEqual([
      'periods.0.to: overlaps the next period, which starts 2024-06-01',
    ]);
  });

  it('requires seasons to cover the whole year without overlap', () => {
    const hours = [
      {
        seasons: [
          {
            name: 'Mùa đông',
            from: '10-16',
            to: '04-15',
            sessions: [{ start: '07:30', end: '12:00' }],
          },
        ],
      },
    ];
    expect(issuesOf({ ...letterRoster, workingHours: hours })).toEqual([
      'workingHours.0.seasons: no season covers 16/04: seasons must cover the whole year',
    ]);
  });

  it('rejects names with line breaks and normalises decomposed Vietnamese to NFC', () => {
    const member = letterRoster.members[0]!;
    const crlf = {
      ...letterRoster,
      members: [
        { ...member, fullName: 'Nguyễn Mạnh Hà\r\nX-INJECTED:1' },
        ...letterRoster.members.slice(1),
      ],
    };
    expect(issuesOf(crlf)).toEqual([
      'members.0.fullName: must be one line without control characters',
    ]);
    const decomposed = 'Nguyê\u0303n Ma\u0323nh Ha\u0300';
    const parsed = RosterSchema.parse({
      ...letterRoster,
      members: [{ ...member, fullName: decomposed }, ...letterRoster.members.slice(1)],
    });
    expect(parsed.members[0]!.fullName).toBe('Nguyễn Mạnh Hà');
  });

  it('rejects an honorific it would have to guess', () => {
    const member = { ...letterRoster.members[0]!, honorific: 'Chị' };
    expect(
      issuesOf({ ...letterRoster, members: [member, ...letterRoster.members.slice(1)] })[0],
    ).toMatch(/^members\.0\.honorific:/);
  });
});

describe('parsing a roster file', () => {
  it('places each problem at its line and column', () => {
    const text = [
      'id: demo',
      'name: Demo',
      'organisation: { id: org, names: [{ name: Org }] }',
      'desk: { id: desk, title: Bộ phận Một cửa, names: [{ location: Trung tâm }] }',
      'workingHours:',
      '  - seasons: [{ name: Cả năm, from: "01-01", to: "12-31", sessions: [{ start: "07:30", end: "16:30" }] }]',
      'members:',
      '  - { id: a, honorific: Bà, fullName: Nguyễn Thị A, title: Chuyên viên, unit: Văn phòng, role: primary }',
      'periods:',
      '  - id: p1',
      '    from: 2024-13-01',
      '    pattern:',
      '      monday: { position: primary, memberId: b }',
    ].join('\n');
    const result = parseDocumentWith(RosterSchema, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.line, issue.path, issue.message])).toEqual([
      [11, 'periods.0.from', 'no such date in the calendar'],
      [13, 'periods.0.pattern.monday.memberId', 'no member with id "b" in this roster'],
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = parseDocumentWith(RosterSchema, 'id: demo\nname: [unclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.line).toBeGreaterThanOrEqual(2);
  });
});
