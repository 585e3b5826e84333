/**
 * Publishing feeds: after any change, the scopes it touches (a roster's feed, its members' feeds) are reconciled
 * against what they showed before and re-rendered once, so a GET serves stored bytes and a conditional GET costs one
 * lookup. Only scopes with a live link are published.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import {
  desiredEvents,
  type EventContent,
  parseScope,
  publicScope,
} from '../domain/feed-events.ts';
import { type PublishedEvent, reconcileFeedEvents, stampAfter } from '../domain/feed-state.ts';
import { publicEvents } from '../domain/public-desk.ts';
import { memberName } from '../domain/vietnamese.ts';
import { dateInZone } from '../domain/zone.ts';
import type { FeedDocument } from '../providers/ics/feed-document.ts';
import { renderFeed } from '../providers/ics/render-feed.ts';
import type { CachedFeed, PublishedEventRow } from '../storage/feed-store.ts';
import type { Roster } from '../domain/roster-schema.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { ServiceContext } from './context.ts';
import { notFound } from './errors.ts';
import { expandState, loadHolidayCalendar } from './roster-state.ts';
import { sha256Hex } from './secrets.ts';

/** A feed shows half a year back (recent history) and a bit over a year ahead. */
export const FEED_WINDOW = { pastDays: 180, futureDays: 400 };
/** The public feed is for applicants planning a visit: two weeks back, two months ahead. */
export const PUBLIC_FEED_WINDOW = { pastDays: 14, futureDays: 60 };

/** The days a feed of that window size shows on `today`. */
export const feedWindowOn = (today: IsoDate, size = FEED_WINDOW) => ({
  from: addDays(today, -size.pastDays),
  to: addDays(today, size.futureDays),
});

/** Whether a change over `from`–`to` reaches outside the feeds' window (stored and reported, not in calendars). */
export function outsideFeeds(today: IsoDate, from: IsoDate, to: IsoDate): 'past' | 'future' | null {
  const window = feedWindowOn(today);
  if (from < window.from) return 'past';
  if (to > window.to) return 'future';
  return null;
}

const DEFAULT_ZONE = 'Asia/Ho_Chi_Minh';

/** The rosters a scope shows: the roster itself, or every roster the member serves in. */
export async function rostersOf(ctx: ServiceContext, scope: string): Promise<StoredRoster[]> {
  const parsed = parseScope(scope);
  if (parsed.kind !== 'member') {
    const stored = await ctx.store.getRoster(parsed.rosterId);
    if (!stored || (parsed.kind === 'public' && !isPublicDesk(stored.roster)))
      throw notFound(`roster "${parsed.rosterId}"`);
    return [stored];
  }
  const all = await ctx.store.listRosters();
  return all.filter((stored) =>
    stored.roster.members.some((member) => member.id === parsed.memberId),
  );
}

function zoneOf(rosters: readonly StoredRoster[]): string {
  return rosters[0]?.roster.timeZone ?? DEFAULT_ZONE;
}

/** The calendar's name of a scope, as feeds and the staff page show it. */
export function feedName(scope: string, rosters: readonly StoredRoster[]): string {
  const parsed = parseScope(scope);
  if (parsed.kind !== 'member') return rosters[0]!.roster.name;
  const member = rosters
    .flatMap((stored) => stored.roster.members)
    .find((candidate) => candidate.id === parsed.memberId);
  return member ? `Lịch trực – ${memberName(member)}` : `Lịch trực – ${parsed.memberId}`;
}

const toPublished = (row: PublishedEventRow): PublishedEvent => ({ ...row, hash: row.contentHash });

export async function publishScope(ctx: ServiceContext, scope: string): Promise<CachedFeed> {
  const rosters = await rostersOf(ctx, scope);
  const zone = zoneOf(rosters);
  const today: IsoDate = dateInZone(ctx.now(), zone);
  const builtFor = `${zone}|${today}`;
  const parsed = parseScope(scope);
  const window = feedWindowOn(today, parsed.kind === 'public' ? PUBLIC_FEED_WINDOW : FEED_WINDOW);
  const holidays = await loadHolidayCalendar(ctx.store);
  const desired = [];
  for (const stored of rosters) {
    const facts = await ctx.store.factsOf(stored.id);
    const expansion = expandState({ stored, facts, holidays }, window.from, window.to);
    desired.push(
      ...(parsed.kind === 'public'
        ? publicEvents(stored.roster, expansion)
        : desiredEvents(stored.roster, expansion.slots, parsed)),
    );
  }
  const published = (await ctx.store.feeds.events(scope)).map(toPublished);
  const result = reconcileFeedEvents(desired, published, window, ctx.now());
  await ctx.store.feeds.saveEvents(
    scope,
    result.upserts.map((event) => ({ ...event, contentHash: event.hash })),
    result.deletes,
  );

  const document: FeedDocument = {
    name: feedName(scope, rosters),
    timeZone: zone,
    refreshMinutes: 60,
    events: result.events.map((event) => {
      const { tentative, ...content } = JSON.parse(event.content) as EventContent;
      return {
        uid: event.uid,
        ...content,
        status: event.status === 'confirmed' && tentative ? 'tentative' : event.status,
        sequence: event.sequence,
        created: event.createdAt,
        lastModified: event.modifiedAt,
      };
    }),
  };
  const body = renderFeed(document);
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
  const previous = await ctx.store.feeds.cached(scope);
  if (previous && previous.etag === etag && previous.builtFor === builtFor) return previous;
  // HTTP dates have one-second resolution: a new version must look newer than the last even within the same second.
  const lastModified =
    previous?.etag === etag
      ? previous.lastModified
      : new Date(
          stampAfter(
            ctx.now(),
            previous ? new Date(previous.lastModified).toISOString() : undefined,
          ),
        ).toUTCString();
  const cache: CachedFeed = { scope, builtFor, etag, lastModified, body };
  await ctx.store.feeds.saveCache(cache);
  return cache;
}

/**
 * Re-publishes the live scopes a roster change can touch: the roster's own feed and the feeds of its members, as
 * they were and as they are (pass both versions of the roster when its members changed).
 */
export async function publishRosterFeeds(
  ctx: ServiceContext,
  ...versions: (Roster | null | undefined)[]
): Promise<void> {
  const present = versions.filter((roster): roster is Roster => Boolean(roster));
  if (present.length === 0) return;
  const touched = new Set([
    `roster:${present[0]!.id}`,
    ...present.flatMap((roster) => roster.members.map((member) => `member:${member.id}`)),
  ]);
  for (const scope of await ctx.store.feeds.liveScopes()) {
    if (touched.has(scope)) await publishScope(ctx, scope);
  }
  // The public feed has no link to be live by: it is live while the roster, as stored now, says its desk is public.
  const current = await ctx.store.getRoster(present[0]!.id);
  if (current && isPublicDesk(current.roster)) await publishScope(ctx, publicScope(current.id));
}

/** Re-publishes every live feed (after a holiday table change, which can touch any roster). */
export async function publishAllFeeds(ctx: ServiceContext): Promise<void> {
  for (const scope of await ctx.store.feeds.liveScopes()) await publishScope(ctx, scope);
  for (const stored of await ctx.store.listRosters())
    if (isPublicDesk(stored.roster)) await publishScope(ctx, publicScope(stored.id));
}

export const isPublicDesk = (roster: Roster) => roster.publish?.publicDesk === true;
