/**
 * Properties of expandRoster over random absences, overrides and swaps, on the roster of the founding letter and on
 * synthetic rosters (4–6 members, one or two periods, a primary and a backup on some weekdays).
 *
 * Each property is checked by a function that returns the violations it finds as readable lines ("2024-05-06: …"),
 * so a failure names the offending date before fast-check prints the (shrunk) counterexample. The expected values
 * are computed here from the roster, the facts and the holiday tables themselves, not from src helpers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  eachDate,
  type IsoDate,
  minDate,
  weekdayOf,
  yearOf,
} from '../../src/domain/dates.ts';
import { expandRoster } from '../../src/domain/expand.ts';
import type { Absence, Override, RosterFacts } from '../../src/domain/facts-schema.ts';
import type { HolidayEntry } from '../../src/domain/holiday-schema.ts';
import {
  type Period,
  type Position,
  type Roster,
  RosterSchema,
  WEEKDAY_KEYS,
} from '../../src/domain/roster-schema.ts';
import type { DutySlot, Expansion } from '../../src/domain/slot.ts';
import {
  loadFixture,
  RANGE_FROM,
  RANGE_TO,
  rangeIn,
  resolveDate,
  type Scenario,
  sampleScenarioArb,
  syntheticScenarioArb,
} from '../support/arbitraries.ts';

const SEED = 20240415;
const { roster: sampleRoster, holidayTables, holidays } = loadFixture();

function expand(scenario: Scenario, from: IsoDate = RANGE_FROM, to: IsoDate = RANGE_TO): Expansion {
  return expandRoster({ roster: scenario.roster, facts: scenario.facts, holidays, from, to });
}

// ---------------------------------------------------------------------------------------------------------------
// Oracles: what the roster, the facts and the holiday tables say, computed independently of src/domain.
// ---------------------------------------------------------------------------------------------------------------

/** Entries in force (pending ones wait for an admin), by date, straight from the official tables. */
const holidayEntries = new Map<IsoDate, HolidayEntry>(
  holidayTables.flatMap((table) =>
    table.entries.filter((entry) => entry.status !== 'pending').map((entry) => [entry.date, entry]),
  ),
);

type DayKind =
  | { type: 'working' }
  | { type: 'weekend' }
  | { type: 'closed'; entry: HolidayEntry }
  | { type: 'makeup'; replaces: IsoDate };

function dayKind(date: IsoDate): DayKind {
  const entry = holidayEntries.get(date);
  if (entry?.kind === 'makeup-workday') return { type: 'makeup', replaces: entry.replaces! };
  if (weekdayOf(date) >= 6) return { type: 'weekend' };
  return entry ? { type: 'closed', entry } : { type: 'working' };
}

/** The period in force on `date`: the last one started, within its range or continuing after it. */
function periodInForce(roster: Roster, date: IsoDate): Period | null {
  const started = roster.periods.filter((period) => period.from <= date);
  const period = started[started.length - 1];
  if (!period) return null;
  return !period.to || date <= period.to || period.continuesAfterEnd ? period : null;
}

function assignmentsOf(period: Period, date: IsoDate) {
  const value = period.pattern[WEEKDAY_KEYS[weekdayOf(date) - 1]!];
  return value ? (Array.isArray(value) ? value : [value]) : [];
}

/** The positions that must have a slot on `date` (none on a closed day, a weekend or outside every period). */
function expectedPositions(roster: Roster, date: IsoDate): Position[] {
  const kind = dayKind(date);
  const period = periodInForce(roster, date);
  if (!period) return [];
  if (kind.type === 'working') return assignmentsOf(period, date).map((a) => a.position);
  if (kind.type === 'makeup') return assignmentsOf(period, kind.replaces).map((a) => a.position);
  return [];
}

/** Who may cover in the period: the roster's list, else everyone the period's pattern names, in roster order. */
function coverPool(roster: Roster, periodId: string): string[] {
  if (roster.cover.members) return roster.cover.members;
  const period = roster.periods.find((p) => p.id === periodId)!;
  const named = new Set(
    Object.values(period.pattern).flatMap((value) =>
      (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.memberId),
    ),
  );
  return roster.members.map((member) => member.id).filter((id) => named.has(id));
}

