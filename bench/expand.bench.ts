/**
 * Benchmarks of the roster expansion (`expandRoster`): many rosters over one year, one roster over ten years, and how
 * the cost grows with years and with rosters. Input is the sample roster of calendars/ cloned under distinct ids,
 * with seeded pseudo-random absences so covers are exercised, and the holiday tables of calendars/holidays/vn.
 *
 * The holiday calendar builds each year's table lazily on first use, and years without an official table (2027 on)
 * are estimated from the lunar calendar at that moment. The expansion benchmarks share one calendar warmed up for
 * 2025–2034 before any timing, so they measure expansion only; the first-use cost of the estimated years is measured
 * separately ("fresh calendar" rows).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCalendarSet, type SourceFile } from '../src/domain/calendar-set.ts';
import { addDays, countDays, type IsoDate, toEpochDay, fromEpochDay } from '../src/domain/dates.ts';
import { expandRoster } from '../src/domain/expand.ts';
import {
  type Absence,
  AbsenceListSchema,
  type AbsenceReason,
  type RosterFacts,
} from '../src/domain/facts-schema.ts';
import type { HolidayTable } from '../src/domain/holiday-schema.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../src/domain/holidays.ts';
import type { Roster } from '../src/domain/roster-schema.ts';
import { type BenchResult, measure, type Timing } from './measure.ts';

export interface ExpandBenchOptions {
  /** Fewer repetitions: a smoke run, not a measurement. */
  quick: boolean;
  /** Progress lines (to stderr, say), so a long run shows it is alive. */
  log?: (line: string) => void;
}

const CALENDARS = join(import.meta.dirname, '../calendars');
const SAMPLE_ROSTER = 'so-vhttdl-bac-giang.yaml';
const FIRST_YEAR = 2025;
const LAST_YEAR = 2034;
const ABSENCES_PER_YEAR = 6;
const REASONS: readonly AbsenceReason[] = ['leave', 'training', 'sick', 'business', 'other'];

export interface Job {
  roster: Roster;
  facts: RosterFacts;
}

interface Workload {
  jobs: Job[];
  from: IsoDate;
  to: IsoDate;
}

/** What one pass over a workload produced. */
interface Tally {
  slots: number;
  covers: number;
  uncovered: number;
}

/** The sample roster and the Vietnamese holiday tables, read with node:fs and parsed by the domain loader. */
export function loadInputs(): { roster: Roster; tables: HolidayTable[] } {
  const file = (path: string): SourceFile => ({
    path,
    text: readFileSync(join(CALENDARS, path), 'utf8'),
  });
  const holidayFiles = readdirSync(join(CALENDARS, 'holidays/vn'))
    .filter((name) => /^\d{4}\.ya?ml$/.test(name))
    .sort()
    .map((name) => file(`holidays/vn/${name}`));
  const set = loadCalendarSet([file(SAMPLE_ROSTER), ...holidayFiles]);
  if (set.issues.length > 0) {
    throw new Error(
      `calendars do not load: ${set.issues.map((issue) => `${issue.file}:${issue.line} ${issue.message}`).join('; ')}`,
    );
  }
  const roster = set.rosters[0]?.roster;
  if (!roster) throw new Error(`no roster in ${SAMPLE_ROSTER}`);
  return { roster, tables: set.holidayTables };
}

/** mulberry32: a small seeded PRNG, so every run benchmarks the same absences. Returns floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Six absences of 1–5 days per calendar year of [from, to]: the year is cut into six equal stretches and each gets
 * one absence of a random member, starting at a random day of its stretch. Validated by the facts schema.
 */
function absencesFor(roster: Roster, from: IsoDate, to: IsoDate, random: () => number): Absence[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const absences: Absence[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const first = toEpochDay(`${year}-01-01`);
    const stretch = Math.floor(countDays(`${year}-01-01`, `${year}-12-31`) / ABSENCES_PER_YEAR);
    for (let i = 0; i < ABSENCES_PER_YEAR; i++) {
      const start = fromEpochDay(first + i * stretch + Math.floor(random() * (stretch - 5)));
      const length = 1 + Math.floor(random() * 5);
      absences.push({
        memberId: pick(roster.members).id,
        from: start,
        to: addDays(start, length - 1),
        reason: pick(REASONS),
      });
    }
  }
  return AbsenceListSchema.parse(absences);
}

export function makeJobs(
  sample: Roster,
  count: number,
  from: IsoDate,
  to: IsoDate,
  seed: number,
): Job[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const roster: Roster = { ...sample, id: `bench-${String(i + 1).padStart(4, '0')}` };
    return {
      roster,
      facts: { absences: absencesFor(roster, from, to, random), overrides: [], swaps: [] },
    };
  });
}

function expandAll(workload: Workload, holidays: HolidayCalendar, tally?: Tally): number {
  let slots = 0;
  for (const { roster, facts } of workload.jobs) {
    const expansion = expandRoster({
      roster,
      facts,
      holidays,
      from: workload.from,
      to: workload.to,
    });
    slots += expansion.slots.length;
    if (tally) {
      for (const slot of expansion.slots) {
        if (slot.kind === 'cover') tally.covers++;
        else if (slot.kind === 'uncovered') tally.uncovered++;
      }
    }
  }
  if (tally) tally.slots = slots;
  return slots;
}

