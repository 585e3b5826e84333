/**
 * What the staff page of a feed link shows: the same scope as the feed (a roster, or one member across rosters) over
 * the coming weeks, with the covers the member does and who covers them.
 */
import { addDays } from '../domain/dates.ts';
import { parseScope } from '../domain/feed-events.ts';
import { gradeSlots, OTHERS, type Reader } from '../domain/reason-privacy.ts';
import type { Member, Roster } from '../domain/roster-schema.ts';
import type { DutySlot } from '../domain/slot.ts';
import { dateInZone } from '../domain/zone.ts';
import { scopeOf } from '../storage/feed-store.ts';
import type { FeedRecord } from '../storage/records.ts';
import type { ServiceContext } from './context.ts';
import { feedName, rostersOf } from './publish-feeds.ts';
import { expandState, loadHolidayCalendar } from './roster-state.ts';
import { sha256Hex } from './secrets.ts';

export const STAFF_WEEKS = 8;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface StaffSlot {
  roster: Roster;
  slot: DutySlot;
}

/** The schedule a live link shows. */
export interface ShownSchedule {
  kind: 'schedule';
  feed: FeedRecord;
  name: string;
  memberId: string | null;
  /** The member of a member's link, as the first of their rosters lists them (for addressing them by name). */
  member: Member | null;
  from: string;
  to: string;
  /** Slots of the scope (for a member: the ones they serve), in date order. */
  duties: StaffSlot[];
  /** For a member: their slots someone else serves (cover, override, swap). */
  coveredBy: StaffSlot[];
}

/** What a link opens, as the feed of the same link answers: an unknown link, a revoked one, or the schedule. */
export type StaffSchedule = { kind: 'unknown' } | { kind: 'revoked' } | ShownSchedule;

/** Routes map the outcome to HTTP (the feed's 404 and 410); this verb knows nothing of HTTP. */
export async function staffSchedule(ctx: ServiceContext, token: string): Promise<StaffSchedule> {
  if (!TOKEN.test(token)) return { kind: 'unknown' };
  const found = await ctx.store.feeds.lookup(await sha256Hex(token));
  if (!found) return { kind: 'unknown' };
  if (found.feed.revokedAt) return { kind: 'revoked' };
  const scope = scopeOf(found.feed);
  const parsed = parseScope(scope);
  const rosters = await rostersOf(ctx, scope);
  const zone = rosters[0]?.roster.timeZone ?? 'Asia/Ho_Chi_Minh';
  const from = dateInZone(ctx.now(), zone);
  const to = addDays(from, STAFF_WEEKS * 7 - 1);
  const holidays = await loadHolidayCalendar(ctx.store);
  const duties: StaffSlot[] = [];
  const coveredBy: StaffSlot[] = [];
  // The page reads like the feed of the same link: a member sees their own reasons, others' graded.
  const memberId = parsed.kind === 'member' ? parsed.memberId : null;
  const reader: Reader = memberId ? { kind: 'member', memberId } : OTHERS;
  for (const stored of rosters) {
    const facts = await ctx.store.factsOf(stored.id);
    const { slots } = expandState({ stored, facts, holidays }, from, to);
    for (const slot of gradeSlots(slots, reader)) {
      if (!memberId || slot.memberId === memberId) duties.push({ roster: stored.roster, slot });
      else if (slot.coversFor === memberId) coveredBy.push({ roster: stored.roster, slot });
    }
  }
  const byStart = (a: StaffSlot, b: StaffSlot) =>
    a.slot.start.localeCompare(b.slot.start) || a.slot.key.localeCompare(b.slot.key);
  return {
    kind: 'schedule',
    feed: found.feed,
    name: feedName(scope, rosters),
    memberId,
    member:
      rosters.flatMap((stored) => stored.roster.members).find((member) => member.id === memberId) ??
      null,
    from,
    to,
    duties: duties.sort(byStart),
    coveredBy: coveredBy.sort(byStart),
  };
}
