/**
 * Changes that are not absences, overrides or swaps also tell the people whose duty they move: a holiday edit that
 * closes a working day, and a roster file applied with another pattern. Creating a roster tells nobody.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import {
  calendarsWithEmails,
  EMAIL,
  startNoticeHarness,
  type NoticeHarness,
} from '../support/notices.ts';

let h: NoticeHarness;
afterEach(() => h.close());

describe('notices for holiday edits and roster files', () => {
  it('tells Bà Hà her Wednesday is gone when the day becomes a holiday', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    const source = {
      id: 'tb-gia-dinh-2026',
      number: '1/TB-VPCP',
      date: '2026-12-01',
      issuer: 'VPCP',
    };
    await h.service.json('PUT', '/api/holidays/days/2026-12-09', 200, {
      entry: {
        date: '2026-12-09',
        kind: 'holiday',
        name: 'Ngày nghỉ giả định',
        status: 'official',
        source: source.id,
      },
      source,
    });
    h.advance(121);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 1, delivered: 1 });
    expect(h.smtp.messages.map((mail) => [mail.to[0], mail.text.split('\n')[2]])).toEqual([
      [
        EMAIL['nguyen-manh-ha'],
        '- Bà Nguyễn Mạnh Hà không còn ca trực Thứ Tư 09/12/2026 (07:30–12:00, 13:00–16:30).',
      ],
    ]);
  });

  it('tells who gains and who loses when a roster file swaps two weekdays, and nobody when nothing moves', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    const swapped = calendarsWithEmails().map((file) =>
      file.path === 'so-vhttdl-bac-giang.yaml'
        ? {
            ...file,
            text: file.text
              .replace(
                'tuesday: { position: backup, memberId: nguyen-van-luyen }',
                'tuesday: { position: backup, memberId: nguyen-van-hanh }',
              )
              .replace(
                'thursday: { position: backup, memberId: nguyen-van-hanh }',
                'thursday: { position: backup, memberId: nguyen-van-luyen }',
              ),
          }
        : file,
    );
    await applyCalendars(h.service.ctx, loadCalendarSet(calendarsWithEmails())); // unchanged
    h.advance(121);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 0 });
    const report = await applyCalendars(h.service.ctx, loadCalendarSet(swapped));
    expect(report.rosters.map((roster) => roster.result)).toEqual(['updated']);
    h.advance(121);
    // 07/12 → 21/12: Tuesdays 08, 15 and Thursdays 10, 17 (today included: Monday).
    expect(await runNotices(h.deps)).toMatchObject({ planned: 2, delivered: 2 });
    const luyen = h.smtp.messages.find((mail) => mail.to[0] === EMAIL['nguyen-van-luyen'])!;
    expect(luyen.subject).toBe(
      'Thay đổi lịch trực Bộ phận Một cửa: Thứ Ba 08/12/2026 và 3 ngày khác',
    );
    expect(luyen.text).toContain('Ông Nguyễn Văn Luyện trực vào Thứ Năm 10/12/2026, 07:30–12:00');
    expect(luyen.text).toContain(
      'Ông Nguyễn Văn Luyện được nghỉ trực Thứ Ba 08/12/2026 (07:30–12:00, 13:00–16:30); Ông Nguyễn Văn Hanh trực thay.',
    );
  });
});
