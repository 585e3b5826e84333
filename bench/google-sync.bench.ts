/**
 * Benchmarks of the push to Google Calendar, against the Google stand-in (test/stand-ins/google-calendar.ts, a
 * node:http server on 127.0.0.1 in this process) with the real provider: `createGoogleProvider`, i.e. the official
 * `@googleapis/calendar` client for listing and single writes, the batch endpoint for bulk writes, a service-account
 * grant (JWT signed here, checked there). The sync never sleeps (backoff `sleep` is a no-op; no fault is scripted, so
 * it is never asked to) and the clock is fixed (`BENCH_NOW`, shared by the stand-in for the grant's iat/exp).
 *
 * - Initial sync of about 1,000 slots: the sample roster published to one calendar, horizon 30 days back and 1,460
 *   ahead; `reconcileRoster` on a service and a stand-in never synced (one listing of the empty calendar, then the
 *   batches). Each run gets a fresh service, stand-in and provider (so its own token grant), built before its clock
 *   starts.
 * - A 50-roster organisation: 50 copies of the sample roster under distinct ids, each published to a calendar of its
 *   own, all on one stand-in and written by one service account; the default horizon (30 back, 365 ahead);
 *   `reconcileAll` timed, fresh everything per run as above. Then a full resync of the unchanged organisation.
 * - Per change: after the initial sync of the sample roster (default horizon), absences of one day recorded one by
 *   one with `addAbsence` (untimed), each followed by a timed `drainOutbox` (from records, no listing); then a full
 *   `reconcileRoster` with nothing changed (listing only, no write expected).
 *
 * Requests are counted on the stand-in's log: API requests (listings, batches, single writes) apart from token
 * grants. The goals: 1/50 write request per event on a bulk sync (Google's batch holds 50), 1 per single change.
 *
 * The split of wall time wraps the provider (HTTP: request building, the client, the round trip), times the
 * stand-in's handling of each request within it (node:http's diagnostics channels: it runs in this process and
 * thread, doing work a real Google does elsewhere) and wraps every method of the store the sync is given (SQLite
 * through the D1-shaped port); "other" is the rest: expansion, planning, hashing, awaiting.
 *
 * Run alone with `node bench/google-sync.bench.ts [--quick]`.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CalendarSet } from '../src/domain/calendar-set.ts';
import { addDays } from '../src/domain/dates.ts';
import type { Roster } from '../src/domain/roster-schema.ts';
import { dateInZone } from '../src/domain/zone.ts';
import { drainOutbox, reconcileAll, reconcileRoster } from '../src/jobs/drain-outbox.ts';
import { DEFAULT_HORIZON, type SyncDeps } from '../src/jobs/sync-deps.ts';
import type { SyncRunResult } from '../src/jobs/sync-roster.ts';
import type { CalendarProvider } from '../src/providers/calendar-provider.ts';
import { createGoogleProvider } from '../src/providers/google/google-provider.ts';
import { ServiceAccountKeySchema } from '../src/providers/google/service-account.ts';
import { addAbsence } from '../src/services/add-absence.ts';
import { expandState, loadRosterState } from '../src/services/roster-state.ts';
import type { Store } from '../src/storage/store.ts';
import { type GoogleStandIn, startGoogleStandIn } from '../test/stand-ins/google-calendar.ts';
import { type BenchService, SAMPLE_ROSTER_ID, sampleCalendars, startBenchService } from './feeds.bench.ts';
import { formatNumber, markdownTable, quantile, type Timing } from './measure.ts';

export interface GoogleSyncBenchOptions {
  /** Fewer repetitions: a smoke run, not a measurement. */
  quick: boolean;
  /** Progress lines (to stderr, say), so a long run shows it is alive. */
  log?: (line: string) => void;
}

const ACCOUNT = 'lichtruc-sync@du-an.iam.gserviceaccount.com';
const ORG_ROSTERS = 50;
/** About 1,000 slots of the sample roster: 30 days back, four years ahead. */
const LONG_HORIZON = { pastDays: 30, futureDays: 1460 };
const ABSENT_MEMBER = 'nguyen-manh-ha';
/** Google's batch limit: the floor of write requests per event on a bulk sync is 1/50. */
const BATCH = 50;

