/**
 * Zalo from the Worker inside workerd, through the Bot API stand-in reached over fetch: a member links their Zalo
 * with the one-time code of their staff page (the platform's webhook call posted to the Worker's /zalo/webhook), the
 * letter's story reaches the covering officer's chat without the sick reason, "dừng" unlinks, and the bot's error
 * envelope is retried (429) or stops for the member (unknown chat). The tests share the file's D1 and run in order:
 * each changes a later duty of Bà Hà than the one before (an earlier cover moves the rotation of later ones).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import {
  callAndSettle,
  dayFromToday,
  ROSTER_ID,
  runScheduled,
  type SlotView,
  scheduleOf,
} from './workerd/api.ts';
import { absent, ddmmyyyy, ROSTER } from './workerd/mail.ts';
import {
  failZalo,
  setZaloWebhook,
  staffPageCode,
  userSends,
  zaloDepsAt,
  zaloEnv,
  zaloSent,
} from './workerd/zalo.ts';

/** A change's notices leave within its request; through `recordingEnv` they wait for the test's notice runs. */
const liveEnv = zaloEnv(0);
const recordingEnv = zaloEnv(3600);
const CHAT: Record<string, string> = {
  'nguyen-van-luyen': 'chat-luyen',
  'nguyen-van-hanh': 'chat-hanh',
};
const NAME: Record<string, string> = {
  'nguyen-van-luyen': 'Ông Nguyễn Văn Luyện',
  'nguyen-van-hanh': 'Ông Nguyễn Văn Hanh',
};
const LINKED = 'Đã liên kết Zalo với lịch trực của';
const USED = 'Mã không đúng hoặc đã hết hạn; xin tạo mã mới trên trang lịch trực cá nhân.';

let duties: SlotView[];
beforeAll(async () => {
  await setZaloWebhook();
  duties = (await scheduleOf(ROSTER_ID, dayFromToday(2), dayFromToday(38))).filter(
    (slot) => slot.memberId === 'nguyen-manh-ha' && slot.kind === 'regular',
  );
  expect(duties.length).toBeGreaterThanOrEqual(4);
});

/** What the bot sent since `before` messages. */
const sentSince = async (before: number) => (await zaloSent()).slice(before);
/** Bà Hà's duty `index` handed to `memberId` by an admin, recorded for the test's notice runs. */
const override = async (index: number, memberId: string) => {
  const response = await callAndSettle(recordingEnv, 'POST', `${ROSTER}/overrides`, {
    body: { date: duties[index]!.date, memberId },
  });
  expect(response.status).toBe(201);
};

