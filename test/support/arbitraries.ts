/**
 * Test data for the expansion properties: the sample roster and the official holiday tables loaded from calendars/,
 * and fast-check arbitraries for absences, overrides, swaps and synthetic rosters.
 *
 * Everything is generated as a plan of plain numbers and dates and then resolved with `map` (never `chain`), so
 * fast-check can shrink a failing case down to a few facts. Scenarios print compactly in counterexamples.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import {
  addDays,
  fromEpochDay,
  type IsoDate,
  minDate,
  toEpochDay,
} from '../../src/domain/dates.ts';
import type {
  Absence,
  AbsenceReason,
  Override,
  RosterFacts,
  SlotRef,
  Swap,
} from '../../src/domain/facts-schema.ts';
import type { HolidayTable } from '../../src/domain/holiday-schema.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../../src/domain/holidays.ts';
import {
  type Position,
  type Roster,
  RosterSchema,
  WEEKDAY_KEYS,
} from '../../src/domain/roster-schema.ts';

/** The dates every generated fact falls in (the founding letter's first day to the end of the last official table). */
export const RANGE_FROM: IsoDate = '2024-04-15';
export const RANGE_TO: IsoDate = '2025-12-31';

const CALENDARS = new URL('../../calendars/', import.meta.url);
const CALENDAR_FILES = [
  'so-vhttdl-bac-giang.yaml',
  'holidays/vn/2024.yaml',
  'holidays/vn/2025.yaml',
  'holidays/vn/2026.yaml',
];

export interface Fixture {
  roster: Roster;
  holidayTables: HolidayTable[];
  holidays: HolidayCalendar;
}

let fixture: Fixture | undefined;

/** The roster of the founding letter and the official holiday tables, parsed once. */
export function loadFixture(): Fixture {
  if (fixture) return fixture;
  const files = CALENDAR_FILES.map((path) => ({
    path,
    text: readFileSync(new URL(path, CALENDARS), 'utf8'),
  }));
  const set = loadCalendarSet(files);
  if (set.issues.length > 0)
    throw new Error(`calendars/ does not load: ${JSON.stringify(set.issues)}`);
  const roster = set.rosters[0]?.roster;
  if (!roster) throw new Error('calendars/ has no roster');
  fixture = {
    roster,
    holidayTables: set.holidayTables,
    holidays: createHolidayCalendar(set.holidayTables),
  };
  return fixture;
}

export const REASONS: readonly AbsenceReason[] = [
  'leave',
  'training',
  'sick',
  'personal',
  'business',
  'other',
];
export const POSITIONS: readonly Position[] = ['primary', 'backup'];
/** A slug that is never a member id: overrides naming it must become conflicts. */
export const STRANGER = 'nguoi-ngoai';
/** Members of synthetic rosters; facts are planned for this many members and cut to the roster's size. */
const SYNTHETIC_IDS = [
  'tran-thi-an',
  'le-van-binh',
  'pham-thi-chi',
  'hoang-van-dung',
  'vu-thi-em',
  'dang-van-giang',
];
const MAX_MEMBERS = SYNTHETIC_IDS.length;

/** A date in [from, to], shrinking towards `from`. */
export function dateIn(from: IsoDate, to: IsoDate): fc.Arbitrary<IsoDate> {
  return fc.integer({ min: toEpochDay(from), max: toEpochDay(to) }).map(fromEpochDay);
}

/** Ranges [a, b] inside [from, to]. */
export function rangeIn(from: IsoDate, to: IsoDate): fc.Arbitrary<[IsoDate, IsoDate]> {
  return fc
    .tuple(dateIn(from, to), dateIn(from, to))
    .map(([x, y]): [IsoDate, IsoDate] => (x <= y ? [x, y] : [y, x]));
}

// ---------------------------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------------------------

interface AbsenceStep {
  gap: number;
  length: number;
  reason: AbsenceReason;
}

/**
 * Where a fact lands: a date anywhere in the range, or (with `absence` set, when there are absences) a day inside
 * one of the absences, where overrides, swaps and covers interact.
 */
export interface DatePick {
  date: IsoDate;
  absence: number | null;
  offset: number;
}

