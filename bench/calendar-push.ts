/**
 * The push benchmarks shared by Google Calendar (google-sync.bench.ts) and Outlook (outlook-sync.bench.ts): the same
 * scenarios, checks, request counts and time split, run against a provider's stand-in (a server on 127.0.0.1 in this
 * process) with the real provider, so both print the same rows. A `PushBackend` says how to start a stand-in with a
 * calendar for each roster, publish the rosters to them, build the real provider against it and read its request
 * log; everything else is here. The sync never sleeps (backoff `sleep` is a no-op; no fault is scripted, so it is
 * never asked to) and the clock is fixed (`BENCH_NOW`), one clock shared by the stand-in (token iat/exp, modification
 * times), the provider and the sync.
 *
 * - Initial sync of about 1,000 slots: the sample roster published to one calendar, horizon 30 days back and 1,460
 *   ahead; `reconcileRoster` on a service and a stand-in never synced (one listing of the empty calendar, then the
 *   batches). Each run gets a fresh service, stand-in and provider (so its own token grant), built before its clock
 *   starts.
 * - A 50-roster organisation: 50 copies of the sample roster under distinct ids, each published to a calendar of its
 *   own, all on one stand-in and written by one identity; the default horizon (30 back, 365 ahead); `reconcileAll`
 *   timed, fresh everything per run as above. Then a full resync of the unchanged organisation.
 * - Per change: after the initial sync of the sample roster (default horizon), absences of one day recorded one by
 *   one with `addAbsence` (untimed), each followed by a timed `drainOutbox` (from records, no listing); then a full
 *   `reconcileRoster` with nothing changed (listing only, no write expected).
 *
 * Requests are counted on the stand-in's log: API requests (listings, batches, single writes) apart from token
 * grants. The goals: ⌈n/B⌉ write requests per n events of a calendar on a bulk sync (B: the provider's batch limit),
 * 1 per single change.
 *
 * The split of wall time wraps the provider (HTTP: request building, the client, the round trip), times the
 * stand-in's handling of each request within it (node:http's diagnostics channels, which node:https servers share:
 * it runs in this process and thread, doing work the real service does elsewhere) and wraps every method of the
 * store the sync is given (SQLite through the D1-shaped port); "other" is the rest: expansion, planning, hashing,
 * awaiting.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CalendarSet } from '../src/domain/calendar-set.ts';
import { addDays } from '../src/domain/dates.ts';
import type { Roster } from '../src/domain/roster-schema.ts';
import { dateInZone } from '../src/domain/zone.ts';
import { drainOutbox } from '../src/services/drain-outbox.ts';
import { reconcileAll, reconcileRoster } from '../src/services/reconcile-rosters.ts';
import { DEFAULT_HORIZON, type SyncDeps } from '../src/services/sync-deps.ts';
import type { SyncRunResult } from '../src/services/sync-run.ts';
import type { CalendarProvider } from '../src/providers/calendar-provider.ts';
import { addAbsence } from '../src/services/add-absence.ts';
import { expandState, loadRosterState } from '../src/services/roster-state.ts';
import type { Store } from '../src/storage/store.ts';
import {
  BENCH_NOW,
  type BenchService,
  SAMPLE_ROSTER_ID,
  sampleCalendars,
  startBenchService,
} from './feeds.bench.ts';
import { formatNumber, markdownTable, quantile, type Timing } from './measure.ts';

export interface PushBenchOptions {
  /** Fewer repetitions: a smoke run, not a measurement. */
  quick: boolean;
  /** Progress lines (to stderr, say), so a long run shows it is alive. */
  log?: (line: string) => void;
}

/** What a stand-in saw since its log was last reset. */
export interface Requests {
  /** Listing pages (GETs). */
  lists: number;
  /** Batch requests and single writes. */
  writeRequests: number;
  /** Writes carried (batch parts, single writes). */
  writes: number;
  batches: number;
  /** Token grants. */
  grants: number;
  /** Requests or batch parts answered outside 2xx (none expected: no fault is scripted). */
  failed: number;
}

