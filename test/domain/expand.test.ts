import { describe, expect, it } from 'vitest';
import { eventText, eventTitle } from '../../src/domain/event-text.ts';
import { expandRoster } from '../../src/domain/expand.ts';
import type { Absence, Override, RosterFacts, Swap } from '../../src/domain/facts-schema.ts';
import { RosterSchema } from '../../src/domain/roster-schema.ts';
import type { DutySlot } from '../../src/domain/slot.ts';
import { HA, HANH, holidays, LUYEN, letterRoster } from '../support/sample.ts';

function expand(from: string, to: string, facts: Partial<RosterFacts> = {}, roster = letterRoster) {
  return expandRoster({
    roster,
    holidays,
    from,
    to,
    facts: { absences: [], overrides: [], swaps: [], ...facts },
  });
}

const onDate = (slots: DutySlot[], date: string) => slots.find((slot) => slot.date === date);
const servedBy = (slots: DutySlot[]) =>
  Object.fromEntries(slots.map((slot) => [slot.date, slot.memberId]));
const absence = (
  memberId: string,
  from: string,
  to: string,
  reason: Absence['reason'] = 'leave',
): Absence => ({ memberId, from, to, reason });

describe('the founding letter, 15/04–30/06/2024', () => {
  const { slots, closedDays } = expand('2024-04-15', '2024-06-30');

  it('staffs every open weekday with the officer the letter names', () => {
    const byWeekday = new Map<number, Set<string | null>>();
    for (const slot of slots) {
      const weekday = new Date(`${slot.date}T00:00:00Z`).getUTCDay();
      if (!byWeekday.has(weekday)) byWeekday.set(weekday, new Set());
      byWeekday.get(weekday)!.add(slot.memberId);
    }
    expect(byWeekday.get(1)).toEqual(new Set([HA]));
    expect(byWeekday.get(2)).toEqual(new Set([LUYEN]));
    expect(byWeekday.get(3)).toEqual(new Set([HA]));
    expect(byWeekday.get(4)).toEqual(new Set([HANH]));
    expect(byWeekday.get(5)).toEqual(new Set([HA]));
    // 55 weekdays, 4 of them closed, plus the làm bù Saturday 04/05.
    expect(slots).toHaveLength(52);
    expect(slots.filter((slot) => slot.memberId === HA)).toHaveLength(32);
    expect(slots.filter((slot) => slot.memberId === LUYEN)).toHaveLength(10);
    expect(slots.filter((slot) => slot.memberId === HANH)).toHaveLength(10);
  });

  it('uses the positions of the letter: Hà trực chính, the others trực dự bị', () => {
    expect(onDate(slots, '2024-04-15')).toMatchObject({
      position: 'primary',
      kind: 'regular',
      memberId: HA,
    });
    expect(onDate(slots, '2024-04-16')).toMatchObject({
      position: 'backup',
      kind: 'regular',
      memberId: LUYEN,
    });
    expect(onDate(slots, '2024-04-25')).toMatchObject({
      position: 'backup',
      kind: 'regular',
      memberId: HANH,
    });
  });

  it('reports the days the office is closed, by name', () => {
    expect(closedDays.map((day) => [day.date, day.name])).toEqual([
      ['2024-04-18', 'Giỗ Tổ Hùng Vương'],
      ['2024-04-29', 'Nghỉ hoán đổi (làm bù Thứ Bảy 04/05/2024)'],
      ['2024-04-30', 'Ngày Chiến thắng'],
      ['2024-05-01', 'Ngày Quốc tế Lao động'],
    ]);
    expect(slots.map((slot) => slot.date)).not.toContain('2024-04-18');
  });

  it('staffs the làm bù Saturday 04/05 with the pattern of the Monday it replaces', () => {
    expect(onDate(slots, '2024-05-04')).toMatchObject({
      kind: 'makeup',
      memberId: HA,
      position: 'primary',
      makeupFor: '2024-04-29',
    });
    expect(eventTitle(letterRoster, onDate(slots, '2024-05-04')!)).toBe(
      'Trực Bộ phận Một cửa – Trực chính: Bà Nguyễn Mạnh Hà (Thứ Bảy làm bù cho Thứ Hai 29/04/2024)',
    );
  });

  it('gives each slot the working hours of its season, in the roster zone', () => {
    expect(onDate(slots, '2024-04-15')).toMatchObject({
      start: '2024-04-15T07:30:00+07:00',
      end: '2024-04-15T16:30:00+07:00',
    });
    expect(onDate(slots, '2024-04-16')).toMatchObject({
      start: '2024-04-16T07:00:00+07:00',
      end: '2024-04-16T17:00:00+07:00',
    });
  });

  it('keys each slot by roster, date and position', () => {
    expect(onDate(slots, '2024-04-15')!.key).toBe('so-vhttdl-bac-giang/2024-04-15/primary');
  });
});

