/**
 * Feed links for admins: create (the link is shown once), list, revoke. An organisation admin works on the feeds
 * of its own rosters: the roster comes from the body or the feed, so the check is here, not in the route policy.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { lineText, SlugSchema } from '../../domain/schema-primitives.ts';
import { notFound, ServiceError } from '../../services/errors.ts';
import { createFeed, revokeFeed } from '../../services/feed-links.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { requireOnRoster } from '../authorize.ts';
import { param, serviceContext, visibleRosters } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const TAG = 'Feeds';
export const FeedInputSchema = lazySchema(() =>
  z.object({
    rosterId: SlugSchema,
    memberId: SlugSchema.optional(),
    label: lineText(120).optional(),
  }),
);
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
  const input = await createFeedRoute.body(c);
  await requireOnRoster(c, 'roster.manage', input.rosterId);
  const feed = await createFeed(serviceContext(c), input);
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
    const ctx = serviceContext(c);
    const all = await ctx.store.feeds.list({ rosterId: c.req.query('rosterId') });
    const mine = new Set(
      visibleRosters(c, await ctx.store.listRosters(), 'roster.manage').map((r) => r.id),
    );
    // Every feed for a system admin, those of a deleted roster too.
    if (c.get('principal')?.role === 'system-admin') return c.json({ feeds: all });
    return c.json({
      feeds: all.filter((feed) => feed.rosterId !== null && mine.has(feed.rosterId)),
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
    const ctx = serviceContext(c);
    const feed = await ctx.store.feeds.get(param(c, 'id'));
    // A feed of a roster the principal may not see is answered like a missing feed.
    if (feed?.rosterId)
      await requireOnRoster(c, 'roster.manage', feed.rosterId).catch((error: unknown) => {
        throw error instanceof ServiceError && error.kind === 'not-found'
          ? notFound(`feed "${param(c, 'id')}"`)
          : error;
      });
    await revokeFeed(ctx, param(c, 'id'));
    return c.body(null, 204);
  },
);
