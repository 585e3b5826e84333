/**
 * A Zalo Bot Platform stand-in on 127.0.0.1: `POST /bot<TOKEN>/<method>` with JSON bodies, answers
 * `{ok: true, result}` or the error envelope `{ok: false, error_code, description}`; a wrong token is 401. The bot can
 * only message a chat that wrote to it first; text is at most 2,000 characters; more than `ratePerMinute` messages a
 * minute are refused with 429. `userSends` plays a person writing to the bot: the update goes to the webhook set with
 * `setWebhook`, with the secret in `X-Bot-Api-Secret-Token`; `userWrites` builds that call without sending it, for a
 * caller that delivers it itself (the workerd tests post it to the Worker inside the isolate).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZaloSent {
  chatId: string;
  text: string;
}

export interface ZaloWebhookCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ZaloBotStandIn {
  baseUrl: string;
  token: string;
  sent: ZaloSent[];
  webhook: { url: string; secret: string } | null;
  ratePerMinute: number;
  /** The next `times` sendMessage calls answer this error. */
  fail(errorCode: number, description: string, times: number): void;
  userSends(
    chatId: string,
    text: string,
    chatType?: 'PRIVATE' | 'GROUP',
    secret?: string,
  ): Promise<Response>;
  /** The webhook call the platform makes when a person writes to the bot (the chat becomes known). */
  userWrites(
    chatId: string,
    text: string,
    chatType?: 'PRIVATE' | 'GROUP',
    secret?: string,
  ): ZaloWebhookCall;
  close(): Promise<void>;
}

type Answer = { status: number; body: Record<string, unknown> };
const error = (status: number, description: string): Answer => ({
  status,
  body: { ok: false, error_code: status, description },
});

export async function startZaloBot(
  deliver: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<ZaloBotStandIn> {
  const token = '1234567890:stand-in-token';
  const known = new Set<string>();
  const faults: { code: number; description: string; times: number }[] = [];
  let minute: number[] = [];
  const bot: ZaloBotStandIn = {
    baseUrl: '',
    token,
    sent: [],
    webhook: null,
    ratePerMinute: 60,
    fail: (code, description, times) => void faults.push({ code, description, times }),
    userWrites(chatId, text, chatType = 'PRIVATE', secret) {
      known.add(chatId);
      if (!bot.webhook) throw new Error('no webhook set');
      const update = {
        event_name: 'message.text.received',
        message: {
          from: { id: `user-${chatId}`, display_name: 'Người dùng', is_bot: false },
          chat: { id: chatId, chat_type: chatType },
          text,
          message_id: `m${Date.now()}`,
          date: Date.now(),
        },
      };
      return {
        url: bot.webhook.url,
        headers: {
          'content-type': 'application/json',
          'x-bot-api-secret-token': secret ?? bot.webhook.secret,
        },
        body: JSON.stringify(update),
      };
    },
    userSends(chatId, text, chatType, secret) {
      const { url, headers, body } = bot.userWrites(chatId, text, chatType, secret);
      return deliver(url, { method: 'POST', headers, body });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const sendMessage = (body: Record<string, unknown>): Answer => {
    const fault = faults[0];
    if (fault) {
      if (--fault.times <= 0) faults.shift();
      return error(fault.code, fault.description);
    }
    const now = Date.now();
    minute = minute.filter((at) => at > now - 60_000);
    if (minute.length >= bot.ratePerMinute) return error(429, 'Too Many Requests: rate limit');
    const chatId = String(body.chat_id ?? '');
    const text = typeof body.text === 'string' ? body.text : '';
    if (!text) return error(400, 'Bad Request: text is empty');
    if ([...text].length > 2000) return error(400, 'Bad Request: text is too long');
    if (!known.has(chatId)) return error(400, 'Bad Request: chat not found');
    minute.push(now);
    bot.sent.push({ chatId, text });
    return { status: 200, body: { ok: true, result: { message_id: `s${bot.sent.length}` } } };
  };

  const call = (method: string, body: Record<string, unknown>): Answer => {
    switch (method) {
      case 'getMe':
        return { status: 200, body: { ok: true, result: { id: 'bot', account_name: 'lichtruc' } } };
      case 'setWebhook': {
        const secret = String(body.secret_token ?? '');
        if (secret.length < 8 || secret.length > 256)
          return error(400, 'Bad Request: secret_token must be 8-256 characters');
        bot.webhook = { url: String(body.url), secret };
        return { status: 200, body: { ok: true, result: true } };
      }
      case 'sendMessage':
        return sendMessage(body);
      default:
        return error(404, `Not Found: method ${method}`);
    }
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    let answer: Answer;
    if (!match || req.method !== 'POST') answer = error(404, 'Not Found');
    else if (match[1] !== token) answer = error(401, 'Unauthorized');
    else {
      const text = Buffer.concat(chunks).toString('utf8');
      answer = call(match[2]!, text ? (JSON.parse(text) as Record<string, unknown>) : {});
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  bot.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return bot;
}
