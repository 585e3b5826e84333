/**
 * How each notice channel of a roster is doing, in words an admin can act on: how many notices failed or are being
 * retried, the last error, what to check, and the webhooks paused after a day of failures.
 */
import { SMTP_LOGIN_REFUSED } from '../providers/notices/notice-channel.ts';
import type { NoticeChannelName } from '../storage/notice-store.ts';
import type { ServiceContext } from './context.ts';

export interface ChannelHealth {
  channel: NoticeChannelName;
  failed: number;
  retrying: number;
  lastError: string | null;
  /** What to check, in Vietnamese and English. */
  advice: [vi: string, en: string];
  /** Webhooks paused for failing (nothing is sent to them until an admin turns them back on). */
  paused?: PausedWebhook[];
}

export interface PausedWebhook {
  id: string;
  url: string;
  failingSince: string | null;
  disabledAt: string;
  lastError: string | null;
}

const ADVICE: Record<NoticeChannelName, [string, string]> = {
  email: [
    'Kiểm tra địa chỉ thư của thành viên, hoặc LICHTRUC_SMTP_URL và máy chủ thư.',
    "Check the member's e-mail address, or LICHTRUC_SMTP_URL and the mail server.",
  ],
  zalo: [
    'Thành viên cần liên kết lại Zalo từ trang lịch trực của mình; nếu mọi tin đều lỗi, kiểm tra ZALO_BOT_TOKEN.',
    'The member should link Zalo again from their staff page; if every message fails, check ZALO_BOT_TOKEN.',
  ],
  webhook: [
    'Kiểm tra URL webhook và máy nhận (trả lời 2xx trong 10 giây).',
    'Check the webhook URL and its receiver (it must answer 2xx within 10 seconds).',
  ],
};

/** Every e-mail fails alike when the server refuses our sign-in: say so instead of blaming the addresses. */
const LOGIN_ADVICE: [string, string] = [
  'Máy chủ thư từ chối đăng nhập: kiểm tra LICHTRUC_SMTP_URL (tên đăng nhập, mật khẩu).',
  'The mail server refused to sign in: check LICHTRUC_SMTP_URL (user name, password).',
];

const emptyHealth = (channel: NoticeChannelName): ChannelHealth => ({
  channel,
  failed: 0,
  retrying: 0,
  lastError: null,
  advice: ADVICE[channel],
});

export async function noticeHealth(
  ctx: ServiceContext,
  rosterId: string,
): Promise<ChannelHealth[]> {
  const recent = await ctx.store.notices.list({ rosterId, limit: 500 });
  const health = new Map<NoticeChannelName, ChannelHealth>();
  for (const row of recent) {
    const failing = row.status === 'failed';
    const retrying = row.status !== 'delivered' && !failing && row.attempts > 0;
    if (!failing && !retrying) continue;
    const entry = health.get(row.channel) ?? {
      ...emptyHealth(row.channel),
      lastError: row.lastError,
    };
    entry[failing ? 'failed' : 'retrying']++;
    if (row.channel === 'email' && row.lastError?.startsWith(SMTP_LOGIN_REFUSED))
      entry.advice = LOGIN_ADVICE;
    health.set(row.channel, entry);
  }
  const paused = (await ctx.store.noticeSettings.webhooks(rosterId)).flatMap((hook) =>
    hook.disabledAt ? [{ ...hook, disabledAt: hook.disabledAt }] : [],
  );
  if (paused.length > 0)
    health.set('webhook', {
      ...(health.get('webhook') ?? emptyHealth('webhook')),
      paused: paused.map(({ id, url, failingSince, disabledAt, lastError }) => ({
        id,
        url,
        failingSince,
        disabledAt,
        lastError,
      })),
    });
  return [...health.values()];
}