function absenceOf(facts: RosterFacts, memberId: string, date: IsoDate): Absence | undefined {
  return facts.absences.find((a) => a.memberId === memberId && a.from <= date && date <= a.to);
}

function slotsByDate(slots: readonly DutySlot[]): Map<IsoDate, DutySlot[]> {
  const byDate = new Map<IsoDate, DutySlot[]>();
  for (const slot of slots) {
    const list = byDate.get(slot.date);
    if (list) list.push(slot);
    else byDate.set(slot.date, [slot]);
  }
  return byDate;
}

const show = (slot: DutySlot) =>
  `${slot.date} ${slot.position} ${slot.kind} ${slot.memberId ?? '(nobody)'}`;

// ---------------------------------------------------------------------------------------------------------------
// Checks: each returns the violations of one property, one readable line each.
// ---------------------------------------------------------------------------------------------------------------

/** 1. One slot per position on every open day, none on other days; every closed weekday named in closedDays. */
function openDayViolations(
  roster: Roster,
  expansion: Expansion,
  from: IsoDate,
  to: IsoDate,
): string[] {
  const problems: string[] = [];
  const byDate = slotsByDate(expansion.slots);
  const closed = new Map(expansion.closedDays.map((day) => [day.date, day]));
  if (closed.size !== expansion.closedDays.length) problems.push('closedDays lists a date twice');
  for (const date of eachDate(from, to)) {
    const kind = dayKind(date);
    const calendarSays = holidays.statusOn(date).type;
    if (calendarSays !== kind.type)
      problems.push(
        `${date}: the holiday calendar says ${calendarSays}, the tables say ${kind.type}`,
      );
    const expected = expectedPositions(roster, date).sort();
    const actual = (byDate.get(date) ?? []).map((slot) => slot.position).sort();
    if (expected.join() !== actual.join()) {
      problems.push(
        `${date} (${kind.type}): expected slots [${expected.join(', ')}], got [${actual.join(', ')}]`,
      );
    }
    for (const slot of byDate.get(date) ?? []) {
      if ((slot.memberId === null) !== (slot.kind === 'uncovered'))
        problems.push(`${show(slot)}: memberId and kind disagree`);
    }
    const listed = closed.get(date);
    if (kind.type === 'closed' && !listed?.name.trim())
      problems.push(`${date} is closed (${kind.entry.name}) but not named in closedDays`);
    if (kind.type !== 'closed' && listed)
      problems.push(`${date} is ${kind.type} but listed in closedDays as "${listed.name}"`);
  }
  for (const slot of expansion.slots)
    if (slot.date < from || slot.date > to) problems.push(`${show(slot)}: outside ${from}..${to}`);
  for (const day of expansion.closedDays)
    if (day.date < from || day.date > to)
      problems.push(`closed ${day.date}: outside ${from}..${to}`);
  return problems;
}

/** 2. Nobody serves on a day they are absent. */
function absentServingViolations(facts: RosterFacts, expansion: Expansion): string[] {
  return expansion.slots.flatMap((slot) => {
    const absence = slot.memberId ? absenceOf(facts, slot.memberId, slot.date) : undefined;
    return absence
      ? [
          `${show(slot)}: ${slot.memberId} is absent ${absence.from}..${absence.to} (${absence.reason})`,
        ]
      : [];
  });
}

/** 3. Nobody serves two slots on one day. */
function doubleDutyViolations(expansion: Expansion): string[] {
  const problems: string[] = [];
  for (const [date, slots] of slotsByDate(expansion.slots)) {
    const members = slots.flatMap((slot) => (slot.memberId ? [slot.memberId] : []));
    const twice = members.filter((id, index) => members.indexOf(id) !== index);
    if (twice.length > 0)
      problems.push(`${date}: ${twice.join(', ')} serves twice (${slots.map(show).join('; ')})`);
  }
  return problems;
}