describe('after 30/06/2024 the pattern continues, as the letter says', () => {
  it('keeps the same rotation in July 2024 and in 2026', () => {
    const july = expand('2024-07-01', '2024-07-05').slots;
    expect(july.map((slot) => slot.memberId)).toEqual([HA, LUYEN, HA, HANH, HA]);
    const { slots, closedDays } = expand('2026-08-17', '2026-09-04');
    expect(servedBy(slots)['2026-08-22']).toBe(HA); // làm bù for Monday 31/08
    expect(closedDays.map((day) => day.date)).toEqual(['2026-08-31', '2026-09-01', '2026-09-02']);
  });

  it('stops at the end of a period that does not continue', () => {
    const roster = RosterSchema.parse({
      ...letterRoster,
      periods: [{ ...letterRoster.periods[0], continuesAfterEnd: false }],
    });
    expect(expand('2024-06-28', '2024-07-05', {}, roster).slots.map((slot) => slot.date)).toEqual([
      '2024-06-28',
    ]);
  });

  it('names the organisation and place in force on the day: Bắc Giang before 01/07/2025, Bắc Ninh after', () => {
    const before = onDate(expand('2025-06-30', '2025-06-30').slots, '2025-06-30')!;
    const after = onDate(expand('2025-07-01', '2025-07-01').slots, '2025-07-01')!;
    expect(eventText(letterRoster, before).location).toBe(
      'Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
    );
    expect(eventText(letterRoster, after).location).toBe(
      'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh',
    );
    expect(eventText(letterRoster, after).description).toContain('Sở VHTTDL tỉnh Bắc Ninh');
  });
});

describe('covers: the remaining officers take the day in rotation', () => {
  it('covers a week of leave of the primary officer in turn', () => {
    const { slots } = expand('2024-05-06', '2024-05-10', {
      absences: [absence(HA, '2024-05-06', '2024-05-10')],
    });
    expect(servedBy(slots)).toEqual({
      '2024-05-06': LUYEN,
      '2024-05-07': LUYEN,
      '2024-05-08': HANH,
      '2024-05-09': HANH,
      '2024-05-10': LUYEN,
    });
    const monday = onDate(slots, '2024-05-06')!;
    expect(monday).toMatchObject({
      kind: 'cover',
      coversFor: HA,
      reason: 'leave',
      regularMemberId: HA,
    });
    expect(eventTitle(letterRoster, monday)).toBe(
      'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)',
    );
  });

  it('covers a backup officer in training, and says so', () => {
    const { slots } = expand('2024-05-14', '2024-05-14', {
      absences: [absence(LUYEN, '2024-05-14', '2024-05-14', 'training')],
    });
    expect(slots[0]).toMatchObject({
      memberId: HA,
      kind: 'cover',
      coversFor: LUYEN,
      reason: 'training',
    });
    expect(eventTitle(letterRoster, slots[0]!)).toContain(
      '(thay Ông Nguyễn Văn Luyện đi học tập, bồi dưỡng)',
    );
    expect(eventTitle(letterRoster, slots[0]!, 'en')).toBe(
      'Duty at Bộ phận Một cửa – Cover: Nguyễn Mạnh Hà (for Nguyễn Văn Luyện in training)',
    );
  });

  it('never gives the day to someone who is absent too, and reports a day nobody can serve', () => {
    const both = expand('2024-05-08', '2024-05-08', {
      absences: [
        absence(HA, '2024-05-08', '2024-05-08'),
        absence(LUYEN, '2024-05-01', '2024-05-31', 'sick'),
      ],
    });
    expect(both.slots[0]).toMatchObject({ memberId: HANH, kind: 'cover' });
    const everyone = expand('2024-05-08', '2024-05-08', {
      absences: [
        absence(HA, '2024-05-08', '2024-05-08'),
        absence(LUYEN, '2024-05-08', '2024-05-08'),
        absence(HANH, '2024-05-08', '2024-05-08'),
      ],
    });
    expect(everyone.slots[0]).toMatchObject({ kind: 'uncovered', memberId: null, coversFor: HA });
    expect(eventTitle(letterRoster, everyone.slots[0]!)).toBe(
      'Trực Bộ phận Một cửa – Chưa có người trực thay Bà Nguyễn Mạnh Hà (nghỉ phép)',
    );
  });

  it('spreads a long absence evenly: covers differ by at most one', () => {
    const { slots } = expand('2024-09-02', '2024-10-31', {
      absences: [absence(HA, '2024-09-02', '2024-10-31')],
    });
    const covers = slots.filter((slot) => slot.kind === 'cover');
    const luyen = covers.filter((slot) => slot.memberId === LUYEN).length;
    const hanh = covers.filter((slot) => slot.memberId === HANH).length;
    expect(luyen + hanh).toBe(covers.length);
    expect(covers.length).toBeGreaterThan(20);
    expect(Math.abs(luyen - hanh)).toBeLessThanOrEqual(1);
  });

  it('gives the same cover for a day whatever range is asked for', () => {
    const facts = {
      absences: [
        absence(HA, '2024-05-06', '2024-05-31'),
        absence(HANH, '2024-05-20', '2024-05-24', 'business'),
      ],
    };
    const whole = servedBy(expand('2024-05-01', '2024-05-31', facts).slots);
    const tail = servedBy(expand('2024-05-22', '2024-05-31', facts).slots);
    for (const [date, member] of Object.entries(tail)) expect(whole[date], date).toBe(member);
  });

  it('covers a làm bù Saturday when its officer is away', () => {
    const { slots } = expand('2024-05-04', '2024-05-04', {
      absences: [absence(HA, '2024-05-02', '2024-05-06')],
    });
    // Luyện already covered Friday 03/05 (replayed although outside the range asked for), so it is Hanh's turn.
    expect(slots[0]).toMatchObject({
      kind: 'cover',
      memberId: HANH,
      coversFor: HA,
      makeupFor: '2024-04-29',
    });
  });

  it('leaves the slot to an admin when the cover policy is none', () => {
    const roster = RosterSchema.parse({ ...letterRoster, cover: { strategy: 'none' } });
    const { slots } = expand(
      '2024-05-06',
      '2024-05-06',
      { absences: [absence(HA, '2024-05-06', '2024-05-06')] },
      roster,
    );
    expect(slots[0]).toMatchObject({ kind: 'uncovered', memberId: null });
  });
});

