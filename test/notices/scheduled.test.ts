/**
 * Notices at a time of day: the reminder the afternoon before a duty, only to members who asked for it and only
 * once; next week's desk on Friday afternoon to the roster's group contacts, with private reasons as "vắng".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { EMAIL, ROSTER, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;
afterEach(() => h.close());

describe('reminders', () => {
  it('reminds Ông Luyện at 16:30 the day before his Tuesday, once, and nobody who did not ask', async () => {
    h = await startNoticeHarness('2026-12-07T09:00:00Z'); // Monday 16:00 in Hà Nội
    await h.service.json('PUT', `${ROSTER}/members/nguyen-van-luyen/notice-preferences`, 200, {
      reminders: true,
    });
    await runNotices(h.deps);
    expect(h.smtp.messages).toEqual([]);
    h.advance(31 * 60); // 16:31
    await runNotices(h.deps);
    await runNotices({ ...h.deps }); // another process, as after a restart
    h.advance(3600);
    await runNotices(h.deps);
    expect(h.smtp.messages.map((mail) => [mail.to[0], mail.subject])).toEqual([
      [EMAIL['nguyen-van-luyen'], 'Nhắc lịch trực Bộ phận Một cửa: Thứ Ba 08/12/2026'],
    ]);
    expect(h.smtp.messages[0]!.text).toContain(
      'Ông Nguyễn Văn Luyện trực Bộ phận Một cửa ngày mai, vào Thứ Ba 08/12/2026, 07:30–12:00, 13:00–16:30, tại Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh.',
    );
  });
});

describe('the weekly digest', () => {
  it("sends next week's desk to the group on Friday at 15:00, once, without private reasons", async () => {
    h = await startNoticeHarness('2026-12-11T07:00:00Z'); // Friday 14:00 in Hà Nội
    await h.service.json('POST', `${ROSTER}/notice-contacts`, 201, {
      role: 'group',
      channel: 'email',
      address: 'nhom-mot-cua@svhttdl.test',
    });
    await h.absent('nguyen-manh-ha', '2026-12-14', 'sick');
    h.advance(121);
    await runNotices(h.deps); // the change itself goes to Bà Hà and her cover, not to the group
    const before = h.smtp.messages.length;
    expect(before).toBe(2);
    h.advance(3600); // 15:02
    await runNotices(h.deps);
    h.advance(600);
    await runNotices({ ...h.deps });
    const digest = h.smtp.messages.slice(before);
    expect(digest.map((mail) => [mail.to[0], mail.subject])).toEqual([
      ['nhom-mot-cua@svhttdl.test', 'Lịch trực Bộ phận Một cửa tuần 14/12–18/12/2026'],
    ]);
    const { text } = digest[0]!;
    expect(text).toMatch(
      /- Thứ Hai 14\/12\/2026: Ông Nguyễn Văn (Luyện|Hanh) thay Bà Nguyễn Mạnh Hà \(vắng\), 07:30–12:00, 13:00–16:30\./,
    );
    expect(text).toContain('- Thứ Ba 15/12/2026: Ông Nguyễn Văn Luyện, 07:30–12:00, 13:00–16:30.');
    expect(text).not.toContain('ốm');
  });
});