/**
 * 4. Within a fairness window (one calendar year of one period), two pool members who could have taken every cover
 * of the window (not absent that day, not serving another slot that day) end at most one cover apart. The expansion
 * must start at the first day of each window it holds.
 */
function fairnessViolations(roster: Roster, facts: RosterFacts, expansion: Expansion): string[] {
  const problems: string[] = [];
  const byDate = slotsByDate(expansion.slots);
  const windows = new Map<string, DutySlot[]>();
  for (const slot of expansion.slots) {
    if (slot.kind !== 'cover') continue;
    const key = `${slot.periodId} ${yearOf(slot.date)}`;
    windows.set(key, [...(windows.get(key) ?? []), slot]);
  }
  for (const [key, covers] of windows) {
    const pool = coverPool(roster, covers[0]!.periodId);
    for (const cover of covers) {
      if (!pool.includes(cover.memberId!))
        problems.push(`${show(cover)}: ${cover.memberId} is not in the cover pool`);
    }
    const eligibleForAll = pool.filter((id) =>
      covers.every(
        (cover) =>
          !absenceOf(facts, id, cover.date) &&
          !byDate.get(cover.date)!.some((other) => other !== cover && other.memberId === id),
      ),
    );
    const count = (id: string) => covers.filter((cover) => cover.memberId === id).length;
    for (const a of eligibleForAll) {
      for (const b of eligibleForAll) {
        if (a < b && Math.abs(count(a) - count(b)) > 1) {
          problems.push(
            `window ${key}: ${a} covered ${count(a)} times, ${b} ${count(b)} times, though both could take each of the ` +
              `${covers.length} covers (${covers.map((c) => `${c.date}→${c.memberId}`).join(', ')})`,
          );
        }
      }
    }
  }
  return problems;
}

/** The part of an expansion that falls in [from, to]. */
function restrict(expansion: Expansion, from: IsoDate, to: IsoDate): Expansion {
  const inside = (item: { date: IsoDate }) => from <= item.date && item.date <= to;
  return {
    slots: expansion.slots.filter(inside),
    closedDays: expansion.closedDays.filter(inside),
    conflicts: expansion.conflicts.filter(inside),
  };
}

/** Dates whose slots differ between two expansions (what a deep-equality failure would bury in a diff). */
function differingDates(expected: Expansion, actual: Expansion): string[] {
  const left = slotsByDate(expected.slots);
  const right = slotsByDate(actual.slots);
  const dates = [...new Set([...left.keys(), ...right.keys()])].sort();
  return dates.flatMap((date) => {
    const a = JSON.stringify(left.get(date) ?? []);
    const b = JSON.stringify(right.get(date) ?? []);
    return a === b
      ? []
      : [
          `${date}: ${(left.get(date) ?? []).map(show).join('; ')} ≠ ${(right.get(date) ?? []).map(show).join('; ')}`,
        ];
  });
}

/**
 * 7. A slot named by an applicable override (the member is in the roster and not absent, the date has that slot,
 * the position is given or the day has one slot) is served by the last such override's member, as kind 'override'.
 * An override that cannot apply is reported as a conflict on its date, never silently dropped; one that would give
 * its member a second slot that day is refused with a 'double-booked' conflict (property 3 holds either way).
 */
