/**
 * Expansion: a roster plus its facts and the holiday calendar, over an inclusive date range, become duty slots and
 * named closed days. Pure and deterministic: the slots of a date never depend on the range asked for, because the
 * fair-cover ledger replays the absences of the current fairness window from its start.
 */
import {
  type CompiledPeriod,
  type CompiledRoster,
  compileRoster,
  periodOn,
  type ScheduledDay,
  scheduleOn,
} from './compile-roster.ts';
import { createCoverLedger } from './cover.ts';
import { addDays, eachDate, type IsoDate, maxDate, yearOf } from './dates.ts';
import { seasonOn } from './effective.ts';
import { type FactsIndex, indexFacts } from './facts-index.ts';
import { NO_FACTS, type RosterFacts } from './facts-schema.ts';
import type { HolidayCalendar } from './holidays.ts';
import { type PlannedSlot, planDay } from './plan-day.ts';
import type { Roster } from './roster-schema.ts';
import { type DutySlot, type Expansion, type SlotKind, slotKey } from './slot.ts';
import { zonedDateTime } from './zone.ts';

export interface ExpandInput {
  roster: Roster | CompiledRoster;
  facts?: RosterFacts;
  holidays: HolidayCalendar;
  /** First day, inclusive. */
  from: IsoDate;
  /** Last day, inclusive. */
  to: IsoDate;
}

export function expandRoster(input: ExpandInput): Expansion {
  const compiled =
    'periods' in input.roster && 'memberIds' in input.roster
      ? input.roster
      : compileRoster(input.roster);
  const facts = indexFacts(input.facts ?? NO_FACTS);
  const ledger = createCoverLedger();
  const scheduleOf = (date: IsoDate) => scheduleOn(compiled, input.holidays, date);
  const planContext = { facts, memberIds: compiled.memberIds, scheduleOf };
  const result: Expansion = { slots: [], closedDays: [], conflicts: [] };
  // The fairness window (period and calendar year) the ledger counts for; compared by parts, not a built key.
  let windowPeriod: CompiledPeriod | null | undefined;
  let windowYear = 0;

  const visit = (date: IsoDate, emit: boolean) => {
    const day = scheduleOf(date);
    const year = yearOf(date);
    if (day.period !== windowPeriod || year !== windowYear) {
      ledger.reset();
      windowPeriod = day.period;
      windowYear = year;
    }
    if (emit && day.status.type === 'closed') {
      const { entry } = day.status;
      result.closedDays.push({ date, name: entry.name, kind: entry.kind, status: entry.status });
    }
    const conflicts = emit ? result.conflicts : [];
    const planned = planDay(planContext, date, day, conflicts);
    const slots = staffDay(compiled, facts, ledger, date, day, planned);
    if (emit) result.slots.push(...slots);
  };

  for (const date of facts.absenceDates(
    fairnessWindowStart(compiled, input.from),
    addDays(input.from, -1),
  )) {
    visit(date, false);
  }
  for (const date of eachDate(input.from, input.to)) visit(date, true);
  return result;
}

/** Covers are counted from the start of the assignment period or of the year, whichever is later. */
function fairnessWindowStart(compiled: CompiledRoster, date: IsoDate): IsoDate {
  const period = periodOn(compiled, date);
  return period ? maxDate(period.period.from, `${yearOf(date)}-01-01`) : date;
}

function staffDay(
  compiled: CompiledRoster,
  facts: FactsIndex,
  ledger: ReturnType<typeof createCoverLedger>,
  date: IsoDate,
  day: ScheduledDay,
  planned: PlannedSlot[],
): DutySlot[] {
  if (!facts.anyAbsenceOn(date))
    return planned.map((slot) =>
      buildSlot(compiled.roster, date, day, slot, slot.memberId, kindOf(slot, day), null),
    );
  const absent = (id: string) => facts.absenceOf(id, date);
  const serving = new Set(
    planned.filter((slot) => !absent(slot.memberId)).map((slot) => slot.memberId),
  );
  const pool = day.period?.pool ?? [];
  return planned.map((slot) => {
    const absence = absent(slot.memberId);
    if (!absence)
      return buildSlot(compiled.roster, date, day, slot, slot.memberId, kindOf(slot, day), null);
    const eligible = pool.filter((id) => !serving.has(id) && !absent(id));
    const cover = compiled.roster.cover.strategy === 'rotation' ? ledger.pick(eligible) : null;
    if (cover) {
      ledger.record(cover);
      serving.add(cover);
    }
    return buildSlot(
      compiled.roster,
      date,
      day,
      slot,
      cover,
      cover ? 'cover' : 'uncovered',
      absence.reason,
    );
  });
}

function kindOf(slot: PlannedSlot, day: ScheduledDay): SlotKind {
  if (slot.source !== 'pattern') return 'override';
  return day.makeupFor ? 'makeup' : 'regular';
}

function buildSlot(
  roster: Roster,
  date: IsoDate,
  day: ScheduledDay,
  slot: PlannedSlot,
  memberId: string | null,
  kind: SlotKind,
  reason: DutySlot['reason'],
): DutySlot {
  const { sessions } = seasonOn(roster, date);
  const regular = slot.assignment.memberId;
  // Who this slot belonged to before someone else took it: the absent member, or the one an override replaced.
  const displaced =
    memberId === slot.memberId ? (slot.memberId === regular ? null : regular) : slot.memberId;
  return {
    key: slotKey(roster.id, date, slot.assignment.position),
    rosterId: roster.id,
    date,
    position: slot.assignment.position,
    kind,
    memberId,
    regularMemberId: regular,
    coversFor: displaced,
    reason,
    makeupFor: day.makeupFor,
    swappedWith: slot.swappedWith,
    note: slot.note,
    periodId: day.period!.period.id,
    start: zonedDateTime(date, sessions[0]!.start, roster.timeZone),
    end: zonedDateTime(date, sessions[sessions.length - 1]!.end, roster.timeZone),
    sessions,
  };
}
