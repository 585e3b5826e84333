/**
 * Notice rows for changes that are not changes of facts: a roster's definition edited over the API or by its file,
 * and a holiday edit. The coming days are expanded before and after and compared; what changed who serves reaches
 * members as any other change does. The comparison runs over the longest notice window allowed (60 days; the planner
 * keeps only the configured one).
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
import { expandState, loadHolidayCalendar } from './roster-state.ts';

function comingDays(ctx: ServiceContext, roster: Roster) {
  const from = dateInZone(ctx.now(), roster.timeZone);
  return { from, to: addDays(from, NOTICE_HORIZON_DAYS) };
}

/** Notice rows for a change of `roster`'s slots, keeping only what may ever be told (see `noticeWorthy`). */
export function noticeStatements(
  ctx: ServiceContext,
  roster: Roster,
  changes: readonly SlotChange[],
): GuardedStatement[] {
  const worthy = noticeWorthy(changes, comingDays(ctx, roster));
  return noticeChangeStatements(roster.id, worthy, ctx.now().toISOString());
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
  const { from, to } = comingDays(ctx, next);
  const before = expandState({ stored, facts, holidays }, from, to).slots;
  const after = expandState({ stored: { ...stored, roster: next }, facts, holidays }, from, to);
  return noticeStatements(ctx, next, diffSlots(before, after.slots));
}

/**
 * What a holiday edit changes in each roster's coming days, computed before the edit is saved; `record` writes the
 * rows once it is (a holiday edit is not guarded by a roster's version, so the two are separate writes).
 */
export async function holidayNoticeChanges(
  ctx: ServiceContext,
  current: HolidayCalendar,
  next: HolidayCalendar,
): Promise<{ record(): Promise<void> }> {
  const statements: { rosterId: string; statements: GuardedStatement[] }[] = [];
  for (const stored of await ctx.store.listRosters()) {
    const facts = await ctx.store.factsOf(stored.id);
    const { from, to } = comingDays(ctx, stored.roster);
    const before = expandState({ stored, facts, holidays: current }, from, to).slots;
    const after = expandState({ stored, facts, holidays: next }, from, to).slots;
    const rows = noticeStatements(ctx, stored.roster, diffSlots(before, after));
    if (rows.length > 0) statements.push({ rosterId: stored.id, statements: rows });
  }
  return {
    async record() {
      for (const entry of statements) await ctx.store.notices.record(entry.statements);
    },
  };
}