function overrideViolations(scenario: Scenario, expansion: Expansion): string[] {
  const { roster, facts } = scenario;
  const memberIds = new Set(roster.members.map((member) => member.id));
  const byDate = slotsByDate(expansion.slots);
  const problems: string[] = [];
  const target = (o: Override): DutySlot | string => {
    const sameDay = byDate.get(o.date) ?? [];
    if (sameDay.length === 0) return 'override-on-closed-day';
    if (!o.position && sameDay.length > 1) return 'override-ambiguous';
    const slot = o.position ? sameDay.find((s) => s.position === o.position) : sameDay[0];
    if (!slot) return 'slot-missing';
    if (!memberIds.has(o.memberId)) return 'unknown-member';
    if (absenceOf(facts, o.memberId, o.date)) return 'override-member-absent';
    return slot;
  };
  const winners = new Map<DutySlot, Override>();
  for (const o of facts.overrides) {
    const found = target(o);
    const where = `override ${o.date} ${o.position ?? '(any)'} → ${o.memberId}`;
    const refused = expansion.conflicts.some(
      (c) =>
        c.date === o.date &&
        c.code === 'double-booked' &&
        c.position === (o.position ?? null) &&
        c.message.includes(`"${o.memberId}"`),
    );
    if (typeof found !== 'string') {
      if (!refused) winners.set(found, o);
    } else if (!expansion.conflicts.some((c) => c.date === o.date && c.code === found)) {
      problems.push(`${where}: cannot apply (${found}) but no conflict says so`);
    }
  }
  for (const [slot, o] of winners) {
    if (slot.memberId !== o.memberId || slot.kind !== 'override')
      problems.push(`${show(slot)}: the override names ${o.memberId}`);
  }
  return problems;
}

/** 8. start < end, both on the slot's date with the +07:00 offset of Asia/Ho_Chi_Minh. */
function timeViolations(expansion: Expansion): string[] {
  const shape = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:00\+07:00$/;
  return expansion.slots.flatMap((slot) => {
    const problems: string[] = [];
    for (const value of [slot.start, slot.end]) {
      const match = shape.exec(value);
      if (!match) problems.push(`${show(slot)}: ${value} is not a +07:00 date-time`);
      else if (match[1] !== slot.date)
        problems.push(`${show(slot)}: ${value} is not on ${slot.date}`);
    }
    if (!(Date.parse(slot.start) < Date.parse(slot.end)))
      problems.push(`${show(slot)}: starts ${slot.start}, ends ${slot.end}`);
    return problems;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Properties, on the sample roster and on synthetic rosters.
// ---------------------------------------------------------------------------------------------------------------

/** A sub-range [a, b] of the whole range; half the time `a` falls inside an absence (the replay must catch up). */
const subRangePlanArb = fc.record({
  range: rangeIn(RANGE_FROM, RANGE_TO),
  inAbsence: fc.boolean(),
  absence: fc.nat(),
  offset: fc.nat(14),
  span: fc.nat(120),
});

type SubRangePlan = typeof subRangePlanArb extends fc.Arbitrary<infer T> ? T : never;

function resolveSubRange(plan: SubRangePlan, absences: readonly Absence[]): [IsoDate, IsoDate] {
  if (!plan.inAbsence || absences.length === 0) return plan.range;
  const a = resolveDate({ date: RANGE_FROM, absence: plan.absence, offset: plan.offset }, absences);
  const b = addDays(a, plan.span);
  return [a, minDate(b, RANGE_TO)];
}

/** A permutation of `items`, as the order of random keys. */
function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, key: keys[index % keys.length] ?? 0, index }))
    .sort((x, y) => x.key - y.key || x.index - y.index)
    .map(({ item }) => item);
}

const scenarios: [string, () => fc.Arbitrary<Scenario>, number][] = [
  ['the sample roster (so-vhttdl-bac-giang)', sampleScenarioArb, 200],
  ['synthetic rosters (4–6 members, two positions on some days)', syntheticScenarioArb, 200],
];

