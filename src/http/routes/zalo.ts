/**
 * The Zalo bot's webhook: each call must carry the configured secret in `X-Bot-Api-Secret-Token`; a text message
 * links or unlinks the sender (see services/zalo-link.ts) and the bot answers in the same chat. Other events are
 * acknowledged and ignored.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { matchesHash } from '../../services/secrets.ts';
import { handleZaloMessage } from '../../services/zalo-link.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { problem } from '../problem.ts';
import { serviceContext } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const UpdateSchema = lazySchema(() =>
  z.object({
    event_name: z.string(),
    message: z
      .object({
        chat: z.object({
          id: z.union([z.string(), z.number()]).transform(String),
          chat_type: z.enum(['PRIVATE', 'GROUP']).default('PRIVATE'),
        }),
        text: z.string().max(4000).optional(),
      })
      .optional(),
  }),
);

// The platform sends the update itself; getUpdates wraps it in { ok, result }: accept both.
const ZaloBodySchema = lazySchema(() =>
  z.preprocess((raw) => (raw as { result?: unknown } | null)?.result ?? raw, UpdateSchema),
);

export const zalo = new Hono<HonoEnv>();

const webhookRoute = describe({
  method: 'post',
  path: '/zalo/webhook',
  summary: 'The Zalo bot’s webhook (its secret token in a header): links and unlinks members',
  tag: 'Notices',
  auth: false,
  body: ZaloBodySchema,
  bodyName: 'the update',
  responses: { 200: '{ ok: true }', 401: 'Wrong secret', 404: 'Zalo not configured' },
});
zalo.post(webhookRoute.path, async (c) => {
  const bot = c.get('deps').notices?.zalo;
  if (!bot) return problem(c, 'not-found', 'Zalo is not configured on this server');
  const secret = c.req.header('x-bot-api-secret-token') ?? '';
  if (!(await matchesHash(secret, bot.secretHash)))
    return problem(c, 'unauthorized', 'the X-Bot-Api-Secret-Token header is missing or wrong');
  const update = await webhookRoute.body(c);
  const message = update.message;
  if (update.event_name === 'message.text.received' && message?.text !== undefined) {
    const chat = {
      chatId: message.chat.id,
      chatType: message.chat.chat_type,
      text: message.text,
    };
    const answer = await handleZaloMessage(serviceContext(c, 'zalo'), chat);
    await bot
      .send(chat.chatId, answer)
      .catch((error: unknown) => c.get('deps').logError?.(error, c.get('requestId')));
  }
  return c.json({ ok: true });
});