const calendarIdOf = (rosterId: string) => `${rosterId}@group.calendar.google.com`;
const published = (roster: Roster): Roster => ({ ...roster, publish: { google: { calendarId: calendarIdOf(roster.id) } } });

/**
 * Wall time spent in the provider (HTTP), and within it in the stand-in's handling of requests (from the request's
 * headers to the end of its response), and in the store (SQLite) during the timed part.
 */
interface Split {
  httpMs: number;
  serverMs: number;
  storeMs: number;
}

const zeroSplit = (split: Split) => Object.assign(split, { httpMs: 0, serverMs: 0, storeMs: 0 });

function timed<F extends (...args: never[]) => unknown>(fn: F, split: Split, key: keyof Split): F {
  return (async (...args: Parameters<F>) => {
    const start = performance.now();
    try {
      return await fn(...args);
    } finally {
      split[key] += performance.now() - start;
    }
  }) as unknown as F;
}

/** The store with every method timed (the sync's calls are sequential, so the times do not overlap). */
function timedStore(store: Store, split: Split): Store {
  const wrap = <T extends object>(target: T): T =>
    Object.fromEntries(Object.entries(target).map(([key, value]) => [key, typeof value === 'function' ? timed(value, split, 'storeMs') : value])) as T;
  return { ...wrap(store), db: store.db, feeds: wrap(store.feeds), holidays: wrap(store.holidays), sync: wrap(store.sync) };
}

function timedProvider(provider: CalendarProvider, split: Split): CalendarProvider {
  return {
    name: provider.name,
    maxBatch: provider.maxBatch,
    listOwned: timed(provider.listOwned, split, 'httpMs'),
    apply: timed(provider.apply, split, 'httpMs'),
    ...(provider.syncShares ? { syncShares: timed(provider.syncShares, split, 'httpMs') } : {}),
  };
}

interface Fixture {
  service: BenchService;
  standIn: GoogleStandIn;
  deps: SyncDeps;
  split: Split;
  close(): Promise<void>;
}

/**
 * Adds the time the stand-in spends on each request (node:http's diagnostics channels: request start to response
 * finish) to `split.serverMs`. Requests are sequential, so the intervals do not overlap; the interval also holds the
 * loopback transfer of the request body. Returns the unsubscriber.
 */
function timeServer(port: number, split: Split): () => void {
  const started = new WeakMap<object, number>();
  const onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.socket.localPort === port) started.set(request, performance.now());
  };
  const onFinish = (message: unknown) => {
    const start = started.get((message as { request: IncomingMessage }).request);
    if (start !== undefined) split.serverMs += performance.now() - start;
  };
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return () => {
    unsubscribe('http.server.request.start', onStart);
    unsubscribe('http.server.response.finish', onFinish);
  };
}

/**
 * A service in memory (feeds.bench.ts) with `set` applied, whose rosters publish to calendars of their own on a new
 * stand-in, shared ("Make changes to events") with one service account; the outbox rows of applying are dropped,
 * as the tests do, so a sync starts from nothing queued.
 */
async function startFixture(set: CalendarSet, horizon: SyncDeps['horizon']): Promise<Fixture> {
  const service = await startBenchService(set);
  await service.store.db.prepare('DELETE FROM sync_outbox').run();
  const standIn = await startGoogleStandIn({ now: () => service.now().getTime() });
  for (const { roster } of set.rosters) {
    if (roster.publish?.google) standIn.createCalendar({ id: roster.publish.google.calendarId, summary: roster.name, writers: [ACCOUNT] });
  }
  const provider = createGoogleProvider({
    key: ServiceAccountKeySchema.parse(standIn.createServiceAccount(ACCOUNT)),
    rootUrl: standIn.rootUrl,
    fetch: globalThis.fetch,
    now: service.now,
    timeoutMs: 20_000,
  });
  const split: Split = { httpMs: 0, serverMs: 0, storeMs: 0 };
  const untimeServer = timeServer(Number(new URL(standIn.rootUrl).port), split);
  const deps: SyncDeps = {
    store: timedStore(service.store, split),
    now: service.now,
    providers: { google: timedProvider(provider, split) },
    horizon,
    backoff: { baseMs: 100, capMs: 10_000, maxAttempts: 6 },
    sleep: async () => {},
    random: () => 0.5,
  };
  return {
    service,
    standIn,
    deps,
    split,
    async close() {
      untimeServer();
      await standIn.close();
    },
  };
}

