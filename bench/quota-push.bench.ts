/**
 * The first push of an organisation under a write quota, time-scaled: 50 copies of the sample roster, each
 * publishing to a calendar of its own, on the Google stand-in (600 writes a minute per service account) or on the
 * Graph stand-in (1,000 writes a minute per app and mailbox, all 50 calendars in one shared mailbox); each counts
 * every call inside a batch (test/stand-ins/write-quota.ts) and logs every accepted write with its time. lichtruc
 * runs with the defaults of `LICHTRUC_GOOGLE_WRITES_PER_MINUTE` (600) and `LICHTRUC_GRAPH_WRITES_PER_MINUTE` (1,000),
 * the same as the stand-ins' quotas, and the Node entry's run limit
 * (one drain works a minute, the next starts over nearest first). The service, the stand-in and the budget share a
 * virtual clock that every wait moves forward, so 20-odd minutes of quota take seconds; HTTP, SQLite and planning
 * are real. Reported: the quota time until the next 30 days of every roster are pushed, until everything is,
 * the least time any schedule within the budget could take (the whole budget spent at once every 60 s: the last of
 * W writes no sooner than ⌊(W − 1) / budget⌋ minutes after the first), and the writes over budget.
 *
 * Run alone with `node bench/quota-push.bench.ts [--quick] [--outlook]`.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CalendarSet } from '../src/domain/calendar-set.ts';
import { addDays } from '../src/domain/dates.ts';
import { NEAR_DAYS } from '../src/domain/push-order.ts';
import type { Roster } from '../src/domain/roster-schema.ts';
import { dateInZone } from '../src/domain/zone.ts';
import type { CalendarProvider, ProviderName } from '../src/providers/calendar-provider.ts';
import { createGoogleProvider } from '../src/providers/google/google-provider.ts';
import { createOutlookProvider } from '../src/providers/outlook/outlook-provider.ts';
import { ServiceAccountKeySchema } from '../src/providers/google/service-account.ts';
import { applyCalendars } from '../src/services/apply-calendars.ts';
import { drainOutbox } from '../src/services/drain-outbox.ts';
import { DEFAULT_HORIZON, type SyncDeps } from '../src/services/sync-deps.ts';
import { createWriteBudget } from '../src/services/write-budget.ts';
import { openSqlite, readMigrations } from '../src/storage/drivers/sqlite.ts';
import { applyMigrations } from '../src/storage/sql.ts';
import { createStore } from '../src/storage/store.ts';
import { startGoogleStandIn } from '../test/stand-ins/google-calendar.ts';
import { startGraphStandIn } from '../test/stand-ins/graph-calendar.ts';
import { mostInAnyMinute, type WriteQuota } from '../test/stand-ins/write-quota.ts';
import { closeTrustingDispatchers, trustingFetch } from '../test/support/tls.ts';
import { BENCH_NOW, SAMPLE_ROSTER_ID, sampleCalendars } from './feeds.bench.ts';
import { formatNumber, markdownTable } from './measure.ts';

const ACCOUNT = 'lichtruc-sync@du-an.iam.gserviceaccount.com';
const APP = { tenantId: 'bench-tenant', clientId: 'lichtruc-bench', clientSecret: 'bench-secret' };
const MAILBOX = 'lich.truc@bench.gov.vn';
/** The configuration's defaults, and the services' quotas in the stand-ins. */
const BUDGETS: Record<ProviderName, number> = { google: 600, outlook: 1000 };
const RUN_LIMIT_MS = 60_000;

export interface QuotaPushResult {
  provider: ProviderName;
  budget: number;
  rosters: number;
  writes: number;
  nearWrites: number;
  /** Quota minutes from the first write until the last write of the next 30 days, and until the last write. */
  nearMinutes: number;
  allMinutes: number;
  /** The least possible: ⌊(writes − 1) / budget⌋ minutes. */
  nearIdeal: number;
  allIdeal: number;
  mostInAMinute: number;
  refused: number;
  drains: number;
  wallSeconds: number;
}

function organisation(
  set: CalendarSet,
  count: number,
  publish: (id: string) => Roster['publish'],
): CalendarSet {
  const sample = set.rosters.find((entry) => entry.roster.id === SAMPLE_ROSTER_ID)!.roster;
  return {
    ...set,
    rosters: Array.from({ length: count }, (_, i) => {
      const id = `bench-quota-${String(i + 1).padStart(2, '0')}`;
      const roster: Roster = {
        ...sample,
        id,
        name: `${sample.name} (${id})`,
        publish: publish(id),
      };
      return { path: `bench/${id}.yaml`, roster };
    }),
  };
}

interface PushTarget {
  provider: CalendarProvider;
  quota: WriteQuota;
  publish(id: string): Roster['publish'];
  close(): Promise<void>;
}

/** Google: a calendar per roster, one service account. */
async function googleTarget(clock: () => number, ids: string[]): Promise<PushTarget> {
  const standIn = await startGoogleStandIn({ now: clock, writesPerMinute: BUDGETS.google });
  const calendarOf = (id: string) => `${id}@group.calendar.google.com`;
  for (const id of ids) standIn.createCalendar({ id: calendarOf(id), writers: [ACCOUNT] });
  return {
    provider: createGoogleProvider({
      key: ServiceAccountKeySchema.parse(standIn.createServiceAccount(ACCOUNT)),
      rootUrl: standIn.rootUrl,
      fetch: globalThis.fetch,
      now: () => new Date(clock()),
      timeoutMs: 20_000,
    }),
    quota: standIn.quota!,
    publish: (id) => ({ google: { calendarId: calendarOf(id) } }),
    close: () => standIn.close(),
  };
}

