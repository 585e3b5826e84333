/**
 * Notice rows for changes that are not changes of facts: a roster's definition edited over the API or by its file,
 * and a holiday edit (in the background: see fan-out-holiday-notices.ts). The coming days are expanded before and
 * after and compared; what changed who serves reaches members as any other change does. The comparison runs over the
 * longest notice window allowed (60 days; the planner keeps only the configured one).
 */
import { addDays } from '../domain/dates.ts';
import type { HolidayCalendar } from '../domain/holidays.ts';
import type { Roster } from '../domain/roster-schema.ts';
import { NOTICE_HORIZON_DAYS, noticeWorthy } from '../domain/notice-plan.ts';
import { diffSlots, type SlotChange } from '../domain/slot-diff.ts';
import { dateInZone } from '../domain/zone.ts';
import type { GuardedStatement } from '../storage/guarded-write.ts';
import { noticeChangeStatements } from '../storage/notice-store.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { ServiceContext } from './context.ts';
import { expandState, loadHolidayCalendar, type RosterState } from './roster-state.ts';

function comingDays(at: Date, roster: Roster) {
  const from = dateInZone(at, roster.timeZone);
  return { from, to: addDays(from, NOTICE_HORIZON_DAYS) };
}

/** Notice rows for a change of `roster`'s slots made at `at`, keeping only what may ever be told (`noticeWorthy`). */
export function noticeStatements(
  ctx: Pick<ServiceContext, 'now'>,
  roster: Roster,
  changes: readonly SlotChange[],
  at: Date = ctx.now(),
): GuardedStatement[] {
  const worthy = noticeWorthy(changes, comingDays(at, roster));
  return noticeChangeStatements(roster.id, worthy, at.toISOString());
}

/** Statements to land with a definition change (in its guarded batch). */
export async function definitionNoticeStatements(
  ctx: ServiceContext,
  stored: StoredRoster,
  next: Roster,
): Promise<GuardedStatement[]> {
  const [facts, holidays] = await Promise.all([
    ctx.store.factsOf(stored.id),
    loadHolidayCalendar(ctx.store),
  ]);
  const { from, to } = comingDays(ctx.now(), next);
  const before = expandState({ stored, facts, holidays }, from, to).slots;
  const after = expandState({ stored: { ...stored, roster: next }, facts, holidays }, from, to);
  return noticeStatements(ctx, next, diffSlots(before, after.slots));
}

/**
 * Statements for what a holiday edit changed in `stored`'s coming days, as of `at` (the edit's time, so a fan-out
 * that runs late or twice writes the same rows). Run by the holiday notice fan-out, never inside the edit's request.
 */
export function holidayNoticeStatements(
  ctx: Pick<ServiceContext, 'now'>,
  state: Pick<RosterState, 'stored' | 'facts'>,
  holidays: { before: HolidayCalendar; after: HolidayCalendar },
  at: Date,
): GuardedStatement[] {
  const { from, to } = comingDays(at, state.stored.roster);
  const before = expandState({ ...state, holidays: holidays.before }, from, to).slots;
  const after = expandState({ ...state, holidays: holidays.after }, from, to).slots;
  return noticeStatements(ctx, state.stored.roster, diffSlots(before, after), at);
}
