/**
 * Webhooks signed per the Standard Webhooks spec (webhook-signature.ts): `webhook-id` (the same for
 * every attempt of a message, so a receiver drops a second copy), `webhook-timestamp`, `webhook-signature`. Redirects
 * are not followed (a redirect could lead into the office network); the URL is checked again before every call.
 */
import { webhookUrlProblem } from '../../domain/webhook-url.ts';
import type { NoticeChannel, SendOutcome } from './notice-channel.ts';
import { signWebhook } from './webhook-signature.ts';

export interface WebhookChannelOptions {
  fetch: typeof globalThis.fetch;
  now(): Date;
  allowPrivate: boolean;
  timeoutMs?: number;
}

const retryAfter = (response: Response) => {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
};

function outcomeOf(response: Response): SendOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) return { status: 'delivered' };
  const error = `the endpoint answered HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500)
    return { status: 'retry', error, retryAfterMs: retryAfter(response) };
  return { status: 'permanent', error: `${error}; check the URL and the receiver` };
}

export function createWebhookChannel(options: WebhookChannelOptions): NoticeChannel {
  return {
    async send(notice) {
      const problem = webhookUrlProblem(notice.address, options.allowPrivate);
      if (problem) return { status: 'permanent', error: problem };
      if (!notice.event || !notice.secret) return { status: 'permanent', error: 'nothing to send' };
      const id = `msg_${notice.id}`;
      const timestamp = options.now();
      const payload = JSON.stringify(notice.event);
      const signature = await signWebhook(notice.secret, id, timestamp, payload);
      const response = await options.fetch(notice.address, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: payload,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      return outcomeOf(response);
    },
  };
}
