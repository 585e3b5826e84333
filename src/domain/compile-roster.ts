/**
 * A roster prepared for expansion: patterns indexed by ISO weekday, cover pools resolved, and the schedule a day
 * has before any absence, override or swap is applied.
 */
import { type IsoDate, weekdayOf } from './dates.ts';
import type { DayStatus, HolidayCalendar } from './holidays.ts';
import { type Assignment, type Period, type Roster, WEEKDAY_KEYS } from './roster-schema.ts';

export interface CompiledPeriod {
  period: Period;
  /** Index 1 (Monday) … 7 (Sunday); index 0 unused. */
  byWeekday: Assignment[][];
  /** Who may cover in this period, in roster order. */
  pool: string[];
}

export interface CompiledRoster {
  roster: Roster;
  periods: CompiledPeriod[];
  memberIds: ReadonlySet<string>;
}

export interface ScheduledDay {
  status: DayStatus;
  period: CompiledPeriod | null;
  assignments: Assignment[];
  /** Set on a làm bù day: the weekday it makes up for. */
  makeupFor: IsoDate | null;
}

export function compileRoster(roster: Roster): CompiledRoster {
  const order = roster.members.map((member) => member.id);
  const periods = roster.periods.map((period): CompiledPeriod => {
    const byWeekday: Assignment[][] = [[]];
    for (const key of WEEKDAY_KEYS) {
      const value = period.pattern[key];
      byWeekday.push(value ? (Array.isArray(value) ? value : [value]) : []);
    }
    const inPattern = new Set(byWeekday.flat().map((assignment) => assignment.memberId));
    const pool = roster.cover.members ?? order.filter((id) => inPattern.has(id));
    return { period, byWeekday, pool };
  });
  return { roster, periods, memberIds: new Set(order) };
}

/** The period in force on `date`: within its range, or after it when it continues until the next one starts. */
export function periodOn(compiled: CompiledRoster, date: IsoDate): CompiledPeriod | null {
  let found: CompiledPeriod | null = null;
  for (const candidate of compiled.periods) {
    if (candidate.period.from > date) break;
    found = candidate;
  }
  if (!found) return null;
  const { to, continuesAfterEnd } = found.period;
  return !to || date <= to || continuesAfterEnd ? found : null;
}

/** Who the pattern puts on duty on `date`, taking holidays and làm bù days into account. */
export function scheduleOn(
  compiled: CompiledRoster,
  holidays: HolidayCalendar,
  date: IsoDate,
): ScheduledDay {
  const status = holidays.statusOn(date);
  const period = periodOn(compiled, date);
  // Built directly rather than spread from a shared default: expansion asks for every day of every roster.
  if (!period || status.type === 'closed' || status.type === 'weekend')
    return { status, period, assignments: [], makeupFor: null };
  if (status.type === 'working')
    return { status, period, assignments: period.byWeekday[weekdayOf(date)]!, makeupFor: null };
  const none = { status, period, assignments: [], makeupFor: null };

  const policy = compiled.roster.makeUpSaturday;
  if (policy.strategy === 'unstaffed') return none;
  const assignments =
    policy.strategy === 'member'
      ? [{ position: 'primary' as const, memberId: policy.memberId! }]
      : period.byWeekday[weekdayOf(status.replaces)]!;
  return { status, period, assignments, makeupFor: status.replaces };
}
