/**
 * Secret feed links: one per roster or per member, at an unguessable URL. Only the SHA-256 of the token is kept, so
 * a link is shown once, at creation; a lost link is revoked and a new one created.
 */
import type { FeedRecord } from '../storage/records.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid, notFound } from './errors.ts';
import { requireRoster } from './roster-state.ts';
import { randomToken, sha256Hex } from './secrets.ts';

export interface CreatedFeed extends FeedRecord {
  url: string;
  webcalUrl: string;
}

export function feedUrls(publicUrl: string, token: string) {
  const url = `${publicUrl.replace(/\/+$/, '')}/feeds/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export async function createFeed(
  ctx: ServiceContext,
  input: { rosterId: string; memberId?: string | undefined; label?: string | undefined },
): Promise<CreatedFeed> {
  const stored = await requireRoster(ctx, input.rosterId);
  if (input.memberId && !stored.roster.members.some((member) => member.id === input.memberId)) {
    const message = `no member with id "${input.memberId}" in roster ${input.rosterId}`;
    const coded = { code: 'unknown-member', params: { memberId: input.memberId } };
    throw invalid(message, [{ field: 'memberId', message, ...coded }], coded);
  }
  const stamp = stampOf(ctx);
  const token = randomToken();
  const feed: FeedRecord = {
    id: crypto.randomUUID(),
    rosterId: input.rosterId,
    memberId: input.memberId ?? null,
    label: input.label ?? null,
    createdAt: stamp.now,
    revokedAt: null,
  };
  await ctx.store.feeds.create(
    feed,
    await sha256Hex(token),
    {
      action: 'feed.create',
      rosterId: input.rosterId,
      entity: 'feed',
      entityId: feed.id,
      after: feed,
    },
    stamp,
  );
  // Rendered on its first GET (or by the background worker), not here: creating a thousand links renders nothing.
  ctx.feedsChanged?.();
  return { ...feed, ...feedUrls(ctx.publicUrl, token) };
}

export async function revokeFeed(ctx: ServiceContext, id: string): Promise<void> {
  const feed = await ctx.store.feeds.get(id);
  if (!feed) throw notFound(`feed "${id}"`, { entity: 'feed', id });
  if (feed.revokedAt) return;
  await ctx.store.feeds.revoke(
    id,
    { action: 'feed.revoke', rosterId: feed.rosterId, entity: 'feed', entityId: id, before: feed },
    stampOf(ctx),
  );
}

/**
 * The live link a token opens, with its URLs: how the admin pages show a just-created link again after their
 * redirect (the token comes back from the admin's own browser; only its hash is stored here).
 */
export async function liveFeedOfToken(
  ctx: ServiceContext,
  token: string,
): Promise<CreatedFeed | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await ctx.store.feeds.lookup(await sha256Hex(token));
  if (!found || found.feed.revokedAt) return null;
  return { ...found.feed, ...feedUrls(ctx.publicUrl, token) };
}
