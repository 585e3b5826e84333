/**
 * Zalo through the Bot Platform stand-in: a member links their Zalo with the one-time code of their staff page, gets
 * their notices there, and unlinks with "dừng"; the webhook refuses a wrong secret; a code from a group links
 * nothing; rate limits are retried and an unknown chat stops for that member.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { ROSTER, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;
let page: string;

beforeEach(async () => {
  h = await startNoticeHarness('2026-12-07T02:00:00Z');
  const { body } = await h.service.json<{ url: string }>('POST', '/api/feeds', 201, {
    rosterId: 'so-vhttdl-bac-giang',
    memberId: 'nguyen-van-luyen',
  });
  page = `/my/${body.url.split('/feeds/')[1]!.replace('.ics', '')}`;
});
afterEach(() => h.close());

async function linkCode(): Promise<string> {
  const response = await h.service.request('POST', `${page}/zalo-code`, { token: null });
  expect(response.status).toBe(200);
  return /<strong class="code">([A-Z0-9]{8})<\/strong>/.exec(await response.text())![1]!;
}

async function absentHa() {
  await h.absent('nguyen-manh-ha', '2026-12-09', 'sick');
  h.advance(121);
  return runNotices(h.deps);
}

describe('linking Zalo', () => {
  it('links with the code of the staff page, delivers notices there, and unlinks on "dừng"', async () => {
    const code = await linkCode();
    expect((await h.zalo.userSends('chat-luyen', code.toLowerCase())).status).toBe(200);
    expect(h.zalo.sent.at(-1)).toEqual({
      chatId: 'chat-luyen',
      text: expect.stringContaining('Đã liên kết Zalo với lịch trực của Ông Nguyễn Văn Luyện.'),
    });
    const staff = await (await h.service.request('GET', page, { token: null })).text();
    expect(staff).toContain('Zalo đã được liên kết.');

    await h.zalo.userSends('chat-luyen', code); // used once
    expect(h.zalo.sent.at(-1)!.text).toBe(
      'Mã không đúng hoặc đã hết hạn; xin tạo mã mới trên trang lịch trực cá nhân.',
    );

    expect(await absentHa()).toMatchObject({ delivered: 3 }); // e-mail to both, Zalo to Luyện
    const notice = h.zalo.sent.at(-1)!;
    expect(notice.chatId).toBe('chat-luyen');
    expect(notice.text).toMatch(/^Thay đổi lịch trực Bộ phận Một cửa: Thứ Tư 09\/12\/2026\n/);
    expect(notice.text).toContain('Ông Nguyễn Văn Luyện trực thay Bà Nguyễn Mạnh Hà (vắng) vào');
    expect(notice.text).not.toContain('ốm');

    await h.zalo.userSends('chat-luyen', 'Dừng');
    expect(h.zalo.sent.at(-1)!.text).toBe('Đã ngừng gửi thông báo lịch trực qua Zalo này.');
    const before = h.zalo.sent.length;
    await h.absent('nguyen-manh-ha', '2026-12-11', 'leave');
    h.advance(121);
    await runNotices(h.deps);
    expect(h.zalo.sent).toHaveLength(before);
  });

  it('refuses a wrong secret, and links nothing from a group chat', async () => {
    const code = await linkCode();
    const forged = await h.zalo.userSends('chat-x', code, 'PRIVATE', 'not-the-secret');
    expect(forged.status).toBe(401);
    await h.zalo.userSends('group-1', code, 'GROUP');
    expect(h.zalo.sent.at(-1)!.text).toMatch(
      /^Mã nhóm để quản trị viên thêm vào lịch trực: group-1\./,
    );
    expect(await h.service.ctx.store.noticeSettings.zaloChats('so-vhttdl-bac-giang')).toEqual(
      new Map(),
    );
  });
});

describe('Zalo errors', () => {
  it('retries a rate limit and stops for a chat the bot cannot reach', async () => {
    await h.zalo.userSends('chat-luyen', await linkCode());
    h.zalo.fail(429, 'Too Many Requests', 1);
    expect(await absentHa()).toMatchObject({ delivered: 2, retried: 1 });
    h.advance(60);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 1 });

    await h.service.ctx.store.noticeSettings.savePreferences(
      'so-vhttdl-bac-giang',
      'nguyen-van-luyen',
      {
        email: null,
        emailOn: false,
        zaloOn: true,
        reminders: false,
      },
    );
    h.zalo.fail(400, 'Bad Request: chat not found', 1);
    await h.service.json('POST', `${ROSTER}/overrides`, 201, {
      date: '2026-12-11',
      memberId: 'nguyen-van-luyen',
    });
    h.advance(121);
    expect(await runNotices(h.deps)).toMatchObject({ failed: 1 });
    const log = await h.service.json<{
      notices: { channel: string; status: string; lastError: string }[];
    }>('GET', `${ROSTER}/notices`, 200);
    expect(log.body.notices.find((row) => row.channel === 'zalo')).toMatchObject({
      status: 'failed',
      lastError:
        'Zalo answered 400: Bad Request: chat not found; the member should link Zalo again',
    });
  });
});
