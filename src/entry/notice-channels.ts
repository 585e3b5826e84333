/**
 * The notice channels the configuration enables on every runtime: webhooks always (they are registered per roster),
 * Zalo when a bot token is set. E-mail needs SMTP sockets, so each entry adds its own: nodemailer on Node, SMTP over
 * the runtime's `connect()` on Workers (`socketEmailFromConfig`).
 */
import type { NoticeConfig } from '../config.ts';
import type { NoticeChannelName } from '../storage/notice-store.ts';
import type { NoticeChannel } from '../providers/notices/notice-channel.ts';
import type { SmtpConnect } from '../providers/notices/smtp-session.ts';
import { createWebhookChannel } from '../providers/notices/webhook-channel.ts';
import {
  callZalo,
  createZaloChannel,
  type ZaloClientOptions,
} from '../providers/notices/zalo-channel.ts';

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

/**
 * E-mail over SMTP on the runtime's sockets when LICHTRUC_SMTP_URL is set. The SMTP code and the runtime's
 * `connect` are loaded on the first send, so an invocation that sends no e-mail evaluates neither.
 */
export function socketEmailFromConfig(
  config: NoticeConfig,
  loadConnect: () => Promise<SmtpConnect>,
  domain: string,
): NoticeChannel | undefined {
  const { LICHTRUC_SMTP_URL: url, LICHTRUC_MAIL_FROM: from } = config;
  if (!url || !from) return undefined;
  let channel: Promise<NoticeChannel> | undefined;
  const load = async () => {
    const [connect, module] = await Promise.all([
      loadConnect(),
      import('../providers/notices/socket-email-channel.ts'),
    ]);
    return module.createSocketEmailChannel({ url, from, domain, connect });
  };
  return {
    async send(notice) {
      channel ??= load();
      try {
        return await (await channel).send(notice);
      } catch (error) {
        // A failed load is tried again on the next send (the delivery is retried meanwhile).
        channel = undefined;
        throw error;
      }
    },
  };
}

/** What the bot's webhook route needs: the secret's SHA-256 (compared, never the secret itself) and a reply. */
export async function zaloWebhookFromConfig(
  config: NoticeConfig,
  fetchImpl: typeof fetch,
  sha256Hex: (text: string) => Promise<string>,
): Promise<{ secretHash: string; send(chatId: string, text: string): Promise<void> } | undefined> {
  const client = zaloClientFromConfig(config, fetchImpl);
  if (!client || !config.ZALO_WEBHOOK_SECRET) return undefined;
  return {
    secretHash: await sha256Hex(config.ZALO_WEBHOOK_SECRET),
    async send(chatId, text) {
      await callZalo(client, 'sendMessage', { chat_id: chatId, text });
    },
  };
}

/** Points the bot's webhook at `{publicUrl}/zalo/webhook` with the configured secret (Node: at start-up). */
export async function registerZaloWebhook(
  config: NoticeConfig,
  fetchImpl: typeof fetch,
  publicUrl: string,
): Promise<void> {
  const client = zaloClientFromConfig(config, fetchImpl);
  if (!client || !config.ZALO_WEBHOOK_SECRET) return;
  const set = await callZalo(client, 'setWebhook', {
    url: `${publicUrl}/zalo/webhook`,
    secret_token: config.ZALO_WEBHOOK_SECRET,
  });
  if (!set.answer.ok)
    throw new Error(`Zalo refused setWebhook: ${set.answer.description ?? set.status}`);
}