/** What the stand-in saw since its log was last reset. */
interface Requests {
  /** events.list pages. */
  lists: number;
  /** Batch requests and single writes. */
  writeRequests: number;
  /** Writes carried (batch parts, single writes). */
  writes: number;
  batches: number;
  /** POST /token. */
  grants: number;
  /** Requests or batch parts answered outside 2xx (none expected: no fault is scripted). */
  failed: number;
}

function requestsOf(standIn: GoogleStandIn): Requests {
  const counts: Requests = { lists: 0, writeRequests: 0, writes: 0, batches: 0, grants: 0, failed: 0 };
  const bad = (status: number | null) => status === null || status < 200 || status >= 300;
  for (const request of standIn.requests) {
    if (bad(request.status)) counts.failed++;
    if (request.path.startsWith('/token')) counts.grants++;
    else if (request.method === 'GET') counts.lists++;
    else {
      counts.writeRequests++;
      counts.writes += request.batch ? request.parts : 1;
      if (request.batch) counts.batches++;
      counts.failed += request.partCalls.filter((call) => bad(call.status)).length;
    }
  }
  return counts;
}

const addRequests = (a: Requests, b: Requests): Requests => ({
  lists: a.lists + b.lists,
  writeRequests: a.writeRequests + b.writeRequests,
  writes: a.writes + b.writes,
  batches: a.batches + b.batches,
  grants: a.grants + b.grants,
  failed: a.failed + b.failed,
});

/** Every run must end converged: nothing pending, no error, nothing blocked. */
function checkResults(label: string, results: readonly SyncRunResult[]): void {
  const wrong = results.find((result) => result.pending > 0 || result.failed > 0 || result.blocked || result.error);
  if (wrong) throw new Error(`${label}: ${wrong.rosterId} did not converge: ${JSON.stringify(wrong)}`);
}

export interface GoogleSyncResult {
  name: string;
  timing: Timing;
  /** What the requests are counted per (events written, changes recorded, events checked). */
  unit: 'event' | 'change';
  count: number;
  /** Requests of one run (the same in every run; checked). */
  requests: Requests;
  /** Write requests per unit at best: ⌈n/50⌉/n on a bulk sync, 1 per change; none on a no-op. */
  goal: string;
  /** Mean share of wall time in the provider (and of it in the stand-in) and in the store over the timed runs. */
  split: { http: number; server: number; store: number };
  note: string;
}

const nearestRank = (values: readonly number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * q) - 1)] ?? Number.NaN;

function timingOf(samples: number[], firstMs: number): Timing {
  return { samples, medianMs: quantile(samples, 0.5), p90Ms: nearestRank(samples, 0.9), firstMs, batch: 1 };
}

interface RunOutcome {
  ms: number;
  split: Split;
  requests: Requests;
  results: SyncRunResult[];
}

/**
 * `warmup + reps` runs of `sync`, each on a fresh fixture built (untimed) by `prepare`; the first run is reported
 * apart, the warm-ups are not sampled. Every run must send the same requests.
 */
async function measureFreshSyncs(
  label: string,
  prepare: () => Promise<Fixture>,
  sync: (deps: SyncDeps) => Promise<SyncRunResult[]>,
  options: { warmup: number; reps: number },
): Promise<{ timing: Timing; last: RunOutcome; fixture: Fixture; splits: Split[] }> {
  let firstMs = 0;
  const samples: number[] = [];
  const splits: Split[] = [];
  let last: RunOutcome | undefined;
  let fixture: Fixture | undefined;
  const runs = Math.max(1, options.warmup) + options.reps;
  for (let run = 0; run < runs; run++) {
    if (fixture) await fixture.close();
    fixture = await prepare();
    fixture.standIn.resetLog();
    const start = performance.now();
    const results = await sync(fixture.deps);
    const ms = performance.now() - start;
    checkResults(label, results);
    const outcome: RunOutcome = { ms, split: { ...fixture.split }, requests: requestsOf(fixture.standIn), results };
    if (last && JSON.stringify(last.requests) !== JSON.stringify(outcome.requests)) {
      throw new Error(`${label}: runs sent different requests: ${JSON.stringify(last.requests)} then ${JSON.stringify(outcome.requests)}`);
    }
    last = outcome;
    if (run === 0) firstMs = ms;
    if (run >= runs - options.reps) {
      samples.push(ms);
      splits.push(outcome.split);
    }
  }
  return { timing: timingOf(samples, firstMs), last: last!, fixture: fixture!, splits };
}

