/** Feed links for admins: create (the link is shown once), list, revoke. */
import { Hono } from 'hono';
import * as z from 'zod';
import { lineText, SlugSchema } from '../../domain/schema-primitives.ts';
import { createFeed, revokeFeed } from '../../services/feed-links.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, serviceContext } from '../request.ts';

const TAG = 'Feeds';
export const FeedInputSchema = z.object({
  rosterId: SlugSchema,
  memberId: SlugSchema.optional(),
  label: lineText(120).optional(),
});
export const feeds = new Hono<HonoEnv>();

const createFeedRoute = describe({
  method: 'post',
  path: '/api/feeds',
  summary: 'Create a secret feed link for a roster or one member',
  tag: TAG,
  body: FeedInputSchema,
  responses: {
    201: '{ id, url, webcalUrl } (shown once)',
    404: 'No such roster',
    422: 'Invalid',
  },
});
feeds.post(createFeedRoute.path, async (c) => {
  const feed = await createFeed(serviceContext(c), await createFeedRoute.body(c));
  return c.json(feed, 201);
});

feeds.get(
  describe({
    method: 'get',
    path: '/api/feeds',
    summary: 'List feed links (without their secret tokens)',
    tag: TAG,
    query: { rosterId: 'Only this roster' },
    responses: { 200: 'Feeds' },
  }).path,
  async (c) => {
    return c.json({
      feeds: await serviceContext(c).store.feeds.list({ rosterId: c.req.query('rosterId') }),
    });
  },
);

feeds.delete(
  describe({
    method: 'delete',
    path: '/api/feeds/{id}',
    summary: 'Revoke a feed link: it answers 410 from now on',
    tag: TAG,
    responses: { 204: 'Revoked', 404: 'No such feed' },
  }).path,
  async (c) => {
    await revokeFeed(serviceContext(c), param(c, 'id'));
    return c.body(null, 204);
  },
);
