/**
 * Answering a calendar client's GET of a feed link. A conditional GET of an unchanged feed costs one lookup and no
 * rendering; a feed marked stale by a change (or built for an earlier day) is rendered before answering, so a GET
 * after a change never sees the old content; a revoked link is "revoked" even when a rendered copy exists.
 */
import { scopeOf } from '../storage/feed-store.ts';
import type { ServiceContext } from './context.ts';
import { isFresh, publishScope } from './publish-feeds.ts';
import { sha256Hex } from './secrets.ts';

export type FeedAnswer =
  | { kind: 'unknown' }
  | { kind: 'revoked' }
  | { kind: 'not-modified'; etag: string; lastModified: string }
  /** `body` is null when the caller said it already holds the bytes of this ETag. */
  | { kind: 'feed'; etag: string; lastModified: string; body: string | null };

export interface Conditional {
  ifNoneMatch?: string | undefined;
  ifModifiedSince?: string | undefined;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

// Hashing a token with Web Crypto costs more than the rest of a 304 together; calendar clients poll the same few
// links over and over, so keep recent hashes (the tokens are in this process's memory for the request anyway).
const tokenHashes = new Map<string, string>();
const TOKEN_HASH_CACHE = 4096;

async function hashOf(token: string): Promise<string> {
  let hash = tokenHashes.get(token);
  if (!hash) {
    hash = await sha256Hex(token);
    if (tokenHashes.size >= TOKEN_HASH_CACHE) tokenHashes.delete(tokenHashes.keys().next().value!);
    tokenHashes.set(token, hash);
  }
  return hash;
}

/** RFC 9110 weak comparison for If-None-Match; the `-gzip` variant of our ETag names the same content. */
export function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/"$/, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || tag === `${bare}-gzip"`;
  });
}

export function notModified(conditional: Conditional, etag: string, lastModified: string): boolean {
  if (conditional.ifNoneMatch) return etagMatches(conditional.ifNoneMatch, etag);
  if (!conditional.ifModifiedSince) return false;
  const since = Date.parse(conditional.ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(lastModified) <= since;
}

export async function serveFeed(
  ctx: ServiceContext,
  token: string,
  conditional: Conditional,
  holds: (etag: string) => boolean = () => false,
): Promise<FeedAnswer> {
  if (!TOKEN.test(token)) return { kind: 'unknown' };
  const found = await ctx.store.feeds.lookup(await hashOf(token));
  if (!found) return { kind: 'unknown' };
  if (found.feed.revokedAt) return { kind: 'revoked' };
  const { cache } = found;
  const fresh = isFresh(cache, found.current, ctx.now());
  if (fresh && notModified(conditional, cache.etag, cache.lastModified)) {
    return { kind: 'not-modified', etag: cache.etag, lastModified: cache.lastModified };
  }
  if (fresh && holds(cache.etag))
    return { kind: 'feed', etag: cache.etag, lastModified: cache.lastModified, body: null };
  const scope = scopeOf(found.feed);
  const feed = (fresh && (await ctx.store.feeds.cached(scope))) || (await publishScope(ctx, scope));
  if (notModified(conditional, feed.etag, feed.lastModified))
    return { kind: 'not-modified', etag: feed.etag, lastModified: feed.lastModified };
  return { kind: 'feed', etag: feed.etag, lastModified: feed.lastModified, body: feed.body };
}
