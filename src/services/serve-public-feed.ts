/**
 * A calendar client's GET of a desk's public feed (`/desks/{id}.ics`): the stored rendering of the `public:<id>`
 * scope while it is fresh (built today, for the versions a change bumps), else rendered anew; 304 for a conditional
 * GET of the same version.
 */
import { publicScope } from '../domain/feed-events.ts';
import type { ServiceContext } from './context.ts';
import { isFresh, publishScope } from './publish-feeds.ts';
import { requirePublicDesk } from './public-desk.ts';
import { type Conditional, type FeedAnswer, notModified } from './serve-feed.ts';

export async function servePublicFeed(
  ctx: ServiceContext,
  rosterId: string,
  conditional: Conditional,
): Promise<Exclude<FeedAnswer, { kind: 'unknown' | 'revoked' }>> {
  const stored = await requirePublicDesk(ctx, rosterId);
  const scope = publicScope(stored.id);
  const [cached, current] = await Promise.all([
    ctx.store.feeds.cached(scope),
    ctx.store.feeds.versions(scope),
  ]);
  const feed = isFresh(cached, current, ctx.now()) ? cached : await publishScope(ctx, scope);
  if (notModified(conditional, feed.etag, feed.lastModified))
    return { kind: 'not-modified', etag: feed.etag, lastModified: feed.lastModified };
  return { kind: 'feed', etag: feed.etag, lastModified: feed.lastModified, body: feed.body };
}
