/**
 * A holiday edit and closed months: a day that opens or closes changes the slots of every roster open that day (and
 * may shift covers later in the year), so the edit is checked against each roster's closed months like a change of
 * facts. It needs a reason when it touches one, and lands with the corrections it makes, in the edit's own batch.
 */
import type { IsoDate } from '../domain/dates.ts';
import type { HolidayCalendar } from '../domain/holidays.ts';
import { diffSlots } from '../domain/slot-diff.ts';
import { plainCorrectionStatement } from '../storage/month-store.ts';
import type { SqlStatement } from '../storage/sql.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { type ServiceContext, stampOf } from './context.ts';
import {
  closedMonths,
  correctionAudit,
  monthOf,
  type PlannedCorrections,
  planCorrections,
  requireReason,
} from './month-locks.ts';
import { expandState } from './roster-state.ts';

export async function holidayCorrections(
  ctx: ServiceContext,
  date: IsoDate,
  current: HolidayCalendar,
  next: HolidayCalendar,
): Promise<SqlStatement[]> {
  const end = `${date.slice(0, 4)}-12-31`;
  const plans: { rosterId: string; planned: PlannedCorrections }[] = [];
  // Only rosters with a closed month the edit can reach: a late notice for a coming holiday reads none.
  for (const rosterId of await ctx.store.months.rostersClosedBetween(monthOf(date), monthOf(end))) {
    const stored = await ctx.store.getRoster(rosterId);
    if (!stored) continue;
    const closed = await closedMonths(ctx, stored.id);
    const facts = await ctx.store.factsOf(stored.id);
    const before = expandState({ stored, facts, holidays: current }, date, end).slots;
    const after = expandState({ stored, facts, holidays: next }, date, end).slots;
    plans.push({
      rosterId: stored.id,
      planned: await planCorrections(ctx, stored.id, closed, [date], diffSlots(before, after)),
    });
  }
  requireReason(ctx, [...new Set(plans.flatMap((plan) => plan.planned.months))].sort());
  const stamp = stampOf(ctx);
  return plans.flatMap(({ rosterId, planned }) => [
    ...planned.corrections.map((correction) =>
      plainCorrectionStatement(ctx.store.db, correction, stamp),
    ),
    ...correctionAudit(rosterId, planned, ctx.correctionReason ?? '').map((audit) =>
      plainAuditStatement(ctx.store.db, audit, stamp),
    ),
  ]);
}
