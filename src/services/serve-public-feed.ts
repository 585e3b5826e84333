/**
 * A calendar client's GET of a desk's public feed (`/desks/{id}.ics`): the stored rendering of the `public:<id>`
 * scope while it was built today, else published anew; 304 for a conditional GET of the same version.
 */
import { publicScope } from '../domain/feed-events.ts';
import { dateInZone } from '../domain/zone.ts';
import type { ServiceContext } from './context.ts';
import { publishScope } from './publish-feeds.ts';
import { requirePublicDesk } from './public-desk.ts';
import { type Conditional, type FeedAnswer, notModified } from './serve-feed.ts';

export async function servePublicFeed(
  ctx: ServiceContext,
  rosterId: string,
  conditional: Conditional,
): Promise<Exclude<FeedAnswer, { status: 404 | 410 }>> {
  const stored = await requirePublicDesk(ctx, rosterId);
  const scope = publicScope(stored.id);
  const cached = await ctx.store.feeds.cached(scope);
  const today = `${stored.roster.timeZone}|${dateInZone(ctx.now(), stored.roster.timeZone)}`;
  const feed = cached?.builtFor === today ? cached : await publishScope(ctx, scope);
  if (notModified(conditional, feed.etag, feed.lastModified))
    return { status: 304, etag: feed.etag, lastModified: feed.lastModified };
  return { status: 200, etag: feed.etag, lastModified: feed.lastModified, body: feed.body };
}