/** Mean shares of the wall time. */
function shareOf(splits: readonly Split[], samples: readonly number[]): GoogleSyncResult['split'] {
  const total = samples.reduce((sum, ms) => sum + ms, 0);
  const share = (key: keyof Split) => splits.reduce((sum, split) => sum + split[key], 0) / total;
  return { http: share('httpMs'), server: share('serverMs'), store: share('storeMs') };
}

/** One timed call on an existing fixture (log reset, split zeroed first). */
async function timeOnce(fixture: Fixture, call: () => Promise<SyncRunResult[]>): Promise<RunOutcome> {
  fixture.standIn.resetLog();
  zeroSplit(fixture.split);
  const start = performance.now();
  const results = await call();
  const ms = performance.now() - start;
  return { ms, split: { ...fixture.split }, requests: requestsOf(fixture.standIn), results };
}

const created = (results: readonly SyncRunResult[]) => results.reduce((sum, result) => sum + result.plan.create, 0);
const changedOps = (results: readonly SyncRunResult[]) => results.reduce((sum, result) => sum + result.plan.create + result.plan.update + result.plan.delete, 0);
/** ⌈n/50⌉ batches per calendar (a sync writes one roster at a time, so a batch never mixes two), over all events. */
function bulkGoal(results: readonly SyncRunResult[]): string {
  const batches = results.reduce((sum, result) => sum + Math.ceil(result.plan.create / BATCH), 0);
  return `${formatNumber(batches / created(results), 4)} (Σ⌈n/50⌉/n)`;
}
const horizonDays = (horizon: SyncDeps['horizon']) => formatNumber(horizon.pastDays + horizon.futureDays + 1);