/** Outlook: a calendar per roster in one shared mailbox, so one app-and-mailbox quota for all. */
async function outlookTarget(clock: () => number, ids: string[]): Promise<PushTarget> {
  const standIn = await startGraphStandIn({ now: clock, writesPerMinute: BUDGETS.outlook });
  standIn.registerApp(APP);
  standIn.createMailbox(MAILBOX);
  const calendars = new Map(ids.map((id) => [id, standIn.createCalendar(MAILBOX, id)]));
  return {
    provider: createOutlookProvider({
      ...APP,
      graphBaseUrl: standIn.graphBaseUrl,
      loginBaseUrl: standIn.loginBaseUrl,
      fetch: trustingFetch(standIn.caPem),
      now: () => new Date(clock()),
      // The client's own replays sleep on the wall clock; the sync's backoff runs on the virtual one.
      clientRetries: 0,
    }),
    quota: standIn.quota!,
    publish: (id) => ({ outlook: { mailbox: MAILBOX, calendarId: calendars.get(id)! } }),
    close: async () => {
      await standIn.close();
      await closeTrustingDispatchers();
    },
  };
}

export async function runQuotaPushBenchmark(options: {
  quick: boolean;
  log: (line: string) => void;
  provider?: ProviderName;
}): Promise<QuotaPushResult> {
  const name = options.provider ?? 'google';
  const budget = BUDGETS[name];
  const count = options.quick ? 10 : 50;
  options.log(
    `quota push: ${count} rosters to ${name}, first push under ${budget} writes a minute`,
  );
  let clock = new Date(BENCH_NOW).getTime();
  const now = () => new Date(clock);
  const ids = Array.from(
    { length: count },
    (_, i) => `bench-quota-${String(i + 1).padStart(2, '0')}`,
  );
  const target = await (name === 'google' ? googleTarget : outlookTarget)(() => clock, ids);
  const set = organisation(sampleCalendars(), count, target.publish);
  const db = openSqlite(':memory:');
  await applyMigrations(db, readMigrations(join(import.meta.dirname, '../migrations')));
  const store = createStore(db);
  // Applying the files queues every roster's first push, as on a first start.
  await applyCalendars(
    { store, now, publicUrl: 'http://127.0.0.1', actor: { name: 'bench', requestId: null } },
    set,
  );
  const sleep = async (ms: number) => {
    clock += ms;
  };
  const deps: SyncDeps = {
    store,
    now,
    providers: { [name]: target.provider },
    horizon: DEFAULT_HORIZON,
    backoff: { baseMs: 500, capMs: 30_000, maxAttempts: 6 },
    sleep,
    random: () => 0.5,
    budget: createWriteBudget({ store, now, sleep }, { [name]: budget }),
    runLimitMs: RUN_LIMIT_MS,
  };
  const started = performance.now();
  let drains = 0;
  while ((await store.sync.pendingRosters()).length > 0) {
    if (++drains > 500) throw new Error('quota push: the outbox never emptied');
    await drainOutbox(deps);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const writes = target.quota.writes;
  const today = dateInZone(new Date(BENCH_NOW), 'Asia/Ho_Chi_Minh');
  const nearEnd = addDays(today, NEAR_DAYS - 1);
  const isNear = (date: string | null) => date !== null && date >= today && date <= nearEnd;
  const near = writes.filter((write) => isNear(write.date));
  const first = writes[0]!.at;
  const result: QuotaPushResult = {
    provider: name,
    budget,
    rosters: count,
    writes: writes.length,
    nearWrites: near.length,
    nearMinutes: (near.at(-1)!.at - first) / 60_000,
    allMinutes: (writes.at(-1)!.at - first) / 60_000,
    nearIdeal: Math.floor((near.length - 1) / budget),
    allIdeal: Math.floor((writes.length - 1) / budget),
    mostInAMinute: mostInAnyMinute(writes),
    refused: target.quota.refusals.length,
    drains,
    wallSeconds,
  };
  await target.close();
  return result;
}

export function quotaPushTable(result: QuotaPushResult): string {
  const row = (what: string, writes: number, minutes: number, ideal: number) => [
    what,
    formatNumber(writes),
    `**${formatNumber(minutes, 1)} min**`,
    `${formatNumber(ideal, 1)} min`,
    ideal > 0 ? formatNumber(minutes / ideal, 2) : '–',
  ];
  return markdownTable(
    [
      { title: `${result.rosters} rosters to ${result.provider}, ${result.budget} writes/min` },
      { title: 'writes', right: true },
      { title: 'quota time after the first write', right: true },
      { title: 'least possible within the budget', right: true },
      { title: 'ratio', right: true },
    ],
    [
      row('next 30 days of every roster', result.nearWrites, result.nearMinutes, result.nearIdeal),
      row(
        'everything (30 days back, 365 ahead)',
        result.writes,
        result.allMinutes,
        result.allIdeal,
      ),
    ],
  );
}

export function quotaPushNotes(result: QuotaPushResult): string {
  return [
    `- ${result.provider}: most writes in any 60 s: ${formatNumber(result.mostInAMinute)} (budget ${result.budget}); writes refused with 429: ${result.refused}.`,
    `- ${result.drains} drains of at most a minute each; ${formatNumber(result.wallSeconds, 1)} s of wall time for the`,
    '  whole simulated push (HTTP to the stand-in, SQLite, planning; waits are moved on the virtual clock).',
    '- "Least possible" spends the whole budget at once every 60 s: no schedule can be faster without going over it.',
  ].join('\n');
}

if (import.meta.main) {
  const result = await runQuotaPushBenchmark({
    quick: process.argv.includes('--quick'),
    log: (line) => console.error(`… ${line}`),
    provider: process.argv.includes('--outlook') ? 'outlook' : 'google',
  });
  console.log(quotaPushTable(result));
  console.log();
  console.log(quotaPushNotes(result));
}
