/** A roster's webhooks (Standard Webhooks): register (the secret is shown once), list, turn back on, delete. */
import { Hono } from 'hono';
import * as z from 'zod';
import { NOTICE_EVENT_TYPES } from '../../domain/notice-events.ts';
import {
  addWebhook,
  deleteWebhook,
  enableWebhook,
  listWebhooks,
} from '../../services/notice-webhooks.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, serviceContext } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const TAG = 'Notices';
export const WebhookInputSchema = lazySchema(() =>
  z.object({
    url: z.string().min(1).max(2000),
    events: z.array(z.enum(NOTICE_EVENT_TYPES)).max(NOTICE_EVENT_TYPES.length).optional(),
  }),
);
export const webhooks = new Hono<HonoEnv>();

const addWebhookRoute = describe({
  method: 'post',
  path: '/api/rosters/{id}/webhooks',
  summary:
    'Register a webhook: https to a public address (private ones where the server allows them)',
  tag: TAG,
  body: WebhookInputSchema,
  responses: {
    201: '{ id, url, events, secret } (the whsec_ secret is shown once)',
    404: 'No such roster',
    422: 'Invalid or private URL',
  },
});
webhooks.post(addWebhookRoute.path, async (c) => {
  const input = await addWebhookRoute.body(c);
  const allowPrivate = c.get('deps').notices?.allowPrivateWebhooks ?? false;
  const hook = await addWebhook(serviceContext(c), param(c, 'id'), input, allowPrivate);
  c.header('location', `/api/rosters/${hook.rosterId}/webhooks/${hook.id}`);
  return c.json(hook, 201);
});

webhooks.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}/webhooks',
    summary:
      "List a roster's webhooks (without their secrets): failingSince, failures, lastError, and disabledAt once paused",
    tag: TAG,
    responses: { 200: '{ webhooks }', 404: 'No such roster' },
  }).path,
  async (c) => c.json({ webhooks: await listWebhooks(serviceContext(c), param(c, 'id')) }),
);

webhooks.post(
  describe({
    method: 'post',
    path: '/api/rosters/{id}/webhooks/{webhookId}/enable',
    summary: 'Turn a webhook paused after a day of failures back on (the next events go to it)',
    tag: TAG,
    responses: {
      200: 'The webhook, active',
      404: 'No such roster or webhook',
      409: 'The webhook is not paused',
    },
  }).path,
  async (c) =>
    c.json(await enableWebhook(serviceContext(c), param(c, 'id'), param(c, 'webhookId'))),
);

webhooks.delete(
  describe({
    method: 'delete',
    path: '/api/rosters/{id}/webhooks/{webhookId}',
    summary: 'Delete a webhook: nothing more is sent to it',
    tag: TAG,
    responses: { 204: 'Deleted', 404: 'No such roster or webhook' },
  }).path,
  async (c) => {
    await deleteWebhook(serviceContext(c), param(c, 'id'), param(c, 'webhookId'));
    return c.body(null, 204);
  },
);
