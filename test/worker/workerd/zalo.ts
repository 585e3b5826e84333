/**
 * Zalo from the Worker under test (test/worker/zalo.test.ts): the bot stand-in seen through the control server, a
 * person writing to the bot (the stand-in's own webhook call, posted to the Worker inside the isolate), the one-time
 * code of a member's staff page, and the notice worker on the Worker's D1 with the Zalo channel and a test's clock.
 */
import { expect, inject } from 'vitest';
import { callZalo, createZaloChannel } from '../../../src/providers/notices/zalo-channel.ts';
import type { NoticeDeps } from '../../../src/services/notice-deps.ts';
import type { ZaloSent, ZaloWebhookCall } from '../../stand-ins/zalo-bot.ts';
import { PUBLIC_URL, ZALO_WEBHOOK_SECRET } from '../provided.ts';
import { callAndSettle, env, json, ROSTER_ID } from './api.ts';
import { control } from './control.ts';
import { depsAt } from './mail.ts';

/** The Worker with the bot of vitest.config.ts, a 40-day notice window and `coalesceSeconds` (one runtime each). */
export const zaloEnv = (coalesceSeconds: number) =>
  ({
    ...env,
    LICHTRUC_NOTICE_COALESCE_SECONDS: String(coalesceSeconds),
    LICHTRUC_NOTICE_DAYS: '40',
  }) as Cloudflare.Env;

const client = () => ({
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  baseUrl: inject('zaloBaseUrl'),
  token: inject('zaloBotToken'),
});

/** What an operator does once on Workers (README, "Zalo linking"): point the bot's webhook at the Worker. */
export async function setZaloWebhook(): Promise<void> {
  const { answer } = await callZalo(client(), 'setWebhook', {
    url: `${PUBLIC_URL}/zalo/webhook`,
    secret_token: ZALO_WEBHOOK_SECRET,
  });
  expect(answer.ok).toBe(true);
}

/** A person writing to the bot: the call the platform makes to the webhook, answered by the Worker. */
export async function userSends(
  bindings: Cloudflare.Env,
  chatId: string,
  text: string,
  options: { chatType?: 'PRIVATE' | 'GROUP'; secret?: string } = {},
): Promise<Response> {
  const update = await control<ZaloWebhookCall>('POST', '/zalo/updates', {
    chatId,
    text,
    ...options,
  });
  return callAndSettle(bindings, 'POST', update.url, {
    token: null,
    headers: update.headers,
    body: update.body,
  });
}

/** Every message the bot sent, in order. */
export const zaloSent = async () => (await control<{ sent: ZaloSent[] }>('GET', '/zalo/sent')).sent;
/** The next `times` sendMessage calls answer the error envelope with `errorCode`. */
export const failZalo = (errorCode: number, description: string, times = 1) =>
  control('POST', '/zalo/faults', { errorCode, description, times });

/** A member's staff page (their feed link) and the one-time code it shows after "Nhận thông báo qua Zalo". */
export async function staffPageCode(
  bindings: Cloudflare.Env,
  memberId: string,
): Promise<{ page: string; code: string }> {
  const { url } = await json<{ url: string }>('POST', '/api/feeds', 201, {
    rosterId: ROSTER_ID,
    memberId,
  });
  const page = `/my/${url.split('/feeds/')[1]!.replace('.ics', '')}`;
  const response = await callAndSettle(bindings, 'POST', `${page}/zalo-code`, { token: null });
  expect(response.status).toBe(200);
  const code = /<strong class="code">([A-Z0-9]{8})<\/strong>/.exec(await response.text())?.[1];
  expect(code).toBeDefined();
  return { page, code: code! };
}

/** The notice worker on the Worker's D1 with the Zalo channel over workerd's fetch, at `offsetMs` from now. */
export const zaloDepsAt = (clock: { offsetMs: number }): NoticeDeps => ({
  ...depsAt(clock),
  channels: { zalo: createZaloChannel(client()) },
});