/** Times the expansion of `workload`; the first (cold) call also counts covers, which costs next to nothing. */
function measureWorkload(
  workload: Workload,
  calendar: () => HolidayCalendar,
  options: { warmup: number; reps: number; minSampleMs?: number },
): { timing: Timing; tally: Tally } {
  const tally: Tally = { slots: 0, covers: 0, uncovered: 0 };
  let first = true;
  const timing = measure(() => {
    const slots = expandAll(workload, calendar(), first ? tally : undefined);
    first = false;
    return slots;
  }, options);
  return { timing, tally };
}

const rosterDays = (workload: Workload) =>
  workload.jobs.length * countDays(workload.from, workload.to);
const lastDayOf = (years: number) => `${FIRST_YEAR + years - 1}-12-31`;
const coverNote = (tally: Tally) =>
  `${tally.covers.toLocaleString('en-US')} covers, ${tally.uncovered.toLocaleString('en-US')} uncovered`;

export function runExpandBenchmarks(options: ExpandBenchOptions): BenchResult[] {
  const log = options.log ?? (() => {});
  const { roster: sample, tables } = loadInputs();
  const big = options.quick ? { warmup: 1, reps: 2 } : { warmup: 2, reps: 7 };
  const small = options.quick
    ? { warmup: 2, reps: 3, minSampleMs: 5 }
    : { warmup: 5, reps: 15, minSampleMs: 25 };

  // One calendar for all expansion benchmarks, every year's table built (and estimated) before timing starts.
  const warmCalendar = createHolidayCalendar(tables);
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) warmCalendar.statusOn(`${year}-01-01`);
  const warm = () => warmCalendar;
  const results: BenchResult[] = [];

  // 1. 1,000 rosters over 2025.
  log('expand: 1,000 rosters × 1 year');
  const oneYear: Workload = {
    jobs: makeJobs(sample, 1000, '2025-01-01', '2025-12-31', 2025),
    from: '2025-01-01',
    to: '2025-12-31',
  };
  const many = measureWorkload(oneYear, warm, big);
  results.push({
    name: '1,000 rosters × 1 year (2025)',
    timing: many.timing,
    items: many.tally.slots,
    units: rosterDays(oneYear),
    note: coverNote(many.tally),
  });

  // 2. One roster over 2025–2034; 2027 on is estimated. Warm calendar, then a fresh one per call.
  log('expand: 1 roster × 10 years');
  const tenYears: Workload = {
    jobs: makeJobs(sample, 1, '2025-01-01', lastDayOf(10), 10),
    from: '2025-01-01',
    to: lastDayOf(10),
  };
  const long = measureWorkload(tenYears, warm, small);
  results.push({
    name: '1 roster × 10 years (2025–2034)',
    timing: long.timing,
    items: long.tally.slots,
    units: rosterDays(tenYears),
    note: `warm calendar; ${coverNote(long.tally)}`,
  });
  const cold = measureWorkload(tenYears, () => createHolidayCalendar(tables), small);
  results.push({
    name: '1 roster × 10 years, fresh calendar',
    timing: cold.timing,
    items: cold.tally.slots,
    units: rosterDays(tenYears),
    note: 'new calendar per call: includes estimating 2027–2034',
  });
  const estimates = measure(() => {
    const calendar = createHolidayCalendar(tables);
    for (let year = 2027; year <= LAST_YEAR; year++) calendar.statusOn(`${year}-01-01`);
    return calendar;
  }, small);
  results.push({
    name: 'first use of 8 estimated years',
    timing: estimates,
    note: `fresh calendar, 2027–2034 touched once: ${(estimates.medianMs / 8).toFixed(2)} ms per estimated year`,
  });

  // 3. Linearity: cost per roster-day as years grow (one roster) and as rosters grow (one year), warm calendar.
  log('expand: linearity in years');
  const byYears = [1, 2, 4, 8].map((years) => {
    const workload: Workload = {
      jobs: makeJobs(sample, 1, '2025-01-01', lastDayOf(years), years),
      from: '2025-01-01',
      to: lastDayOf(years),
    };
    const { timing, tally } = measureWorkload(workload, warm, small);
    return {
      name: `linearity: 1 roster × ${years} year${years > 1 ? 's' : ''}`,
      timing,
      items: tally.slots,
      units: rosterDays(workload),
    };
  });
  log('expand: linearity in rosters');
  const byRosters = [125, 250, 500, 1000].map((count) => {
    const workload: Workload = { ...oneYear, jobs: oneYear.jobs.slice(0, count) };
    const { timing, tally } = measureWorkload(
      workload,
      warm,
      count >= 500 ? big : { ...big, reps: big.reps + 2 },
    );
    return {
      name: `linearity: ${count.toLocaleString('en-US')} rosters × 1 year`,
      timing,
      items: tally.slots,
      units: rosterDays(workload),
    };
  });
  for (const series of [byYears, byRosters]) {
    const perUnit = (result: BenchResult) => result.timing.medianMs / result.units!;
    const base = perUnit(series[0]!);
    for (const result of series) results.push({ ...result, ratio: perUnit(result) / base });
  }
  return results;
}