/** One stand-in started for a benchmark run, its calendars made, and the real provider pointed at it. */
export interface PushTarget {
  /** The rosters given, each published to a calendar of its own on the stand-in (same order). */
  rosters: Roster[];
  /** The real provider, on the stand-in's URLs and the shared clock. */
  provider: CalendarProvider;
  /** The stand-in's port on 127.0.0.1 (its handling of requests is timed through node:http's diagnostics channels). */
  port: number;
  resetLog(): void;
  /** The stand-in's log since the last reset. */
  requests(): Requests;
  /** Events on the calendar roster `rosterId` publishes to, as the stand-in stores them. */
  eventCount(rosterId: string): number;
  close(): Promise<void>;
}

export interface PushBackend {
  /** The provider's name, as in `SyncDeps.providers` and the sync results. */
  provider: 'google' | 'outlook';
  /** Writes per batch request at most: the floor of write requests per event on a bulk sync is 1/batchLimit. */
  batchLimit: number;
  /** A stand-in on `now` with a calendar for each roster, which one identity may write to, and the provider. */
  start(rosters: readonly Roster[], now: () => Date): Promise<PushTarget>;
  /** Notes for the organisation row: where its 50 calendars live. */
  orgNote: string;
  /** After the last benchmark (e.g. close a fetch dispatcher). */
  finish?(): Promise<void>;
}

export const ORG_ROSTERS = 50;
/** About 1,000 slots of the sample roster: 30 days back, four years ahead. */
const LONG_HORIZON = { pastDays: 30, futureDays: 1460 };
const ABSENT_MEMBER = 'nguyen-manh-ha';
/** The one instant every fixture runs at: the service, the stand-in, the provider and the sync read it. */
const CLOCK = new Date(BENCH_NOW);
const benchNow = () => CLOCK;

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
    Object.fromEntries(
      Object.entries(target).map(([key, value]) => [
        key,
        typeof value === 'function' ? timed(value, split, 'storeMs') : value,
      ]),
    ) as T;
  return {
    ...wrap(store),
    db: store.db,
    feeds: wrap(store.feeds),
    holidays: wrap(store.holidays),
    sync: wrap(store.sync),
  };
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

/**
 * Adds the time the stand-in spends on each request (node:http's diagnostics channels, which node:https servers
 * publish on too: request start to response finish) to `split.serverMs`. Requests are sequential, so the intervals
 * do not overlap; the interval also holds the loopback transfer of the request body (and its TLS decryption).
 * Returns the unsubscriber.
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

interface Fixture {
  service: BenchService;
  target: PushTarget;
  deps: SyncDeps;
  split: Split;
  close(): Promise<void>;
}

/**
 * A service in memory (feeds.bench.ts) with `set` applied, its rosters published to calendars of their own on a new
 * stand-in; the outbox rows of applying are dropped, as the tests do, so a sync starts from nothing queued.
 */
async function startFixture(
  backend: PushBackend,
  set: CalendarSet,
  horizon: SyncDeps['horizon'],
): Promise<Fixture> {
  const target = await backend.start(
    set.rosters.map((entry) => entry.roster),
    benchNow,
  );
  const service = await startBenchService({
    ...set,
    rosters: set.rosters.map((entry, i) => ({ ...entry, roster: target.rosters[i]! })),
  });
  if (service.now().getTime() !== benchNow().getTime())
    throw new Error('the service and the stand-in read different clocks');
  await service.store.db.prepare('DELETE FROM sync_outbox').run();
  const split: Split = { httpMs: 0, serverMs: 0, storeMs: 0 };
  const untimeServer = timeServer(target.port, split);
  const deps: SyncDeps = {
    store: timedStore(service.store, split),
    now: benchNow,
    providers: { [backend.provider]: timedProvider(target.provider, split) },
    horizon,
    backoff: { baseMs: 100, capMs: 10_000, maxAttempts: 6 },
    sleep: async () => {},
    random: () => 0.5,
  };
  return {
    service,
    target,
    deps,
    split,
    async close() {
      untimeServer();
      await target.close();
    },
  };
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
  const wrong = results.find(
    (result) => result.pending > 0 || result.failed > 0 || result.blocked || result.error,
  );
  if (wrong)
    throw new Error(`${label}: ${wrong.rosterId} did not converge: ${JSON.stringify(wrong)}`);
}

