/**
 * The public desk page of a roster whose `publish.publicDesk` is on: today and the six days after it, in the
 * roster's zone, as applicants see them (public-desk.ts). A roster that is not public is "not found", exactly like
 * one that does not exist, so the page does not tell which rosters exist.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import { type PublicDay, publicDays } from '../domain/public-desk.ts';
import type { Roster } from '../domain/roster-schema.ts';
import type { Language } from '../domain/vietnamese.ts';
import { dateInZone } from '../domain/zone.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { ServiceContext } from './context.ts';
import { notFound } from './errors.ts';
import { isPublicDesk } from './publish-feeds.ts';
import { expandState, loadHolidayCalendar } from './roster-state.ts';

export const PUBLIC_DAYS = 7;

export interface PublicDesk {
  roster: Roster;
  today: IsoDate;
  /** The days from today on that have a duty or a closure. */
  days: PublicDay[];
}

export async function requirePublicDesk(
  ctx: ServiceContext,
  rosterId: string,
): Promise<StoredRoster> {
  const stored = await ctx.store.getRoster(rosterId);
  if (!stored || !isPublicDesk(stored.roster)) throw notFound(`public desk "${rosterId}"`);
  return stored;
}

export async function loadPublicDesk(
  ctx: ServiceContext,
  rosterId: string,
  language: Language,
): Promise<PublicDesk> {
  const stored = await requirePublicDesk(ctx, rosterId);
  const today = dateInZone(ctx.now(), stored.roster.timeZone);
  const facts = await ctx.store.factsOf(stored.id);
  const holidays = await loadHolidayCalendar(ctx.store);
  const expansion = expandState(
    { stored, facts, holidays },
    today,
    addDays(today, PUBLIC_DAYS - 1),
  );
  return { roster: stored.roster, today, days: publicDays(stored.roster, expansion, language) };
}
