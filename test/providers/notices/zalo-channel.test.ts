/**
 * The Zalo channel against the Bot Platform stand-in, which refuses a text over 2,000 characters as the platform
 * does: a long notice (a weekly digest of a busy desk) is cut to fit, ending in "…", and still arrives; a short one
 * arrives whole. Characters are counted as the platform counts them, so a cut never splits an emoji.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingNotice } from '../../../src/providers/notices/notice-channel.ts';
import {
  callZalo,
  createZaloChannel,
  ZALO_TEXT_LIMIT,
} from '../../../src/providers/notices/zalo-channel.ts';
import { startZaloBot, type ZaloBotStandIn } from '../../stand-ins/zalo-bot.ts';

let bot: ZaloBotStandIn;
const options = () => ({ fetch, baseUrl: bot.baseUrl, token: bot.token });

beforeAll(async () => {
  bot = await startZaloBot(async () => new Response('{}'));
  await callZalo(options(), 'setWebhook', {
    url: 'http://127.0.0.1:9/zalo',
    secret_token: 'bi-mat-123',
  });
  bot.userWrites('chat-ha', 'xin chào'); // the chat becomes known, as after a person wrote to the bot
});
afterAll(() => bot.close());

const notice = (text: string): OutgoingNotice => ({
  id: 'd1',
  attemptId: 'a1',
  address: 'chat-ha',
  subject: 'Lịch trực tuần sau',
  text,
  html: '',
});

describe('Zalo text limit', () => {
  it('cuts a notice over 2,000 characters to fit and delivers it', async () => {
    const line = 'Thứ Hai 07/12/2026: Bà Nguyễn Mạnh Hà 🗓️\n';
    const outcome = await createZaloChannel(options()).send(notice(line.repeat(80)));
    expect(outcome).toEqual({ status: 'delivered' });
    const sent = bot.sent.at(-1)!.text;
    expect([...sent]).toHaveLength(ZALO_TEXT_LIMIT);
    expect(sent.startsWith('Lịch trực tuần sau\n\nThứ Hai 07/12/2026')).toBe(true);
    expect(sent.endsWith('…')).toBe(true);
    expect(sent).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half of an emoji
  });

  it('sends a short notice whole', async () => {
    await createZaloChannel(options()).send(notice('Bà Nguyễn Mạnh Hà trực Thứ Tư 09/12/2026.'));
    expect(bot.sent.at(-1)!.text).toBe(
      'Lịch trực tuần sau\n\nBà Nguyễn Mạnh Hà trực Thứ Tư 09/12/2026.',
    );
  });
});