export const datePickArb: fc.Arbitrary<DatePick> = fc.record({
  date: dateIn(RANGE_FROM, RANGE_TO),
  absence: fc.option(fc.nat(), { nil: null, freq: 2 }),
  offset: fc.nat(14),
});

export function resolveDate(pick: DatePick, absences: readonly Absence[]): IsoDate {
  if (pick.absence === null || absences.length === 0) return pick.date;
  const absence = absences[pick.absence % absences.length]!;
  const date = addDays(absence.from, pick.offset);
  return minDate(date, absence.to);
}

interface FactsPlan {
  /** One list of absence steps per possible member. */
  absences: (readonly AbsenceStep[])[];
  overrides: { at: DatePick; member: number; position?: Position }[];
  swaps: {
    first: { at: DatePick; position?: Position };
    second: { at: DatePick; position?: Position };
  }[];
}

const absenceStepArb: fc.Arbitrary<AbsenceStep> = fc.record({
  gap: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 120 })),
  length: fc.integer({ min: 1, max: 15 }),
  reason: fc.constantFrom(...REASONS),
});

const positionOption = { requiredKeys: ['at'] as 'at'[] };
const refPlanArb = fc.record(
  { at: datePickArb, position: fc.constantFrom(...POSITIONS) },
  positionOption,
);

const factsPlanArb: fc.Arbitrary<FactsPlan> = fc.record({
  // About a third of the members are never away, so some pairs stay eligible for every cover of a window (fairness).
  absences: fc.array(
    fc.oneof(
      fc.constant([]),
      fc.array(absenceStepArb, { minLength: 1, maxLength: 10 }),
      fc.array(absenceStepArb, { minLength: 1, maxLength: 10 }),
    ),
    {
      minLength: MAX_MEMBERS,
      maxLength: MAX_MEMBERS,
    },
  ),
  overrides: fc.array(
    fc.record(
      { at: datePickArb, member: fc.nat(MAX_MEMBERS), position: fc.constantFrom(...POSITIONS) },
      { requiredKeys: ['at', 'member'] },
    ),
    { maxLength: 8 },
  ),
  swaps: fc.array(fc.record({ first: refPlanArb, second: refPlanArb }), { maxLength: 4 }),
});

/**
 * One member's absences, non-overlapping by construction: each starts `gap` days after the previous one ends and
 * lasts 1–15 days, all inside [RANGE_FROM, RANGE_TO].
 */
function absencesOf(memberId: string, steps: readonly AbsenceStep[]): Absence[] {
  const absences: Absence[] = [];
  const last = toEpochDay(RANGE_TO);
  let cursor = toEpochDay(RANGE_FROM);
  for (const { gap, length, reason } of steps) {
    const from = cursor + gap;
    if (from > last) break;
    const to = Math.min(from + length - 1, last);
    absences.push({ memberId, from: fromEpochDay(from), to: fromEpochDay(to), reason });
    cursor = to + 1;
  }
  return absences;
}

