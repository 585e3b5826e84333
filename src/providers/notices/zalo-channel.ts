/**
 * Zalo through the Zalo Bot Platform (a Telegram-like API): `POST {base}/bot{TOKEN}/sendMessage {chat_id, text}`,
 * answered `{ok: true, result}` or `{ok: false, error_code, description}`. A message is at most 2,000 characters.
 * Rate limits and server errors are retried; anything else about the chat (blocked, unknown) stops for that member.
 */
import type { NoticeChannel, SendOutcome } from './notice-channel.ts';

export const ZALO_TEXT_LIMIT = 2000;

export interface ZaloClientOptions {
  fetch: typeof globalThis.fetch;
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

interface ZaloAnswer {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
}

/** Calls one Bot API method; throws on network errors and timeouts (the caller retries). */
export async function callZalo(
  options: ZaloClientOptions,
  method: string,
  body: Record<string, unknown>,
): Promise<{ status: number; answer: ZaloAnswer }> {
  const response = await options.fetch(`${options.baseUrl}/bot${options.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const answer = (await response.json().catch(() => ({ ok: false }))) as ZaloAnswer;
  return { status: response.status, answer };
}

export function cutText(text: string, limit = ZALO_TEXT_LIMIT): string {
  const characters = [...text];
  return characters.length <= limit ? text : `${characters.slice(0, limit - 1).join('')}…`;
}

function outcomeOf(status: number, answer: ZaloAnswer): SendOutcome {
  if (answer.ok) return { status: 'delivered' };
  const code = answer.error_code ?? status;
  const error = `Zalo answered ${code}: ${answer.description ?? 'no description'}`;
  if (code === 429 || code >= 500 || status >= 500) return { status: 'retry', error };
  if (code === 401) return { status: 'retry', error: `${error} (check ZALO_BOT_TOKEN)` };
  return { status: 'permanent', error: `${error}; the member should link Zalo again` };
}

export function createZaloChannel(options: ZaloClientOptions): NoticeChannel {
  return {
    async send(notice) {
      const text = cutText(`${notice.subject}\n\n${notice.text}`);
      const { status, answer } = await callZalo(options, 'sendMessage', {
        chat_id: notice.address,
        text,
      });
      return outcomeOf(status, answer);
    },
  };
}
