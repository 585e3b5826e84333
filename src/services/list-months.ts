/** The months of a roster, from its first period to the current one: closed (when, by whom, corrections) or open. */
import { addDays } from '../domain/dates.ts';
import { dateInZone } from '../domain/zone.ts';
import type { ServiceContext } from './context.ts';
import { lastDayOf, monthOf } from './month-locks.ts';
import { requireRoster } from './roster-state.ts';

/** `2024-04`, `2024-05`, … up to and including `last`. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = monthOf(addDays(lastDayOf(month), 1)))
    months.push(month);
  return months;
}

export async function listMonths(ctx: ServiceContext, rosterId: string) {
  const stored = await requireRoster(ctx, rosterId);
  const closes = await ctx.store.months.closes(rosterId);
  const corrections = await ctx.store.months.corrections(
    rosterId,
    closes.map((close) => close.month),
  );
  const today = dateInZone(ctx.now(), stored.roster.timeZone);
  const start = [stored.roster.periods[0]?.from, today]
    .filter((date): date is string => Boolean(date))
    .sort()[0]!;
  const months = new Set([
    ...monthsBetween(monthOf(start), monthOf(today)),
    ...closes.map((close) => close.month),
  ]);
  return {
    rosterId,
    months: [...months].sort().map((month) => {
      const close = closes.find((candidate) => candidate.month === month);
      if (!close) return { month, status: 'open' as const, closable: lastDayOf(month) < today };
      const count = corrections.filter((correction) => correction.month === month).length;
      return {
        month,
        status: 'closed' as const,
        closedAt: close.closedAt,
        closedBy: close.closedBy,
        slots: close.slots,
        corrections: count,
      };
    }),
  };
}
