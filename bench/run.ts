/**
 * `npm run bench [-- --quick]`: runs every benchmark and prints the environment and a markdown table of results.
 * `--quick` takes fewer repetitions: a smoke run to see that the benchmarks work, not numbers to compare.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PUSH_NOTES, pushTable } from './calendar-push.ts';
import { runExpandBenchmarks } from './expand.bench.ts';
import { runFeedBenchmarks } from './feeds.bench.ts';
import { compareRenderers } from './render-vs-ical.bench.ts';
import { GOOGLE_SYNC_NOTES, runGoogleSyncBenchmarks } from './google-sync.bench.ts';
import { fuzzTable, runFuzzBenchmark, runRssBenchmark, rssTable } from './http-fuzz.bench.ts';
import { httpTable, notModifiedRatios, runHttpBenchmarks } from './http.bench.ts';
import { corpusScoreLine, IMPORT_NOTES, runImportBenchmarks } from './import.bench.ts';
import { runNoticeBenchmarks } from './notices.bench.ts';
import { noticeTables, runWorkerNoticeBenchmark } from './worker-notices.bench.ts';
import { formatNumber, resultsTable } from './measure.ts';
import { OUTLOOK_SYNC_NOTES, runOutlookSyncBenchmarks } from './outlook-sync.bench.ts';
import { quotaPushNotes, quotaPushTable, runQuotaPushBenchmark } from './quota-push.bench.ts';
import { runReportBenchmarks } from './report.bench.ts';

const quick = process.argv.includes('--quick');
const log = (line: string) => console.error(`… ${line}`);
const started = performance.now();

// In this order: the "1st run" columns of expansion and publication are only cold when nothing ran them before.
const expand = runExpandBenchmarks({ quick, log });
const reports = runReportBenchmarks({ quick, log });
const imports = runImportBenchmarks({ quick, log });
const feeds = await runFeedBenchmarks({ quick, log });
const renderers = await compareRenderers({ quick });
const googleSync = await runGoogleSyncBenchmarks({ quick, log });
const outlookSync = await runOutlookSyncBenchmarks({ quick, log });
const quotaPush = await runQuotaPushBenchmark({ quick, log });
const quotaPushOutlook = await runQuotaPushBenchmark({ quick, log, provider: 'outlook' });
const notices = await runNoticeBenchmarks({ quick, log });
const workerNotices = await runWorkerNoticeBenchmark({ quick, log });
const http = await runHttpBenchmarks({ quick, log });
const ratios = notModifiedRatios(http);
log('hardening: 300 MB chunked bodies, then the fuzz run');
const rss = await runRssBenchmark(quick ? 30 : 300);
const fuzz = await runFuzzBenchmark(quick ? 1000 : 10_000);

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
console.log(
  '## Duty records (`expandRoster` + `buildDutyReport`): a year of 5,000 rosters aggregated',
);
console.log();
console.log(resultsTable(reports, { items: 'slots', units: 'roster-days' }));
console.log();
console.log(
  [
    '- One call expands each of 5,000 rosters over 2025 (the workload of the expansion rows: the sample roster under',
    '  distinct ids, 6 absences each) and builds its duty records, adding up the roster figures. Goal: under 1 s.',
    '- "report half": time inside buildDutyReport (and, on the second row, the member views and table rows the API',
    '  and the CSV write), read per roster with performance.now(); the rest of the median is expansion.',
  ].join('\n'),
);
console.log();
console.log('## Letter import (`importLetter`)');
console.log();
console.log(resultsTable(imports, { items: 'findings', units: 'characters' }));
console.log();
console.log([...IMPORT_NOTES, corpusScoreLine()].join('\n'));
console.log();
console.log('## Feed publication (`publishScope`) and rendering (`renderFeed`)');
console.log();
console.log(resultsTable(feeds, { items: 'events', units: 'bytes' }));
console.log();
console.log(
  [
    '- Clock fixed at 2025-06-02 08:00 in Hà Nội: the feed window is 2024-12-04 to 2026-07-07 (180 days back, 400',
    '  ahead). "1 roster" is the sample roster; the organisation is 50 copies of it under distinct ids that all keep',
    '  the member nguyen-manh-ha, whose feed thus gathers 50 rosters; "1 of 50 rosters" is one copy\'s own feed.',
    '- first publish: publishScope on a service where the scope was never published (all events inserted, feed',
    '  rendered, hashed, cached), a new in-memory service per call, not timed. re-publish: again on the same service,',
    '  nothing changed. renderFeed alone: the ICS writer on the same document. ns/byte is per byte of ICS written.',
    `- renderFeed against bare ical-generator on the same ${renderers.events} events, alternating rounds: ${formatNumber(renderers.renderFeedMs, 1)} ms`,
    `  against ${formatNumber(renderers.icalGeneratorMs, 1)} ms, ratio ${renderers.ratio.toFixed(2)} (goal ≤ 1.2). National scale, start-up and the Worker's`,
    '  start-up CPU have their own scripts: node bench/national.bench.ts, node bench/worker-startup.bench.ts.',
  ].join('\n'),
);
console.log();
console.log(
  '## Calendar push to Google Calendar and Outlook (`reconcileRoster`, `reconcileAll`, `drainOutbox`) against the stand-ins',
);
console.log();
console.log(pushTable([...googleSync, ...outlookSync]));
console.log();
console.log([...PUSH_NOTES, ...GOOGLE_SYNC_NOTES, ...OUTLOOK_SYNC_NOTES].join('\n'));
console.log();
console.log('## First push under a write budget (stand-ins with a quota, time-scaled)');
for (const result of [quotaPush, quotaPushOutlook]) {
  console.log();
  console.log(quotaPushTable(result));
  console.log();
  console.log(quotaPushNotes(result));
}
console.log();
console.log(
  '## Change notices (e-mail to the SMTP stand-in: Node worker, and the Worker in workerd)',
);
console.log();
console.log(noticeTables(notices, workerNotices));
console.log();
console.log('## HTTP under load (autocannon, 127.0.0.1)');
console.log();
console.log(httpTable(http));
console.log();
console.log(
  [
    ratios
      ? `- **304 / healthz: ${formatNumber(ratios.requests, 2)} in requests/s** (goal ≥ 0.8); ${formatNumber(ratios.serverCpu, 2)} in server CPU per request.`
      : '- 304 / healthz: not measured.',
    `- ${quick ? '1' : '5'} s per case after a 1 s warm-up, 10 connections, no pipelining; the server runs in this`,
    '  process, autocannon in a child process. The feed is the sample roster\'s ("1 roster" above). The 304 case sends',
    '  what a polling client sends: Accept-Encoding: gzip and If-None-Match with the -gzip ETag it got. p50/p99/max:',
    '  latency per response as the client saw it. MB/s: response bytes (headers included) per second.',
    '- server CPU, client CPU: CPU time of each process over the run (all its threads: libuv pool, GC helpers, so',
    '  above 100 % is possible), as a share of one core. When the two add up to about 100 % while the server stays',
    "  well under it, client and server share one core and requests/s count the client's work too; server µs/req",
    '  (server CPU time per response) does not depend on that.',
  ].join('\n'),
);
console.log();
console.log('## Hardening: bodies over the limit, and the fuzzed HTTP surface');
console.log();
console.log(rssTable(rss));
console.log();
console.log(
  [
    `- ${quick ? '30' : '300'} MB offered as one chunked POST (no Content-Length, 64 KiB writes) to a real server on`,
    '  127.0.0.1 in this process; "sent" is what the client had written when the server answered 413 and closed.',
    '  RSS of the process sampled every 20 ms. Goal: growth under 50 MB.',
  ].join('\n'),
);
console.log();
console.log(fuzzTable(fuzz));
console.log();
console.log(
  `- ${formatNumber(fuzz.cases)} fuzzed requests (seed ${fuzz.seed}, test/support/http-fuzz.ts) in ${formatNumber(fuzz.totalS, 1)} s, median ${formatNumber(fuzz.medianMs, 2)} ms each; **invariant breaks (5xx, or rows changed by a refused request): ${fuzz.violations.length}**.`,
);
console.log();
console.log(`Total benchmark time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
