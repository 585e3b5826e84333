/**
 * Change notices on Node: the channels from the configuration (e-mail through nodemailer when LICHTRUC_SMTP_URL is
 * set), and the in-process notice worker, kicked by every change and ticking for the coalescing window, quiet hours
 * and retries.
 */
import type { NodeConfig } from '../config.ts';
import { createNoticeWorker, type NoticeWorker } from '../jobs/notice-worker.ts';
import { createEmailChannel } from '../providers/notices/email-channel.ts';
import { noticeChannelsFromConfig } from './notice-channels.ts';
import type { NoticeDeps } from '../services/notice-deps.ts';
import type { Store } from '../storage/store.ts';
import { noticeSettingsFromConfig } from './notice-settings.ts';

export interface NodeNotices {
  deps: NoticeDeps;
  worker: NoticeWorker;
  stop(): void;
}

const TICK_MS = 5_000;

export function noticeDepsFromConfig(
  config: NodeConfig,
  store: Store,
  now: () => Date,
  publicUrl: string,
): { deps: NoticeDeps; close(): void } {
  const email =
    config.LICHTRUC_SMTP_URL && config.LICHTRUC_MAIL_FROM
      ? createEmailChannel({
          url: config.LICHTRUC_SMTP_URL,
          from: config.LICHTRUC_MAIL_FROM,
          domain: new URL(publicUrl).hostname,
        })
      : undefined;
  const deps: NoticeDeps = {
    store,
    now,
    settings: noticeSettingsFromConfig(config),
    channels: {
      ...noticeChannelsFromConfig(config, globalThis.fetch, now),
      ...(email ? { email } : {}),
    },
    random: Math.random,
  };
  return { deps, close: () => email?.close() };
}

export function startNodeNotices(
  config: NodeConfig,
  store: Store,
  now: () => Date,
  publicUrl: string,
  log: (message: string) => void,
): NodeNotices {
  const { deps, close } = noticeDepsFromConfig(config, store, now, publicUrl);
  const worker = createNoticeWorker(deps, {
    tickMs: TICK_MS,
    onError: (error) =>
      log(`notices failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  worker.kick();
  // Said once at start-up, so an operator sees which channels their configuration turned on.
  log(`change notices go out by: ${Object.keys(deps.channels).join(', ')}`);
  return {
    deps,
    worker,
    stop() {
      worker.stop();
      close();
    },
  };
}
