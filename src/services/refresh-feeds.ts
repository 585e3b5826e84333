/**
 * Rendering stale feeds ahead of their next GET: the background half of lazy feeds (the Node feed worker and the
 * Workers feed queue call these). Each render is the same `publishScope` a GET would do, so whichever comes first
 * does the work and the other finds the feed fresh.
 */
import type { ServiceContext } from './context.ts';
import { isFresh, publishScope } from './publish-feeds.ts';

/** Renders `scope` unless its stored feed is already fresh. */
export async function refreshScope(
  ctx: ServiceContext,
  scope: string,
): Promise<'fresh' | 'rendered'> {
  const [current, cache] = await Promise.all([
    ctx.store.feeds.versions(scope),
    ctx.store.feeds.cached(scope),
  ]);
  if (isFresh(cache, current, ctx.now())) return 'fresh';
  await publishScope(ctx, scope);
  return 'rendered';
}

/**
 * Renders up to `limit` stale feeds, one after the other, awaiting `pause` after each (the Node worker lets requests
 * through there); answers the scopes it rendered.
 */
export async function refreshStaleFeeds(
  ctx: ServiceContext,
  limit: number,
  pause: () => Promise<unknown> = async () => undefined,
): Promise<string[]> {
  const stale = await ctx.store.feeds.staleScopes(limit);
  for (const scope of stale) {
    await publishScope(ctx, scope);
    await pause();
  }
  return stale;
}
