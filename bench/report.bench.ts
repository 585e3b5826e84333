/**
 * Benchmarks of the duty report (`buildDutyReport`): a year of 5,000 rosters aggregated, as a province asking for
 * the annual evaluation of all its desks would. Each roster is the sample roster under its own id with six seeded
 * absences (the workload of expand.bench.ts), expanded over 2025 and reduced to its records; the goal is under one
 * second on this machine. The same call is split into its two halves (expansion, report) with a clock read around
 * each roster's report, so the table shows where the time goes.
 */
import { performance } from 'node:perf_hooks';
import { buildDutyReport } from '../src/domain/duty-report.ts';
import { memberRecordView, reportRows } from '../src/domain/duty-report-view.ts';
import { expandRoster } from '../src/domain/expand.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../src/domain/holidays.ts';
import { type Job, loadInputs, makeJobs } from './expand.bench.ts';
import { type BenchResult, formatNumber, measure, quantile } from './measure.ts';

export interface ReportBenchOptions {
  quick: boolean;
  log?: (line: string) => void;
}

const FROM = '2025-01-01';
const TO = '2025-12-31';
const ROSTERS = 5000;

interface Totals {
  slots: number;
  served: number;
  covers: number;
}

/**
 * Expands and reports every roster, adding up the roster figures. `views` also builds the public shapes the API
 * and the CSV write (member views with names, table rows with remarks). Returns the time spent in the report half.
 */
function aggregate(
  jobs: readonly Job[],
  holidays: HolidayCalendar,
  totals: Totals,
  views: boolean,
): number {
  let reportMs = 0;
  for (const { roster, facts } of jobs) {
    const { slots } = expandRoster({ roster, facts, holidays, from: FROM, to: TO });
    const start = performance.now();
    const report = buildDutyReport(roster, slots);
    if (views) {
      report.members.map((record) => memberRecordView(roster, record));
      reportRows(roster, report);
    }
    reportMs += performance.now() - start;
    totals.slots += report.roster.slots;
    totals.served += report.roster.served;
    totals.covers += report.roster.covers;
  }
  return reportMs;
}

export function runReportBenchmarks(options: ReportBenchOptions): BenchResult[] {
  const log = options.log ?? (() => {});
  const { roster: sample, tables } = loadInputs();
  const holidays = createHolidayCalendar(tables);
  holidays.statusOn(FROM);
  const jobs = makeJobs(sample, ROSTERS, FROM, TO, 2025);
  const runs = options.quick ? { warmup: 1, reps: 2 } : { warmup: 2, reps: 7 };
  const results: BenchResult[] = [];

  for (const views of [false, true]) {
    log(`report: ${ROSTERS.toLocaleString('en-US')} rosters × 1 year${views ? ' with views' : ''}`);
    const splits: number[] = [];
    let totals: Totals = { slots: 0, served: 0, covers: 0 };
    const timing = measure(() => {
      totals = { slots: 0, served: 0, covers: 0 };
      splits.push(aggregate(jobs, holidays, totals, views));
      return totals;
    }, runs);
    // The first `warmup` splits belong to untimed calls.
    const reportMs = quantile(splits.slice(-timing.samples.length), 0.5);
    const rosterDays = ROSTERS * 365;
    const share = `report half ${formatNumber(reportMs, 0)} ms (${formatNumber((100 * reportMs) / timing.medianMs, 0)} %), expansion the rest`;
    results.push({
      name: `${ROSTERS.toLocaleString('en-US')} rosters × 1 year: expand + report${views ? ' + views and rows' : ''}`,
      timing,
      items: totals.slots,
      units: rosterDays,
      note: `${share}; ${totals.covers.toLocaleString('en-US')} covers, coverage ${formatNumber((100 * totals.served) / totals.slots, 2)} %`,
    });
  }
  return results;
}
