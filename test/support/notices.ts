/**
 * A lichtruc service with notices wired to stand-ins: the letter's roster with e-mail addresses for its members, a
 * real SMTP server, a verifying webhook receiver, and the notice verbs run by the test (the clock is the test's).
 */
import {
  createEmailChannel,
  type EmailChannel,
} from '../../src/providers/notices/email-channel.ts';
import { createWebhookChannel } from '../../src/providers/notices/webhook-channel.ts';
import { DEFAULT_NOTICE_SETTINGS, type NoticeDeps } from '../../src/services/notice-deps.ts';
import { sha256Hex } from '../../src/services/secrets.ts';
import type { SqlDatabase } from '../../src/storage/sql.ts';
import type { SourceFile } from '../../src/domain/calendar-set.ts';
import { callZalo, createZaloChannel } from '../../src/providers/notices/zalo-channel.ts';
import { startSmtpStandIn, type SmtpStandIn } from '../stand-ins/smtp-server.ts';
import { startZaloBot, type ZaloBotStandIn } from '../stand-ins/zalo-bot.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../stand-ins/webhook-receiver.ts';
import { readCalendarFiles } from './sample.ts';
import { startTestService, type TestService } from './service.ts';

export const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
export const EMAIL = {
  'nguyen-manh-ha': 'ha@svhttdl.test',
  'nguyen-van-luyen': 'luyen@svhttdl.test',
  'nguyen-van-hanh': 'hanh@svhttdl.test',
};

/** The letter's roster file with an e-mail address for each member. */
export function calendarsWithEmails() {
  return readCalendarFiles().map((file) => {
    if (file.path !== 'so-vhttdl-bac-giang.yaml') return file;
    let text = file.text;
    for (const [id, address] of Object.entries(EMAIL))
      text = text.replace(`- id: ${id}\n`, `- id: ${id}\n    email: ${address}\n`);
    return { ...file, text };
  });
}

export const ZALO_SECRET = 'zalo-webhook-secret-0123';

export interface NoticeHarness {
  service: TestService;
  smtp: SmtpStandIn;
  receiver: WebhookReceiver;
  deps: NoticeDeps;
  email: EmailChannel;
  zalo: ZaloBotStandIn;
  /** Moves the clock on by `seconds`. */
  advance(seconds: number): void;
  /** Records a one-day absence over the API. */
  absent(memberId: string, date: string, reason?: string): Promise<{ id: string }>;
  /** Registers the receiver as a webhook of the roster over the API. */
  registerWebhook(events?: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startNoticeHarness(
  now: string,
  options: { calendars?: SourceFile[]; wrapDb?: (db: SqlDatabase) => SqlDatabase } = {},
): Promise<NoticeHarness> {
  const service = await startTestService(now, options.calendars ?? calendarsWithEmails(), {
    ...(options.wrapDb ? { wrapDb: options.wrapDb } : {}),
  });
  const smtp = await startSmtpStandIn();
  const receiver = await startWebhookReceiver();
  let clock = new Date(now);
  service.setNow(now);
  const current = () => clock;
  const email = createEmailChannel({
    url: smtp.url,
    from: 'Lịch trực <lichtruc@svhttdl.test>',
    domain: 'lichtruc.test',
    timeoutMs: 1500,
  });
  const deps: NoticeDeps = {
    store: service.ctx.store,
    now: current,
    settings: { ...DEFAULT_NOTICE_SETTINGS },
    channels: {
      email,
      // Signed with the real time: receivers check it against their own clock.
      webhook: createWebhookChannel({
        fetch: globalThis.fetch,
        now: () => new Date(),
        allowPrivate: true,
      }),
    },
    random: () => 0.5,
  };
  const zalo = await startZaloBot((url, init) =>
    service.request('POST', new URL(url).pathname, {
      body: String(init.body),
      headers: init.headers as Record<string, string>,
      token: null,
    }),
  );
  const client = { fetch: globalThis.fetch, baseUrl: zalo.baseUrl, token: zalo.token };
  deps.channels.zalo = createZaloChannel(client);
  await callZalo(client, 'setWebhook', {
    url: 'https://lichtruc.test/zalo/webhook',
    secret_token: ZALO_SECRET,
  });
  service.appDeps.notices = {
    allowPrivateWebhooks: true,
    zalo: {
      secretHash: await sha256Hex(ZALO_SECRET),
      send: async (chatId, text) =>
        void (await callZalo(client, 'sendMessage', { chat_id: chatId, text })),
    },
  };
  return {
    zalo,
    service,
    smtp,
    receiver,
    deps,
    email,
    advance(seconds) {
      clock = new Date(clock.getTime() + seconds * 1000);
      service.setNow(clock.toISOString());
    },
    async absent(memberId, date, reason = 'training') {
      const { body } = await service.json<{ absence: { id: string } }>(
        'POST',
        `${ROSTER}/absences`,
        201,
        { memberId, from: date, to: date, reason },
      );
      return body.absence;
    },
    async registerWebhook(events) {
      const { body } = await service.json<{ secret: string }>('POST', `${ROSTER}/webhooks`, 201, {
        url: receiver.url,
        ...(events ? { events } : {}),
      });
      receiver.secret = body.secret;
    },
    async close() {
      email.close();
      await Promise.all([smtp.close(), receiver.close(), zalo.close()]);
    },
  };
}
