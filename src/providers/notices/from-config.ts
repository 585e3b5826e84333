/**
 * The notice channels the configuration enables on every runtime: webhooks always (they are registered per roster),
 * Zalo when a bot token is set. E-mail needs SMTP sockets, so each entry adds its own (nodemailer on Node).
 */
import type { NoticeConfig } from '../../config.ts';
import type { NoticeChannelName } from '../../storage/notice-store.ts';
import type { NoticeChannel } from './notice-channel.ts';
import { createWebhookChannel } from './webhook-channel.ts';
import { createZaloChannel, type ZaloClientOptions } from './zalo-channel.ts';

export function zaloClientFromConfig(
  config: NoticeConfig,
  fetchImpl: typeof fetch,
): ZaloClientOptions | undefined {
  return config.ZALO_BOT_TOKEN
    ? { fetch: fetchImpl, baseUrl: config.ZALO_API_BASE_URL, token: config.ZALO_BOT_TOKEN }
    : undefined;
}

export function noticeChannelsFromConfig(
  config: NoticeConfig,
  fetchImpl: typeof fetch,
  now: () => Date,
): Partial<Record<NoticeChannelName, NoticeChannel>> {
  const zalo = zaloClientFromConfig(config, fetchImpl);
  return {
    webhook: createWebhookChannel({
      fetch: fetchImpl,
      now,
      allowPrivate: config.LICHTRUC_WEBHOOK_ALLOW_PRIVATE,
    }),
    ...(zalo ? { zalo: createZaloChannel(zalo) } : {}),
  };
}