export interface PushResult {
  provider: PushBackend['provider'];
  /** The scenario's place in the table (rows of the same scenario sit together, one per provider). */
  order: number;
  name: string;
  timing: Timing;
  /** What the requests are counted per (events written, changes recorded, events checked). */
  unit: 'event' | 'change';
  count: number;
  /** Requests of one run (the same in every run; checked). */
  requests: Requests;
  /** Write requests per unit at best: Σ⌈n/B⌉/n on a bulk sync, 1 per change; none on a no-op. */
  goal: string;
  /** Mean share of wall time in the provider (and of it in the stand-in) and in the store over the timed runs. */
  split: { http: number; server: number; store: number };
  /** Median over the timed runs of the wall time less the stand-in's handling: lichtruc's own side. */
  withoutStandInMs: number;
  note: string;
}

const nearestRank = (values: readonly number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * q) - 1)] ?? Number.NaN;

function timingOf(samples: number[], firstMs: number): Timing {
  return {
    samples,
    medianMs: quantile(samples, 0.5),
    p90Ms: nearestRank(samples, 0.9),
    firstMs,
    batch: 1,
  };
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
    fixture.target.resetLog();
    const start = performance.now();
    const results = await sync(fixture.deps);
    const ms = performance.now() - start;
    checkResults(label, results);
    const outcome: RunOutcome = {
      ms,
      split: { ...fixture.split },
      requests: fixture.target.requests(),
      results,
    };
    if (last && JSON.stringify(last.requests) !== JSON.stringify(outcome.requests)) {
      throw new Error(
        `${label}: runs sent different requests: ${JSON.stringify(last.requests)} then ${JSON.stringify(outcome.requests)}`,
      );
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
function shareOf(splits: readonly Split[], samples: readonly number[]): PushResult['split'] {
  const total = samples.reduce((sum, ms) => sum + ms, 0);
  const share = (key: keyof Split) => splits.reduce((sum, split) => sum + split[key], 0) / total;
  return { http: share('httpMs'), server: share('serverMs'), store: share('storeMs') };
}

/** The median run less the stand-in's share of it (a run's wall time minus its `serverMs`). */
const withoutStandIn = (splits: readonly Split[], samples: readonly number[]) =>
  quantile(
    samples.map((ms, i) => ms - splits[i]!.serverMs),
    0.5,
  );

/** One timed call on an existing fixture (log reset, split zeroed first). */
async function timeOnce(
  fixture: Fixture,
  call: () => Promise<SyncRunResult[]>,
): Promise<RunOutcome> {
  fixture.target.resetLog();
  zeroSplit(fixture.split);
  const start = performance.now();
  const results = await call();
  const ms = performance.now() - start;
  return { ms, split: { ...fixture.split }, requests: fixture.target.requests(), results };
}

const created = (results: readonly SyncRunResult[]) =>
  results.reduce((sum, result) => sum + result.plan.create, 0);
const changedOps = (results: readonly SyncRunResult[]) =>
  results.reduce(
    (sum, result) => sum + result.plan.create + result.plan.update + result.plan.delete,
    0,
  );
/** ⌈n/B⌉ batches per calendar (a sync writes one roster at a time, so a batch never mixes two), over all events. */
function bulkGoal(results: readonly SyncRunResult[], batch: number): string {
  const batches = results.reduce((sum, result) => sum + Math.ceil(result.plan.create / batch), 0);
  return `${formatNumber(batches / created(results), 4)} (Σ⌈n/${batch}⌉/n)`;
}
const horizonDays = (horizon: SyncDeps['horizon']) =>
  formatNumber(horizon.pastDays + horizon.futureDays + 1);

export async function runPushBenchmarks(
  backend: PushBackend,
  options: PushBenchOptions,
): Promise<PushResult[]> {
  const log = options.log ?? (() => {});
  const { provider } = backend;
  const set = sampleCalendars();
  const sample = set.rosters.find((entry) => entry.roster.id === SAMPLE_ROSTER_ID)?.roster;
  if (!sample) throw new Error(`no roster ${SAMPLE_ROSTER_ID} in calendars/`);
  const one: CalendarSet = {
    ...set,
    rosters: [{ path: `${SAMPLE_ROSTER_ID}.yaml`, roster: sample }],
  };
  const org: CalendarSet = {
    ...set,
    rosters: Array.from({ length: ORG_ROSTERS }, (_, i) => {
      const suffix = String(i + 1).padStart(2, '0');
      const roster: Roster = {
        ...sample,
        id: `bench-org-${suffix}`,
        name: `${sample.name} (${suffix})`,
      };
      return { path: `bench/${roster.id}.yaml`, roster };
    }),
  };
  const results: PushResult[] = [];
  const row = (result: Omit<PushResult, 'provider' | 'order'>) =>
    results.push({ provider, order: results.length, ...result });

  // 1. Initial sync of about 1,000 slots.
  log(`${provider} sync: initial sync of ~1,000 slots`);
  const initial = await measureFreshSyncs(
    `${provider} initial sync`,
    () => startFixture(backend, one, LONG_HORIZON),
    (deps) => reconcileRoster(deps, SAMPLE_ROSTER_ID),
    options.quick ? { warmup: 1, reps: 2 } : { warmup: 2, reps: 7 },
  );
  const slots = created(initial.last.results);
  const live = initial.fixture.target.eventCount(SAMPLE_ROSTER_ID);
  if (live !== slots)
    throw new Error(`${provider} initial sync: ${live} events on the calendar, ${slots} created`);
  await initial.fixture.close();
  row({
    name: `initial sync, 1 roster × ${horizonDays(LONG_HORIZON)} days`,
    timing: initial.timing,
    unit: 'event',
    count: slots,
    requests: initial.last.requests,
    goal: bulkGoal(initial.last.results, backend.batchLimit),
    split: shareOf(initial.splits, initial.timing.samples),
    withoutStandInMs: withoutStandIn(initial.splits, initial.timing.samples),
    note: `${formatNumber(slots)} slots, horizon 30 back / 1,460 ahead; fresh service + stand-in per run`,
  });

  // 2. A 50-roster organisation, then a full resync of it with nothing changed.
  log(`${provider} sync: ${ORG_ROSTERS}-roster organisation`);
  const orgSync = await measureFreshSyncs(
    `${provider} organisation`,
    () => startFixture(backend, org, DEFAULT_HORIZON),
    (deps) => reconcileAll(deps),
    options.quick ? { warmup: 1, reps: 1 } : { warmup: 1, reps: 3 },
  );
  const orgEvents = created(orgSync.last.results);
  const orgLive = org.rosters.reduce(
    (sum, { roster }) => sum + orgSync.fixture.target.eventCount(roster.id),
    0,
  );
  if (orgLive !== orgEvents)
    throw new Error(
      `${provider} organisation: ${orgLive} events on the calendars, ${orgEvents} created`,
    );
  row({
    name: `initial sync, ${ORG_ROSTERS} rosters × ${horizonDays(DEFAULT_HORIZON)} days`,
    timing: orgSync.timing,
    unit: 'event',
    count: orgEvents,
    requests: orgSync.last.requests,
    goal: bulkGoal(orgSync.last.results, backend.batchLimit),
    split: shareOf(orgSync.splits, orgSync.timing.samples),
    withoutStandInMs: withoutStandIn(orgSync.splits, orgSync.timing.samples),
    note: `reconcileAll; ${backend.orgNote}`,
  });
  log(`${provider} sync: ${ORG_ROSTERS}-roster organisation, no-op resync`);
  const orgNoop: RunOutcome[] = [];
  for (let run = 0; run < (options.quick ? 1 : 3); run++)
    orgNoop.push(await timeOnce(orgSync.fixture, () => reconcileAll(orgSync.fixture.deps)));
  await orgSync.fixture.close();
  for (const run of orgNoop) {
    checkResults(`${provider} organisation no-op`, run.results);
    if (changedOps(run.results) > 0)
      throw new Error(`${provider} organisation no-op: planned writes ${changedOps(run.results)}`);
  }
  row({
    name: `full resync, ${ORG_ROSTERS} rosters, unchanged`,
    timing: timingOf(
      orgNoop.map((run) => run.ms),
      orgNoop[0]!.ms,
    ),
    unit: 'event',
    count: orgEvents,
    requests: orgNoop.at(-1)!.requests,
    goal: '0 writes',
    split: shareOf(
      orgNoop.map((run) => run.split),
      orgNoop.map((run) => run.ms),
    ),
    withoutStandInMs: withoutStandIn(
      orgNoop.map((run) => run.split),
      orgNoop.map((run) => run.ms),
    ),
    note: 'same service right after; every roster listed, nothing to write',
  });

  // 3. Per change: absences one by one, each pushed by drainOutbox; then a no-op full resync.
  log(`${provider} sync: changes one by one`);
  const changes = options.quick ? 5 : 20;
  const fixture = await startFixture(backend, one, DEFAULT_HORIZON);
  checkResults(
    `${provider} per change, initial sync`,
    await reconcileRoster(fixture.deps, SAMPLE_ROSTER_ID),
  );
  const state = await loadRosterState(fixture.service.ctx, SAMPLE_ROSTER_ID);
  const today = dateInZone(fixture.service.now(), sample.timeZone);
  // The absent member's duty days from a week ahead on, every third one (a few a month), in date order.
  const duties = expandState(state, addDays(today, 7), addDays(today, DEFAULT_HORIZON.futureDays))
    .slots.filter((slot) => slot.memberId === ABSENT_MEMBER)
    .filter((_, index) => index % 3 === 0)
    .slice(0, changes);
  if (duties.length < changes)
    throw new Error(`per change: only ${duties.length} duty days of ${ABSENT_MEMBER} found`);
  const drains: RunOutcome[] = [];
  let changedSlots = 0;
  for (const duty of duties) {
    const change = await addAbsence(fixture.service.ctx, SAMPLE_ROSTER_ID, {
      memberId: ABSENT_MEMBER,
      from: duty.date,
      to: duty.date,
      reason: 'leave',
    });
    changedSlots += change.changedSlots.length;
    const drained = await timeOnce(fixture, () => drainOutbox(fixture.deps));
    checkResults(`${provider} per change`, drained.results);
    drains.push(drained);
  }
  const perChange = drains.map((run) => run.requests).reduce(addRequests);
  row({
    name: 'one absence → drainOutbox',
    timing: timingOf(
      drains.map((run) => run.ms),
      drains[0]!.ms,
    ),
    unit: 'change',
    count: changes,
    requests: perChange,
    goal: '1',
    split: shareOf(
      drains.map((run) => run.split),
      drains.map((run) => run.ms),
    ),
    withoutStandInMs: withoutStandIn(
      drains.map((run) => run.split),
      drains.map((run) => run.ms),
    ),
    note: `${changes} one-day absences of ${ABSENT_MEMBER}, ${changedSlots} slots changed in all; times per change, requests summed`,
  });
  log(`${provider} sync: no-op full resync`);
  const noop: RunOutcome[] = [];
  for (let run = 0; run < (options.quick ? 3 : 10); run++)
    noop.push(await timeOnce(fixture, () => reconcileRoster(fixture.deps, SAMPLE_ROSTER_ID)));
  await fixture.close();
  for (const run of noop) {
    checkResults(`${provider} no-op resync`, run.results);
    if (changedOps(run.results) > 0)
      throw new Error(`${provider} no-op resync: planned writes ${changedOps(run.results)}`);
  }
  row({
    name: 'full resync, 1 roster, unchanged',
    timing: timingOf(
      noop.map((run) => run.ms),
      noop[0]!.ms,
    ),
    unit: 'event',
    count: noop[0]!.results[0]!.plan.unchanged,
    requests: noop.at(-1)!.requests,
    goal: '0 writes',
    split: shareOf(
      noop.map((run) => run.split),
      noop.map((run) => run.ms),
    ),
    withoutStandInMs: withoutStandIn(
      noop.map((run) => run.split),
      noop.map((run) => run.ms),
    ),
    note: 'after the changes above; default horizon; listing only',
  });
  await backend.finish?.();
  return results;
}

/**
 * One markdown table of push results, rows of a scenario together (in the order given within it: Google then
 * Outlook, say), so the providers' figures for the same benchmark sit one above the other.
 */
export function pushTable(results: readonly PushResult[]): string {
  const columns = [
    { title: 'benchmark' },
    { title: 'provider' },
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
    { title: 'µs/unit w/o stand-in', right: true },
    { title: 'client · stand-in · SQLite · other' },
    { title: 'notes' },
  ];
  const percent = (fraction: number) => `${formatNumber(fraction * 100)} %`;
  const ordered = results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => a.result.order - b.result.order || a.index - b.index);
  const rows = ordered.map(
    ({
      result: {
        provider,
        name,
        timing,
        unit,
        count,
        requests,
        goal,
        split,
        withoutStandInMs,
        note,
      },
    }) => {
      // Per change, requests are summed over the changes; otherwise they are one run's.
      const all = requests.lists + requests.writeRequests;
      return [
        name,
        provider,
        String(timing.samples.length),
        formatNumber(timing.firstMs, 1),
        formatNumber(timing.medianMs, 1),
        formatNumber(timing.p90Ms, 1),
        `${formatNumber(count)} ${unit}s`,
        formatNumber(requests.lists),
        requests.batches > 0
          ? `${formatNumber(requests.writeRequests)} (${formatNumber(requests.batches)} batch)`
          : formatNumber(requests.writeRequests),
        formatNumber(requests.writes),
        formatNumber(all / count, 4),
        formatNumber(requests.writeRequests / count, 4),
        goal,
        formatNumber(requests.grants),
        formatNumber((timing.medianMs * 1000) / (unit === 'change' ? 1 : count), 1),
        formatNumber((withoutStandInMs * 1000) / (unit === 'change' ? 1 : count), 1),
        [split.http - split.server, split.server, split.store, 1 - split.http - split.store]
          .map(percent)
          .join(' · '),
        requests.failed > 0 ? `UNEXPECTED: ${requests.failed} non-2xx; ${note}` : note,
      ];
    },
  );
  return markdownTable(columns, rows);
}

/** What the columns mean, for either provider. */
export const PUSH_NOTES = [
  "- Against each provider's stand-in on 127.0.0.1, in this process, with the real provider (official client, batch",
  '  endpoint, app grant); backoff never sleeps (no fault is scripted); one clock fixed at 2025-06-02 08:00 in Hà Nội',
  '  for the service, the stand-in and the provider (holiday tables cover 2024–2026, later years are estimated).',
  '  Each initial-sync run has a fresh service, stand-in and provider built before its clock starts, so its one token',
  '  grant is inside the time. The 50 rosters are copies of the sample under distinct ids, each published to a',
  '  calendar of its own on the one stand-in, written by one identity.',
  '- lists: listing pages (GETs); write req: batch requests and single writes; grants: token requests, not in',
  "  req/unit. goal: the fewest write requests per unit (one batch per B events of a calendar, B the provider's batch",
  '  limit; one request per change). Per change, requests and writes are summed over all the changes and µs/unit is',
  "  the median drainOutbox; elsewhere they are one run's and µs/unit is the median run per event. µs/unit w/o",
  "  stand-in: the same from each run's wall time less the stand-in's handling of its requests, i.e. lichtruc's",
  '  side alone (the two stand-ins differ in cost: compare providers on this column).',
  "- client · stand-in · SQLite · other: mean share of wall time inside the provider outside the stand-in's handling",
  "  (building requests, the official client, undici, TLS, parsing answers), inside the stand-in's handling of",
  '  requests (request headers to response end; work the real service does elsewhere, while the network adds latency',
  "  instead), inside the store's methods, and the rest (expansion, planning, hashing).",
];