describe.each(scenarios)('expandRoster properties on %s', (_name, scenarioArb, numRuns) => {
  const params = { seed: SEED, numRuns };

  it('1. gives every open day one slot per position of its pattern, and no slot on a closed or weekend day', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        expect(openDayViolations(scenario.roster, expand(scenario), RANGE_FROM, RANGE_TO)).toEqual(
          [],
        );
      }),
      params,
    );
  });

  it('2. never lets an absent member serve', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        expect(absentServingViolations(scenario.facts, expand(scenario))).toEqual([]);
      }),
      params,
    );
  });

  it('3. never has a member serve two slots on the same day', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        expect(doubleDutyViolations(expand(scenario))).toEqual([]);
      }),
      params,
    );
  });

  it('4. keeps covers fair: members eligible for every cover of a window end at most one cover apart', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        expect(fairnessViolations(scenario.roster, scenario.facts, expand(scenario))).toEqual([]);
      }),
      params,
    );
  });

  it('5. is stable: a sub-range, or two adjacent ranges put together, give the same slots as the whole range', () => {
    const arb = fc.record({
      scenario: scenarioArb(),
      sub: subRangePlanArb,
      outer: rangeIn(RANGE_FROM, RANGE_TO).filter(([from, to]) => from < to),
      split: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    });
    fc.assert(
      fc.property(arb, ({ scenario, sub, outer: [from, to], split }) => {
        const [a, b] = resolveSubRange(sub, scenario.facts.absences);
        const whole = expand(scenario);
        const part = expand(scenario, a, b);
        expect(
          differingDates(restrict(whole, a, b), part),
          `[${a}, ${b}] inside the whole range`,
        ).toEqual([]);
        expect(part).toEqual(restrict(whole, a, b));

        const days = [...eachDate(from, to)];
        const last = days[Math.floor(split * (days.length - 1))]!;
        const left = expand(scenario, from, last);
        const right = expand(scenario, addDays(last, 1), to);
        const joined: Expansion = {
          slots: [...left.slots, ...right.slots],
          closedDays: [...left.closedDays, ...right.closedDays],
          conflicts: [...left.conflicts, ...right.conflicts],
        };
        const union = expand(scenario, from, to);
        expect(
          differingDates(union, joined),
          `[${from}, ${last}] + [${addDays(last, 1)}, ${to}]`,
        ).toEqual([]);
        expect(joined).toEqual(union);
      }),
      params,
    );
  });

  it('6. is deterministic, whatever the order of the absences', () => {
    const arb = fc.record({
      scenario: scenarioArb(),
      keys: fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
    });
    fc.assert(
      fc.property(arb, ({ scenario, keys }) => {
        const shuffled = permute(scenario.facts.absences, keys);
        const first = expand(scenario);
        expect(expand(scenario)).toEqual(first);
        const permuted = expand({
          roster: scenario.roster,
          facts: { ...scenario.facts, absences: shuffled },
        });
        expect(differingDates(first, permuted)).toEqual([]);
        expect(permuted).toEqual(first);
      }),
      params,
    );
  });

  it('7. lets an applicable override win over the pattern', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        expect(overrideViolations(scenario, expand(scenario))).toEqual([]);
      }),
      params,
    );
  });

  it('8. gives every slot a start before its end, both at +07:00 on the slot date', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        expect(timeViolations(expand(scenario))).toEqual([]);
      }),
      params,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Examples: one readable case per property.
// ---------------------------------------------------------------------------------------------------------------

const HA = 'nguyen-manh-ha';
const LUYEN = 'nguyen-van-luyen';
const HANH = 'nguyen-van-hanh';
const NO_FACTS: RosterFacts = { absences: [], overrides: [], swaps: [] };
const sample = (facts: Partial<RosterFacts> = {}): Scenario => ({
  roster: sampleRoster,
  facts: { ...NO_FACTS, ...facts },
});
/** "date position kind member", one per slot: the way a person reads a roster. */
const lines = (expansion: Expansion) => expansion.slots.map(show);

/** A small roster with a primary and a backup every Monday, for the cases the sample roster cannot show. */
function twoPositionRoster(): Roster {
  const member = (id: string) => ({
    id,
    honorific: 'Ông',
    fullName: id,
    title: 'Chuyên viên',
    unit: 'Văn phòng Sở',
    role: 'backup',
  });
  return RosterSchema.parse({
    id: 'hai-vi-tri',
    name: 'Hai vị trí',
    organisation: { id: 'so', names: [{ name: 'Sở' }] },
    desk: { id: 'mot-cua', title: 'Bộ phận Một cửa', names: [{ location: 'Trung tâm' }] },
    workingHours: [
      {
        seasons: [
          {
            name: 'Cả năm',
            from: '01-01',
            to: '12-31',
            sessions: [{ start: '07:30', end: '16:30' }],
          },
        ],
      },
    ],
    members: ['an', 'binh', 'chi', 'dung'].map(member),
    periods: [
      {
        id: 'dot-1',
        from: '2024-04-15',
        pattern: {
          monday: [
            { position: 'primary', memberId: 'an' },
            { position: 'backup', memberId: 'binh' },
          ],
          tuesday: { position: 'primary', memberId: 'chi' },
        },
      },
    ],
  });
}