export async function runGoogleSyncBenchmarks(options: GoogleSyncBenchOptions): Promise<GoogleSyncResult[]> {
  const log = options.log ?? (() => {});
  const set = sampleCalendars();
  const sample = set.rosters.find((entry) => entry.roster.id === SAMPLE_ROSTER_ID)?.roster;
  if (!sample) throw new Error(`no roster ${SAMPLE_ROSTER_ID} in calendars/`);
  const one: CalendarSet = { ...set, rosters: [{ path: `${SAMPLE_ROSTER_ID}.yaml`, roster: published(sample) }] };
  const org: CalendarSet = {
    ...set,
    rosters: Array.from({ length: ORG_ROSTERS }, (_, i) => {
      const suffix = String(i + 1).padStart(2, '0');
      const roster = published({ ...sample, id: `bench-org-${suffix}`, name: `${sample.name} (${suffix})` });
      return { path: `bench/${roster.id}.yaml`, roster };
    }),
  };
  const results: GoogleSyncResult[] = [];

  // 1. Initial sync of about 1,000 slots.
  log('google sync: initial sync of ~1,000 slots');
  const initial = await measureFreshSyncs(
    'initial sync',
    () => startFixture(one, LONG_HORIZON),
    (deps) => reconcileRoster(deps, SAMPLE_ROSTER_ID),
    options.quick ? { warmup: 1, reps: 2 } : { warmup: 2, reps: 7 },
  );
  const slots = created(initial.last.results);
  const live = initial.fixture.standIn.events(calendarIdOf(SAMPLE_ROSTER_ID)).length;
  if (live !== slots) throw new Error(`initial sync: ${live} events on the calendar, ${slots} created`);
  await initial.fixture.close();
  results.push({
    name: `initial sync, 1 roster × ${horizonDays(LONG_HORIZON)} days`,
    timing: initial.timing,
    unit: 'event',
    count: slots,
    requests: initial.last.requests,
    goal: bulkGoal(initial.last.results),
    split: shareOf(initial.splits, initial.timing.samples),
    note: `${formatNumber(slots)} slots, horizon 30 back / 1,460 ahead; fresh service + stand-in per run`,
  });

  // 2. A 50-roster organisation, then a full resync of it with nothing changed.
  log(`google sync: ${ORG_ROSTERS}-roster organisation`);
  const orgSync = await measureFreshSyncs(
    'organisation',
    () => startFixture(org, DEFAULT_HORIZON),
    (deps) => reconcileAll(deps),
    options.quick ? { warmup: 1, reps: 1 } : { warmup: 1, reps: 3 },
  );
  const orgEvents = created(orgSync.last.results);
  results.push({
    name: `initial sync, ${ORG_ROSTERS} rosters × ${horizonDays(DEFAULT_HORIZON)} days`,
    timing: orgSync.timing,
    unit: 'event',
    count: orgEvents,
    requests: orgSync.last.requests,
    goal: bulkGoal(orgSync.last.results),
    split: shareOf(orgSync.splits, orgSync.timing.samples),
    note: `reconcileAll; ${ORG_ROSTERS} calendars (one each) on one stand-in, one service account`,
  });
  log(`google sync: ${ORG_ROSTERS}-roster organisation, no-op resync`);
  const orgNoop: RunOutcome[] = [];
  for (let run = 0; run < (options.quick ? 1 : 3); run++) orgNoop.push(await timeOnce(orgSync.fixture, () => reconcileAll(orgSync.fixture.deps)));
  await orgSync.fixture.close();
  for (const run of orgNoop) {
    checkResults('organisation no-op', run.results);
    if (changedOps(run.results) > 0) throw new Error(`organisation no-op: planned writes ${changedOps(run.results)}`);
  }
  results.push({
    name: `full resync, ${ORG_ROSTERS} rosters, unchanged`,
    timing: timingOf(orgNoop.map((run) => run.ms), orgNoop[0]!.ms),
    unit: 'event',
    count: orgEvents,
    requests: orgNoop.at(-1)!.requests,
    goal: '0 writes',
    split: shareOf(orgNoop.map((run) => run.split), orgNoop.map((run) => run.ms)),
    note: 'same service right after; every roster listed, nothing to write',
  });

  // 3. Per change: absences one by one, each pushed by drainOutbox; then a no-op full resync.
  log('google sync: changes one by one');
  const changes = options.quick ? 5 : 20;
  const fixture = await startFixture(one, DEFAULT_HORIZON);
  checkResults('per change, initial sync', await reconcileRoster(fixture.deps, SAMPLE_ROSTER_ID));
  const state = await loadRosterState(fixture.service.ctx, SAMPLE_ROSTER_ID);
  const today = dateInZone(fixture.service.now(), sample.timeZone);
  // The absent member's duty days from a week ahead on, every third one (a few a month), in date order.
  const duties = expandState(state, addDays(today, 7), addDays(today, DEFAULT_HORIZON.futureDays))
    .slots.filter((slot) => slot.memberId === ABSENT_MEMBER)
    .filter((_, index) => index % 3 === 0)
    .slice(0, changes);
  if (duties.length < changes) throw new Error(`per change: only ${duties.length} duty days of ${ABSENT_MEMBER} found`);
  const drains: RunOutcome[] = [];
  let changedSlots = 0;
  for (const duty of duties) {
    const change = await addAbsence(fixture.service.ctx, SAMPLE_ROSTER_ID, { memberId: ABSENT_MEMBER, from: duty.date, to: duty.date, reason: 'leave' });
    changedSlots += change.changedSlots.length;
    const drained = await timeOnce(fixture, () => drainOutbox(fixture.deps));
    checkResults('per change', drained.results);
    drains.push(drained);
  }
  const perChange = drains.map((run) => run.requests).reduce(addRequests);
  results.push({
    name: 'one absence → drainOutbox',
    timing: timingOf(drains.map((run) => run.ms), drains[0]!.ms),
    unit: 'change',
    count: changes,
    requests: perChange,
    goal: '1',
    split: shareOf(drains.map((run) => run.split), drains.map((run) => run.ms)),
    note: `${changes} one-day absences of ${ABSENT_MEMBER}, ${changedSlots} slots changed in all; times per change, requests summed`,
  });
  log('google sync: no-op full resync');
  const noop: RunOutcome[] = [];
  for (let run = 0; run < (options.quick ? 3 : 10); run++) noop.push(await timeOnce(fixture, () => reconcileRoster(fixture.deps, SAMPLE_ROSTER_ID)));
  await fixture.close();
  for (const run of noop) {
    checkResults('no-op resync', run.results);
    if (changedOps(run.results) > 0) throw new Error(`no-op resync: planned writes ${changedOps(run.results)}`);
  }
  const events = noop[0]!.results[0]!.plan.unchanged;
  results.push({
    name: 'full resync, 1 roster, unchanged',
    timing: timingOf(noop.map((run) => run.ms), noop[0]!.ms),
    unit: 'event',
    count: events,
    requests: noop.at(-1)!.requests,
    goal: '0 writes',
    split: shareOf(noop.map((run) => run.split), noop.map((run) => run.ms)),
    note: 'after the changes above; default horizon; listing only',
  });
  return results;
}