describe('linking Zalo in workerd', () => {
  it('links with the code of the staff page; refuses a wrong secret; a used code links nothing', async () => {
    const { page, code } = await staffPageCode(liveEnv, 'nguyen-van-luyen');
    const before = (await zaloSent()).length;

    const forged = await userSends(liveEnv, 'chat-luyen', code, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(await sentSince(before)).toEqual([]);

    expect((await userSends(liveEnv, 'chat-luyen', code.toLowerCase())).status).toBe(200);
    const [confirmation] = await sentSince(before);
    expect(confirmation).toEqual({
      chatId: 'chat-luyen',
      text: expect.stringContaining(`${LINKED} Ông Nguyễn Văn Luyện.`),
    });
    const staff = await callAndSettle(liveEnv, 'GET', page, { token: null });
    expect(await staff.text()).toContain('Zalo đã được liên kết.');

    // The same code again, from another chat: refused, and that chat gets no notices (see the story below).
    await userSends(liveEnv, 'chat-other', code);
    expect((await sentSince(before)).slice(1)).toEqual([{ chatId: 'chat-other', text: USED }]);

    const hanh = await staffPageCode(liveEnv, 'nguyen-van-hanh');
    await userSends(liveEnv, 'chat-hanh', hanh.code);
    expect((await sentSince(before)).at(-1)).toEqual({
      chatId: 'chat-hanh',
      text: expect.stringContaining(`${LINKED} Ông Nguyễn Văn Hanh.`),
    });
  });
});

describe("the letter's story over Zalo in workerd", () => {
  it('sends one message to the covering officer, saying "(vắng)" and never the sick reason, once', async () => {
    const slot = duties[0]!;
    const before = (await zaloSent()).length;
    await absent(liveEnv, 'nguyen-manh-ha', slot.date, 'sick');
    const cover = (await scheduleOf(ROSTER_ID, slot.date, slot.date)).find(
      (candidate) => candidate.key === slot.key,
    )!.memberId;
    expect(Object.keys(CHAT)).toContain(cover);

    const sent = await sentSince(before);
    expect(sent.map((message) => message.chatId)).toEqual([CHAT[cover]]);
    expect(sent[0]!.text).toMatch(/^Thay đổi lịch trực Bộ phận Một cửa: .* \d\d\/\d\d\/\d{4}\n/);
    expect(sent[0]!.text).toContain(ddmmyyyy(slot.date));
    expect(sent[0]!.text).toContain(`${NAME[cover]} trực thay Bà Nguyễn Mạnh Hà (vắng) vào`);
    expect(sent[0]!.text).not.toMatch(/ốm|sick/i);

    await runScheduled('*/5 * * * *', liveEnv);
    expect(await sentSince(before)).toHaveLength(1);
  });

  it('"dừng" unlinks: the next change sends nothing to that chat', async () => {
    const before = (await zaloSent()).length;
    await userSends(liveEnv, 'chat-hanh', 'Dừng');
    expect(await sentSince(before)).toEqual([
      { chatId: 'chat-hanh', text: 'Đã ngừng gửi thông báo lịch trực qua Zalo này.' },
    ]);
    // Ông Hanh takes Bà Hà's duty: he would be told, had he not unlinked; Ông Luyện is still linked.
    await override(1, 'nguyen-van-hanh');
    await override(2, 'nguyen-van-luyen');
    const run = await runNotices(zaloDepsAt({ offsetMs: 121_000 }));
    expect(run).toMatchObject({ delivered: 1, retried: 0, failed: 0 });
    expect((await sentSince(before)).slice(1).map((message) => message.chatId)).toEqual([
      'chat-luyen',
    ]);
  });
});

describe('Zalo errors in workerd', () => {
  it('retries a 429 later and delivers it once', async () => {
    const before = (await zaloSent()).length;
    await override(3, 'nguyen-van-luyen');
    await failZalo(429, 'Too Many Requests: rate limit');
    const clock = { offsetMs: 121_000 };
    expect(await runNotices(zaloDepsAt(clock))).toMatchObject({ delivered: 0, retried: 1 });
    expect(await sentSince(before)).toEqual([]);
    clock.offsetMs += 60_000;
    expect(await runNotices(zaloDepsAt(clock))).toMatchObject({ delivered: 1, retried: 0 });
    clock.offsetMs += 3600_000;
    expect(await runNotices(zaloDepsAt(clock))).toMatchObject({ delivered: 0, retried: 0 });
    const sent = await sentSince(before);
    expect(sent.map((message) => message.chatId)).toEqual(['chat-luyen']);
    expect(sent[0]!.text).toContain(ddmmyyyy(duties[3]!.date));
  });

  it('stops for a member whose chat the bot cannot reach', async () => {
    const before = (await zaloSent()).length;
    await override(4, 'nguyen-van-luyen');
    await failZalo(400, 'Bad Request: chat not found');
    const clock = { offsetMs: 121_000 };
    expect(await runNotices(zaloDepsAt(clock))).toMatchObject({ delivered: 0, failed: 1 });
    clock.offsetMs += 3600_000;
    expect(await runNotices(zaloDepsAt(clock))).toMatchObject({ delivered: 0, failed: 0 });
    expect(await sentSince(before)).toEqual([]);
    const log = await zaloDepsAt(clock).store.notices.list({ rosterId: ROSTER_ID, limit: 100 });
    const failed = log.filter((row) => row.status === 'failed');
    expect(failed.map((row) => [row.channel, row.attempts, row.lastError])).toEqual([
      [
        'zalo',
        1,
        'Zalo answered 400: Bad Request: chat not found; the member should link Zalo again',
      ],
    ]);
  });
});
