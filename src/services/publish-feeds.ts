/**
 * Publishing feeds. A change only marks the scopes it touches stale (a roster's feed, its members' feeds; a holiday
 * edit all of them, through the holiday table's version); a scope is reconciled against what it showed before and
 * rendered on its first GET after that, or earlier by the background worker. A GET of a fresh feed serves stored
 * bytes, and a conditional GET costs one lookup.
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
import type { FeedVersions } from '../storage/feed-versions.ts';
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
  return ctx.store.rostersWithMember(parsed.memberId);
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

/**
 * Whether a stored feed is what its scope shows now: built today (in its zone) for the versions the scope is at.
 * A type guard, so a caller holding `cache | null` gets the cache back when it is fresh.
 */
export function isFresh<C extends Omit<CachedFeed, 'body'>>(
  cache: C | null,
  current: FeedVersions,
  now: Date,
): cache is C {
  if (!cache) return false;
  const [zone, day] = cache.builtFor.split('|');
  return (
    zone !== undefined &&
    day === dateInZone(now, zone) &&
    cache.holidaysVersion === current.holidaysVersion &&
    cache.scopeVersion === current.scopeVersion
  );
}

// One render per scope at a time in this process: concurrent GETs of a stale feed (and the background worker) share
// it, so SEQUENCE is bumped once per change and the work is not repeated.
const rendering = new WeakMap<object, Map<string, Promise<CachedFeed>>>();

/** Renders `scope` as it is now (sharing a render already under way) and stores the result. */
export function publishScope(ctx: ServiceContext, scope: string): Promise<CachedFeed> {
  let pending = rendering.get(ctx.store);
  if (!pending) {
    pending = new Map();
    rendering.set(ctx.store, pending);
  }
  let render = pending.get(scope);
  if (!render) {
    render = renderScope(ctx, scope).finally(() => pending.delete(scope));
    pending.set(scope, render);
  }
  return render;
}

async function renderScope(ctx: ServiceContext, scope: string): Promise<CachedFeed> {
  // Versions first: a change landing during the render leaves the stored copy stale, never wrongly fresh.
  const versions = await ctx.store.feeds.versions(scope);
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
  const body = renderFeed(feedDocument(scope, rosters, zone, result.events));
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
  const previous = await ctx.store.feeds.cached(scope);
  const cache: CachedFeed = {
    scope,
    builtFor,
    etag,
    lastModified: lastModifiedAfter(ctx.now(), previous, etag),
    body,
    ...versions,
  };
  if (!sameCache(previous, cache)) await ctx.store.feeds.saveCache(cache);
  return cache;
}

const sameCache = (a: CachedFeed | null, b: CachedFeed) =>
  a !== null &&
  a.etag === b.etag &&
  a.builtFor === b.builtFor &&
  a.holidaysVersion === b.holidaysVersion &&
  a.scopeVersion === b.scopeVersion;

/** HTTP dates have one-second resolution: a new version must look newer than the last even within the same second. */
function lastModifiedAfter(now: Date, previous: CachedFeed | null, etag: string): string {
  if (previous?.etag === etag) return previous.lastModified;
  const before = previous ? new Date(previous.lastModified).toISOString() : undefined;
  return new Date(stampAfter(now, before)).toUTCString();
}

function feedDocument(
  scope: string,
  rosters: readonly StoredRoster[],
  zone: string,
  events: readonly PublishedEvent[],
): FeedDocument {
  return {
    name: feedName(scope, rosters),
    timeZone: zone,
    refreshMinutes: 60,
    events: events.map((event) => {
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
}

/**
 * The feed scopes a roster change can touch: the roster's own feed, its public desk feed (if it has one), and the
 * feeds of its members, as they were and as they are (pass both versions of the roster when its members changed).
 */
export function rosterFeedScopes(...versions: (Roster | null | undefined)[]): string[] {
  const present = versions.filter((roster): roster is Roster => Boolean(roster));
  if (present.length === 0) return [];
  return [
    ...new Set([
      `roster:${present[0]!.id}`,
      publicScope(present[0]!.id),
      ...present.flatMap((roster) => roster.members.map((member) => `member:${member.id}`)),
    ]),
  ];
}

/** Marks the feeds a roster change touches stale (when the change was not a guarded batch that could carry it). */
export async function invalidateRosterFeeds(
  ctx: ServiceContext,
  ...versions: (Roster | null | undefined)[]
): Promise<void> {
  await ctx.store.feeds.invalidate(rosterFeedScopes(...versions));
  ctx.feedsChanged?.();
}

export const isPublicDesk = (roster: Roster) => roster.publish?.publicDesk === true;
