/**
 * The order in which the calendar push spends a limited write budget: what people will look at soonest first.
 * A drain walks three date bands, each for every roster before the next: the next 30 days, then the days before
 * today, then the rest of the horizon ahead. Within a roster's writes, the nearest date goes first (today, tomorrow,
 * yesterday, …). Three bands, not thirty-day slices all the way: each band costs every queued roster one planning
 * pass, and a small change (one absence) must stay cheap. Bands are inclusive date ranges in the roster's zone.
 */
import { addDays, type IsoDate, toEpochDay } from './dates.ts';
import type { SyncOp } from './sync-plan.ts';

export const NEAR_DAYS = 30;

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** The bands of a horizon around `today`, in the order a drain pushes them; together they cover it exactly. */
export function pushBands(
  today: IsoDate,
  horizon: { pastDays: number; futureDays: number },
): DateRange[] {
  const near = { from: today, to: addDays(today, Math.min(NEAR_DAYS - 1, horizon.futureDays)) };
  const bands = [near];
  if (horizon.pastDays > 0)
    bands.push({ from: addDays(today, -horizon.pastDays), to: addDays(today, -1) });
  if (horizon.futureDays >= NEAR_DAYS)
    bands.push({ from: addDays(today, NEAR_DAYS), to: addDays(today, horizon.futureDays) });
  return bands;
}

export function opDate(op: SyncOp): IsoDate {
  return op.type === 'delete' ? op.date : op.event.date;
}

/** Nearest date first; a day ahead before the day as far behind. */
export function nearestFirst<T extends SyncOp>(ops: readonly T[], today: IsoDate): T[] {
  const origin = toEpochDay(today);
  const rank = (op: T) => {
    const offset = toEpochDay(opDate(op)) - origin;
    return offset >= 0 ? offset * 2 : -offset * 2 + 1;
  };
  return [...ops].sort((a, b) => rank(a) - rank(b));
}
