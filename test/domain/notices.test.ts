import { describe, expect, it } from 'vitest';
import { expandRoster } from '../../src/domain/expand.ts';
import type { Absence } from '../../src/domain/facts-schema.ts';
import { slotChangeEvent } from '../../src/domain/notice-events.ts';
import { netChanges, noticeWorthy, planNotices } from '../../src/domain/notice-plan.ts';
import { memberNotice, uncoveredNotice } from '../../src/domain/notice-text.ts';
import { parseQuietHours, releaseAfterQuietHours } from '../../src/domain/quiet-hours.ts';
import { diffSlots } from '../../src/domain/slot-diff.ts';
import { HA, HANH, holidays, LUYEN, letterRoster } from '../support/sample.ts';

const WINDOW = { from: '2026-12-07', to: '2026-12-21' };

function slotsWith(absences: Absence[], roster = letterRoster) {
  return expandRoster({
    roster,
    holidays,
    from: '2026-12-01',
    to: '2026-12-31',
    facts: { absences, overrides: [], swaps: [] },
  }).slots;
}

const away = (memberId: string, from: string, to: string, reason: Absence['reason']): Absence => ({
  memberId,
  from,
  to,
  reason,
});
const changeOf = (before: Absence[], after: Absence[]) =>
  diffSlots(slotsWith(before), slotsWith(after));

describe('planNotices', () => {
  it("tells the covering officer and the absent one, nobody else, about Bà Hà's training on 09/12/2026", () => {
    const plan = planNotices(
      changeOf([], [away(HA, '2026-12-09', '2026-12-09', 'training')]),
      WINDOW,
    );
    expect(plan.members.map((entry) => [entry.memberId, entry.lines.map((l) => l.role)])).toEqual([
      [LUYEN, ['gained']],
      [HA, ['lost']],
    ]);
    expect(plan.changed.map((change) => change.key)).toEqual([
      'so-vhttdl-bac-giang/2026-12-09/primary',
    ]);
    const luyen = memberNotice(letterRoster, LUYEN, plan.members[0]!.lines);
    expect(luyen.subject).toBe('Thay đổi lịch trực Bộ phận Một cửa: Thứ Tư 09/12/2026');
    expect(luyen.text).toContain(
      'Ông Nguyễn Văn Luyện trực thay Bà Nguyễn Mạnh Hà (đi học tập, bồi dưỡng) vào Thứ Tư 09/12/2026, ' +
        '07:30–12:00, 13:00–16:30, tại Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh.',
    );
    expect(memberNotice(letterRoster, HA, plan.members[1]!.lines).text).toContain(
      'Bà Nguyễn Mạnh Hà được nghỉ trực Thứ Tư 09/12/2026 (07:30–12:00, 13:00–16:30); Ông Nguyễn Văn Luyện trực thay.',
    );
  });

  it('leaves out slots outside the notice window', () => {
    const change = changeOf([], [away(HA, '2026-12-23', '2026-12-23', 'leave')]);
    expect(change).toHaveLength(1);
    expect(planNotices(change, WINDOW)).toEqual({ members: [], uncovered: [], changed: [] });
  });

  it('writes a sensitive reason only for the absent member; colleagues and webhooks read "vắng"', () => {
    const plan = planNotices(changeOf([], [away(HA, '2026-12-09', '2026-12-09', 'sick')]), WINDOW);
    const luyen = memberNotice(letterRoster, LUYEN, plan.members[0]!.lines);
    expect(luyen.text).toContain('trực thay Bà Nguyễn Mạnh Hà (vắng) vào');
    expect(luyen.text + luyen.html).not.toContain('ốm');
    const event = slotChangeEvent(letterRoster, plan.changed[0]!, '2026-12-07T03:00:00Z');
    expect(event.type).toBe('duty.changed');
    expect(JSON.stringify(event)).not.toContain('sick');
    expect(event.data.after).toMatchObject({ memberId: LUYEN, coversFor: HA, reason: 'other' });
  });

  it('reports a day nobody can take as uncovered, with the real reason for admins', () => {
    const everyone = [
      away(LUYEN, '2026-12-09', '2026-12-09', 'leave'),
      away(HANH, '2026-12-09', '2026-12-09', 'business'),
    ];
    const plan = planNotices(
      changeOf(everyone, [...everyone, away(HA, '2026-12-09', '2026-12-09', 'sick')]),
      WINDOW,
    );
    expect(plan.uncovered.map((change) => change.after?.kind)).toEqual(['uncovered']);
    expect(plan.members.map((entry) => entry.memberId)).toEqual([HA]);
    const admin = uncoveredNotice(letterRoster, [plan.uncovered[0]!.after!]);
    expect(admin.subject).toBe('KHẨN: chưa có người trực Bộ phận Một cửa: Thứ Tư 09/12/2026');
    expect(admin.text).toContain('(Bà Nguyễn Mạnh Hà nghỉ ốm); cần phân công người trực.');
  });
});

