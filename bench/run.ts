/**
 * `npm run bench [-- --quick]`: runs every benchmark and prints the environment and a markdown table of results.
 * `--quick` takes fewer repetitions: a smoke run to see that the benchmarks work, not numbers to compare.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runExpandBenchmarks } from './expand.bench.ts';
import { resultsTable } from './measure.ts';

const quick = process.argv.includes('--quick');
const log = (line: string) => console.error(`… ${line}`);
const started = performance.now();

const expand = runExpandBenchmarks({ quick, log });

console.log(`# lichtruc benchmarks${quick ? ' (--quick: smoke run, few repetitions)' : ''}`);
console.log();
console.log(`- Node ${process.version} on ${process.platform}/${process.arch}`);
console.log(`- CPU: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical cores)`);
console.log();
console.log('## Roster expansion (`expandRoster`)');
console.log();
console.log(resultsTable(expand, { items: 'slots', units: 'roster-days' }));
console.log();
console.log(
  [
    '- Times are per call (a call expands every roster of the case); "1st run" is the very first call, with the JIT and',
    '  the time-zone offset cache cold. Median and p90 come from the timed runs after warm-up; `n×k` runs means n',
    '  samples of k back-to-back calls each, for cases too short to time one by one. GC time is included.',
    '- Expansion rows share one holiday calendar whose tables for 2025–2034 were built before timing, so the one-off',
    '  lunar estimate of 2027–2034 is not in them; the "fresh calendar" rows measure it separately.',
    '- ratio: ns per roster-day divided by that of the first case of its series (1 roster × 1 year, 125 rosters ×',
    '  1 year); values near 1 mean the cost grows linearly. Each roster has 6 absences of 1–5 days per year.',
  ].join('\n'),
);
console.log();
console.log(`Total benchmark time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