function resolveFacts(plan: FactsPlan, memberIds: readonly string[]): RosterFacts {
  // Listed member by member, so the list is not in date order (as when admins append to a file).
  const absences = memberIds.flatMap((id, index) => absencesOf(id, plan.absences[index] ?? []));
  const ref = (side: { at: DatePick; position?: Position }): SlotRef => ({
    date: resolveDate(side.at, absences),
    ...(side.position ? { position: side.position } : {}),
  });
  const overrides = plan.overrides.map(
    ({ at, member, position }): Override => ({
      ...ref({ at, ...(position ? { position } : {}) }),
      // One index in MAX_MEMBERS + 1 names somebody outside the roster.
      memberId: memberIds[member % (memberIds.length + 1)] ?? STRANGER,
      note: 'Phân công lại',
    }),
  );
  const swaps = plan.swaps.map(
    (swap): Swap => ({ first: ref(swap.first), second: ref(swap.second), note: 'Đổi ca' }),
  );
  return { absences, overrides, swaps };
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic rosters
// ---------------------------------------------------------------------------------------------------------------

/** A weekday's duty as member indices: one slot, or a primary and a backup (always two different members). */
type DayPlan = { position: Position; member: number } | { primary: number; backupOffset: number };

const dayPlanArb: fc.Arbitrary<DayPlan> = fc.oneof(
  fc.record({ position: fc.constantFrom(...POSITIONS), member: fc.nat(MAX_MEMBERS - 1) }),
  fc.record({ primary: fc.nat(MAX_MEMBERS - 1), backupOffset: fc.nat(MAX_MEMBERS - 2) }),
  fc.record({ primary: fc.nat(MAX_MEMBERS - 1), backupOffset: fc.nat(MAX_MEMBERS - 2) }),
);

/** Monday to Friday, each staffed or left out of the pattern. */
const patternPlanArb = fc.record(
  {
    monday: dayPlanArb,
    tuesday: dayPlanArb,
    wednesday: dayPlanArb,
    thursday: dayPlanArb,
    friday: dayPlanArb,
  },
  { requiredKeys: [] },
);
type PatternPlan = Partial<
  Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday', DayPlan>
>;

function resolvePattern(plan: PatternPlan, memberIds: readonly string[]) {
  const size = memberIds.length;
  const pattern: Record<string, unknown> = {};
  for (const key of WEEKDAY_KEYS) {
    const day = plan[key as keyof PatternPlan];
    if (!day) continue;
    if ('position' in day) {
      pattern[key] = { position: day.position, memberId: memberIds[day.member % size] };
    } else {
      const primary = day.primary % size;
      const backup = (primary + 1 + (day.backupOffset % (size - 1))) % size;
      pattern[key] = [
        { position: 'primary', memberId: memberIds[primary] },
        { position: 'backup', memberId: memberIds[backup] },
      ];
    }
  }
  return pattern;
}

const sessionsArb = fc.constantFrom(
  [
    { start: '07:30', end: '12:00' },
    { start: '13:00', end: '16:30' },
  ],
  [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  [{ start: '08:00', end: '17:00' }],
  [{ start: '00:00', end: '23:59' }],
);

const rosterPlanArb = fc.record({
  size: fc.integer({ min: 4, max: MAX_MEMBERS }),
  first: patternPlanArb,
  /** A second period, starting `gap` days after the first ends on `end`. */
  second: fc.option(
    fc.record({
      end: dateIn('2024-06-01', '2025-06-30'),
      gap: fc.integer({ min: 1, max: 90 }),
      continuesAfterEnd: fc.boolean(),
      pattern: patternPlanArb,
    }),
    { nil: null },
  ),
  hours: fc.tuple(sessionsArb, sessionsArb),
  hoursChange: fc.option(fc.tuple(dateIn(RANGE_FROM, RANGE_TO), sessionsArb, sessionsArb), {
    nil: null,
  }),
  coverMembers: fc.option(
    fc.uniqueArray(fc.nat(MAX_MEMBERS - 1), { minLength: 1, maxLength: MAX_MEMBERS }),
    { nil: null, freq: 3 },
  ),
  coverStrategy: fc.constantFrom('rotation', 'rotation', 'rotation', 'none'),
});

type RosterPlan = typeof rosterPlanArb extends fc.Arbitrary<infer T> ? T : never;

function resolveRoster(plan: RosterPlan): Roster {
  const memberIds = SYNTHETIC_IDS.slice(0, plan.size);
  const seasons = ([winter, summer]: readonly unknown[]) => [
    { name: 'Mùa đông', from: '10-16', to: '04-15', sessions: winter },
    { name: 'Mùa hè', from: '04-16', to: '10-15', sessions: summer },
  ];
  const first = { id: 'dot-1', from: RANGE_FROM, pattern: resolvePattern(plan.first, memberIds) };
  const periods = plan.second
    ? [
        { ...first, to: plan.second.end, continuesAfterEnd: plan.second.continuesAfterEnd },
        {
          id: 'dot-2',
          from: addDays(plan.second.end, plan.second.gap),
          pattern: resolvePattern(plan.second.pattern, memberIds),
        },
      ]
    : [first];
  const coverMembers = plan.coverMembers && [
    ...new Set(plan.coverMembers.map((index) => memberIds[index % plan.size]!)),
  ];
  return RosterSchema.parse({
    id: 'to-truc-thu-nghiem',
    name: 'Lịch trực thử nghiệm',
    organisation: { id: 'so-thu-nghiem', names: [{ name: 'Sở Thử nghiệm' }] },
    desk: {
      id: 'mot-cua',
      title: 'Bộ phận Một cửa',
      names: [{ location: 'Trung tâm Phục vụ hành chính công' }],
    },
    timeZone: 'Asia/Ho_Chi_Minh',
    workingHours: [
      { seasons: seasons(plan.hours) },
      ...(plan.hoursChange
        ? [{ from: plan.hoursChange[0], seasons: seasons(plan.hoursChange.slice(1)) }]
        : []),
    ],
    members: memberIds.map((id, index) => ({
      id,
      honorific: index % 2 === 0 ? 'Bà' : 'Ông',
      fullName: `Thành viên ${index + 1}`,
      title: 'Chuyên viên',
      unit: 'Văn phòng Sở',
      role: index === 0 ? 'primary' : 'backup',
    })),
    periods,
    cover: { strategy: plan.coverStrategy, ...(coverMembers ? { members: coverMembers } : {}) },
    makeUpSaturday: { strategy: 'replaced-weekday' },
  });
}

/** A roster of 4–6 members, one or two periods, a primary and a backup on some weekdays, parsed with RosterSchema. */
export const syntheticRosterArb: fc.Arbitrary<Roster> = rosterPlanArb.map(resolveRoster);

// ---------------------------------------------------------------------------------------------------------------
// Scenarios: a roster and its facts, printed compactly in counterexamples.
// ---------------------------------------------------------------------------------------------------------------

export interface Scenario {
  roster: Roster;
  facts: RosterFacts;
}

function describeRoster(roster: Roster): string {
  const periods = roster.periods.map((period) => {
    const days = Object.entries(period.pattern).map(([day, value]) => {
      const list = Array.isArray(value) ? value : value ? [value] : [];
      return `${day.slice(0, 3)} ${list.map((a) => `${a.position}=${a.memberId}`).join('+')}`;
    });
    const range = `${period.from}..${period.to ?? ''}${period.continuesAfterEnd ? ' (continues)' : ''}`;
    return `${period.id} ${range}: ${days.join(', ')}`;
  });
  const pool = roster.cover.members ? ` pool=[${roster.cover.members.join(',')}]` : '';
  return `${roster.id} (${roster.members.length} members; cover ${roster.cover.strategy}${pool}) ${periods.join(' | ')}`;
}

function describeScenario({ roster, facts }: Scenario): string {
  const lines = [
    `roster: ${describeRoster(roster)}`,
    ...facts.absences.map((a) => `absence: ${a.memberId} ${a.from}..${a.to} ${a.reason}`),
    ...facts.overrides.map((o) => `override: ${o.date} ${o.position ?? '(any)'} → ${o.memberId}`),
    ...facts.swaps.map(
      (s) =>
        `swap: ${s.first.date} ${s.first.position ?? '(any)'} ↔ ${s.second.date} ${s.second.position ?? '(any)'}`,
    ),
  ];
  return `\n  ${lines.join('\n  ')}\n`;
}

function scenario(roster: Roster, facts: RosterFacts): Scenario {
  const value: Scenario = { roster, facts };
  Object.defineProperty(value, fc.toStringMethod, {
    value: () => describeScenario(value),
    enumerable: false,
  });
  return value;
}

/** The sample roster with random absences, overrides and swaps. */
export function sampleScenarioArb(): fc.Arbitrary<Scenario> {
  const { roster } = loadFixture();
  const memberIds = roster.members.map((member) => member.id);
  return factsPlanArb.map((plan) => scenario(roster, resolveFacts(plan, memberIds)));
}

/** A synthetic roster with random absences, overrides and swaps. */
export function syntheticScenarioArb(): fc.Arbitrary<Scenario> {
  return fc.tuple(rosterPlanArb, factsPlanArb).map(([rosterPlan, factsPlan]) => {
    const roster = resolveRoster(rosterPlan);
    return scenario(
      roster,
      resolveFacts(
        factsPlan,
        roster.members.map((member) => member.id),
      ),
    );
  });
}