export function googleSyncTable(results: readonly GoogleSyncResult[]): string {
  const columns = [
    { title: 'benchmark' },
    { title: 'runs', right: true },
    { title: '1st run ms', right: true },
    { title: 'median ms', right: true },
    { title: 'p90 ms', right: true },
    { title: 'per', right: true },
    { title: 'lists', right: true },
    { title: 'write req', right: true },
    { title: 'writes', right: true },
    { title: 'req/unit', right: true },
    { title: 'write req/unit', right: true },
    { title: 'goal', right: true },
    { title: 'grants', right: true },
    { title: 'µs/unit', right: true },
    { title: 'client · stand-in · SQLite · other' },
    { title: 'notes' },
  ];
  const percent = (fraction: number) => `${formatNumber(fraction * 100)} %`;
  const rows = results.map(({ name, timing, unit, count, requests, goal, split, note }) => {
    // Per change, requests are summed over the changes; otherwise they are one run's.
    const all = requests.lists + requests.writeRequests;
    return [
      name,
      String(timing.samples.length),
      formatNumber(timing.firstMs, 1),
      formatNumber(timing.medianMs, 1),
      formatNumber(timing.p90Ms, 1),
      `${formatNumber(count)} ${unit}s`,
      formatNumber(requests.lists),
      requests.batches > 0 ? `${formatNumber(requests.writeRequests)} (${formatNumber(requests.batches)} batch)` : formatNumber(requests.writeRequests),
      formatNumber(requests.writes),
      formatNumber(all / count, 4),
      formatNumber(requests.writeRequests / count, 4),
      goal,
      formatNumber(requests.grants),
      formatNumber((timing.medianMs * 1000) / (unit === 'change' ? 1 : count), 1),
      [split.http - split.server, split.server, split.store, 1 - split.http - split.store].map(percent).join(' · '),
      requests.failed > 0 ? `UNEXPECTED: ${requests.failed} non-2xx; ${note}` : note,
    ];
  });
  return markdownTable(columns, rows);
}

export const GOOGLE_SYNC_NOTES = [
  '- Against the Google stand-in on 127.0.0.1, in this process, with the real provider (official client, batch',
  '  endpoint, service-account grant); backoff never sleeps (no fault is scripted); clock fixed at 2025-06-02 08:00',
  '  in Hà Nội (holiday tables cover 2024–2026, later years are estimated). Each initial-sync run has a fresh service,',
  '  stand-in and provider built before its clock starts, so its one token grant is inside the time. The 50 rosters',
  '  are copies of the sample under distinct ids, each published to a calendar of its own on the one stand-in.',
  '- lists: events.list pages (maxResults 2,500: every listing here fits in one); write req: batch requests (up to 50',
  '  writes each) and single writes; grants: POST /token, not in req/unit. goal: the fewest write requests per unit',
  '  (one batch per 50 events of a calendar, one request per change). Per change, requests and writes are summed',
  '  over all the changes and µs/unit is the median drainOutbox; elsewhere they are one run\'s and µs/unit is the',
  '  median run per event.',
  '- client · stand-in · SQLite · other: mean share of wall time inside the provider outside the stand-in\'s handling',
  '  (building requests, the official client, undici, parsing answers), inside the stand-in\'s handling of requests',
  '  (request headers to response end; work a real Google does elsewhere, while the network adds latency instead),',
  '  inside the store\'s methods, and the rest (expansion, planning, hashing).',
];

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const results = await runGoogleSyncBenchmarks({ quick, log: (line) => console.error(`… ${line}`) });
  console.log(googleSyncTable(results));
  console.log();
  console.log(GOOGLE_SYNC_NOTES.join('\n'));
}