describe('netChanges', () => {
  it('gives nothing for a change undone within the window, and the net result for two changes', () => {
    const absent = [away(HA, '2026-12-09', '2026-12-09', 'training')];
    const there = changeOf([], absent);
    const back = changeOf(absent, []);
    expect(netChanges([...there, ...back])).toEqual([]);
    const overridden = slotsWith(absent).map((slot) =>
      slot.date === '2026-12-09' ? { ...slot, memberId: HANH, kind: 'override' as const } : slot,
    );
    const net = netChanges([...there, ...diffSlots(slotsWith(absent), overridden)]);
    expect(net.map((change) => [change.before?.memberId, change.after?.memberId])).toEqual([
      [HA, HANH],
    ]);
  });
});

describe('noticeWorthy', () => {
  it('keeps changes of who serves inside the window, not a new reason nor later days', () => {
    const training = [away(HA, '2026-12-09', '2026-12-09', 'training')];
    const sick = [away(HA, '2026-12-09', '2026-12-09', 'sick')];
    expect(changeOf(training, sick)).toHaveLength(1); // the reason changed…
    expect(noticeWorthy(changeOf(training, sick), WINDOW)).toEqual([]); // …but not who serves
    const later = changeOf([], [away(HA, '2026-12-23', '2026-12-23', 'leave')]);
    expect(noticeWorthy(later, WINDOW)).toEqual([]);
    expect(noticeWorthy(changeOf([], training), WINDOW).map((change) => change.key)).toEqual([
      'so-vhttdl-bac-giang/2026-12-09/primary',
    ]);
  });
});

describe('quiet hours', () => {
  const quiet = parseQuietHours('21:00-06:30')!;
  const zone = 'Asia/Ho_Chi_Minh';

  it('holds a notice found at 22:15 local until 06:30 the next morning, and lets a daytime one go', () => {
    expect(
      releaseAfterQuietHours(new Date('2026-12-08T15:15:00Z'), zone, quiet).toISOString(),
    ).toBe('2026-12-08T23:30:00.000Z');
    expect(
      releaseAfterQuietHours(new Date('2026-12-08T21:00:00Z'), zone, quiet).toISOString(),
    ).toBe('2026-12-08T23:30:00.000Z');
    const day = new Date('2026-12-08T03:00:00Z');
    expect(releaseAfterQuietHours(day, zone, quiet)).toBe(day);
    expect(releaseAfterQuietHours(new Date('2026-12-08T15:15:00Z'), zone, null).toISOString()).toBe(
      '2026-12-08T15:15:00.000Z',
    );
  });

  it('reads off, and refuses what is not a window', () => {
    expect(parseQuietHours('off')).toBeNull();
    expect(parseQuietHours('9pm-6am')).toBeUndefined();
    expect(parseQuietHours('06:00-06:00')).toBeUndefined();
  });
});