describe('expandRoster examples', () => {
  it('1. staffs the làm bù Saturday 04/05/2024 like Monday 29/04 and names the days off around it', () => {
    const expansion = expand(sample(), '2024-04-26', '2024-05-06');
    expect(lines(expansion)).toEqual([
      '2024-04-26 primary regular nguyen-manh-ha',
      '2024-05-02 backup regular nguyen-van-hanh',
      '2024-05-03 primary regular nguyen-manh-ha',
      '2024-05-04 primary makeup nguyen-manh-ha',
      '2024-05-06 primary regular nguyen-manh-ha',
    ]);
    expect(expansion.slots.find((slot) => slot.date === '2024-05-04')?.makeupFor).toBe(
      '2024-04-29',
    );
    expect(expansion.closedDays.map((day) => `${day.date} ${day.name}`)).toEqual([
      '2024-04-29 Nghỉ hoán đổi (làm bù Thứ Bảy 04/05/2024)',
      '2024-04-30 Ngày Chiến thắng',
      '2024-05-01 Ngày Quốc tế Lao động',
    ]);
    expect(openDayViolations(sampleRoster, expansion, '2024-04-26', '2024-05-06')).toEqual([]);
  });

  it('1. marks a slot uncovered when everybody is away', () => {
    const absences = [HA, LUYEN, HANH].map((memberId) => ({
      memberId,
      from: '2024-05-06',
      to: '2024-05-06',
      reason: 'training' as const,
    }));
    const [slot] = expand(sample({ absences }), '2024-05-06', '2024-05-06').slots;
    expect(slot).toMatchObject({
      kind: 'uncovered',
      memberId: null,
      coversFor: HA,
      reason: 'training',
    });
  });

  it('2 and 4. has the other two officers take Bà Hà’s week of leave in turn, and never Bà Hà', () => {
    const absences = [
      { memberId: HA, from: '2024-05-06', to: '2024-05-10', reason: 'leave' as const },
    ];
    const expansion = expand(sample({ absences }), '2024-05-06', '2024-05-10');
    expect(lines(expansion)).toEqual([
      '2024-05-06 primary cover nguyen-van-luyen',
      '2024-05-07 backup regular nguyen-van-luyen',
      '2024-05-08 primary cover nguyen-van-hanh',
      '2024-05-09 backup regular nguyen-van-hanh',
      '2024-05-10 primary cover nguyen-van-luyen',
    ]);
    expect(absentServingViolations({ ...NO_FACTS, absences }, expansion)).toEqual([]);
  });

  it('3. refuses to let an override put one member on both slots of a day', () => {
    const scenario: Scenario = {
      roster: twoPositionRoster(),
      facts: {
        ...NO_FACTS,
        overrides: [{ date: '2024-04-22', position: 'backup', memberId: 'an' }],
      },
    };
    const expansion = expand(scenario, '2024-04-22', '2024-04-22');
    expect(doubleDutyViolations(expansion), lines(expansion).join('; ')).toEqual([]);
    expect(lines(expansion)).toEqual([
      '2024-04-22 primary regular an',
      '2024-04-22 backup regular binh',
    ]);
    expect(expansion.conflicts.map((conflict) => conflict.code)).toEqual(['double-booked']);
  });

  it('3. refuses to let a swap put one member on both slots of a day', () => {
    // Monday 22/04 backup (binh) ↔ Monday 06/05 primary (an): an then holds both slots of 22/04.
    const scenario: Scenario = {
      roster: twoPositionRoster(),
      facts: {
        ...NO_FACTS,
        swaps: [
          {
            first: { date: '2024-04-22', position: 'backup' },
            second: { date: '2024-05-06', position: 'primary' },
          },
        ],
      },
    };
    const expansion = expand(scenario, '2024-04-22', '2024-04-22');
    expect(doubleDutyViolations(expansion), lines(expansion).join('; ')).toEqual([]);
  });

  it('4. counts covers per calendar year: the first cover of 2025 starts the rotation afresh', () => {
    const absences = [
      { memberId: HA, from: '2024-12-30', to: '2024-12-30', reason: 'leave' as const }, // Luyện covers (2024 window)
      { memberId: HA, from: '2025-01-06', to: '2025-01-06', reason: 'leave' as const }, // new window: Luyện again
    ];
    expect(lines(expand(sample({ absences }), '2024-12-30', '2025-01-06'))).toEqual([
      '2024-12-30 primary cover nguyen-van-luyen',
      '2024-12-31 backup regular nguyen-van-luyen',
      '2025-01-02 backup regular nguyen-van-hanh',
      '2025-01-03 primary regular nguyen-manh-ha',
      '2025-01-06 primary cover nguyen-van-luyen',
    ]);
  });

  it('5. gives the same cover on 08/05/2024 whether the range starts before or in the middle of the leave', () => {
    const scenario = sample({
      absences: [{ memberId: HA, from: '2024-05-06', to: '2024-05-17', reason: 'leave' }],
    });
    const whole = expand(scenario, '2024-04-15', '2024-05-31');
    const fromMiddle = expand(scenario, '2024-05-08', '2024-05-31');
    expect(differingDates(restrict(whole, '2024-05-08', '2024-05-31'), fromMiddle)).toEqual([]);
    expect(fromMiddle.slots[0]).toMatchObject({
      date: '2024-05-08',
      kind: 'cover',
      memberId: HANH,
    });
  });

  it('6. gives the same result for the same absences listed in another order', () => {
    const absences = [
      { memberId: HA, from: '2024-05-06', to: '2024-05-08', reason: 'leave' as const },
      { memberId: LUYEN, from: '2024-05-08', to: '2024-05-08', reason: 'training' as const },
    ];
    const forward = expand(sample({ absences }), '2024-05-06', '2024-05-10');
    const backward = expand(
      sample({ absences: [...absences].reverse() }),
      '2024-05-06',
      '2024-05-10',
    );
    expect(differingDates(forward, backward)).toEqual([]);
  });

  it('7. lets an override replace Bà Hà on Wednesday 17/04/2024, but not with someone absent that day', () => {
    const overrides = [
      { date: '2024-04-17', memberId: HANH },
      { date: '2024-04-19', memberId: LUYEN },
    ];
    const absences = [
      { memberId: LUYEN, from: '2024-04-19', to: '2024-04-19', reason: 'business' as const },
    ];
    const expansion = expand(sample({ overrides, absences }), '2024-04-17', '2024-04-19');
    expect(lines(expansion)).toEqual([
      '2024-04-17 primary override nguyen-van-hanh',
      '2024-04-19 primary regular nguyen-manh-ha',
    ]);
    expect(expansion.conflicts.map((c) => `${c.date} ${c.code}`)).toEqual([
      '2024-04-19 override-member-absent',
    ]);
  });

  it('8. uses winter hours on 15/04 and summer hours from 16/04/2024, at +07:00', () => {
    const [winter, summer] = expand(sample(), '2024-04-15', '2024-04-16').slots;
    expect([winter?.start, winter?.end, summer?.start, summer?.end]).toEqual([
      '2024-04-15T07:30:00+07:00',
      '2024-04-15T16:30:00+07:00',
      '2024-04-16T07:00:00+07:00',
      '2024-04-16T17:00:00+07:00',
    ]);
  });

  it('reads the holiday tables right: 03/09/2024 and 02/05/2025 closed, Saturday 26/04/2025 làm bù (oracle sanity)', () => {
    const closed = [...eachDate(RANGE_FROM, RANGE_TO)].filter(
      (date) => dayKind(date).type === 'closed',
    );
    expect(closed).toContain('2024-09-03');
    expect(closed).toContain('2025-05-02');
    expect(dayKind('2025-04-26')).toEqual({ type: 'makeup', replaces: '2025-05-02' });
  });
});