describe('overrides and swaps', () => {
  const override = (date: string, memberId: string, extra: Partial<Override> = {}): Override => ({
    date,
    memberId,
    ...extra,
  });

  it('an override names who serves, and wins over cover', () => {
    const { slots } = expand('2024-05-06', '2024-05-06', {
      absences: [absence(HA, '2024-05-06', '2024-05-06')],
      overrides: [override('2024-05-06', HANH, { note: 'Theo chỉ đạo của Chánh Văn phòng' })],
    });
    expect(slots[0]).toMatchObject({
      kind: 'override',
      memberId: HANH,
      coversFor: HA,
      note: 'Theo chỉ đạo của Chánh Văn phòng',
    });
  });

  it('an override on a closed day, or naming an absent officer, becomes a conflict instead of vanishing', () => {
    const result = expand('2024-04-18', '2024-05-06', {
      absences: [absence(LUYEN, '2024-05-06', '2024-05-06')],
      overrides: [override('2024-04-18', HANH), override('2024-05-06', LUYEN)],
    });
    expect(result.conflicts.map((conflict) => [conflict.date, conflict.code])).toEqual([
      ['2024-04-18', 'override-on-closed-day'],
      ['2024-05-06', 'override-member-absent'],
    ]);
    expect(onDate(result.slots, '2024-05-06')).toMatchObject({ memberId: HA, kind: 'regular' });
  });

  it('a swap exchanges the officers of two slots', () => {
    const swap: Swap = {
      first: { date: '2024-05-07' },
      second: { date: '2024-05-09' },
      note: 'Đổi ca',
    };
    const { slots } = expand('2024-05-06', '2024-05-10', { swaps: [swap] });
    expect(onDate(slots, '2024-05-07')).toMatchObject({
      memberId: HANH,
      kind: 'override',
      swappedWith: '2024-05-09',
      coversFor: LUYEN,
    });
    expect(onDate(slots, '2024-05-09')).toMatchObject({
      memberId: LUYEN,
      kind: 'override',
      swappedWith: '2024-05-07',
    });
    expect(eventTitle(letterRoster, onDate(slots, '2024-05-07')!)).toBe(
      'Trực Bộ phận Một cửa – Phân công trực: Ông Nguyễn Văn Hanh (đổi ca với ngày 09/05/2024)',
    );
  });
});
