/**
 * The first push of an organisation under Google's per-user write quota, time-scaled: 50 copies of the sample
 * roster, each publishing to a calendar of its own on the Google stand-in, which enforces 600 writes a minute per
 * principal (every call inside a batch counted, test/stand-ins/google-quota.ts) and logs every accepted write with
 * its time. lichtruc runs with `LICHTRUC_GOOGLE_WRITES_PER_MINUTE`'s default (600) and the Node entry's run limit
 * (one drain works a minute, the next starts over nearest first). The service, the stand-in and the budget share a
 * virtual clock that every wait moves forward, so 20-odd minutes of quota take seconds; HTTP, SQLite and planning
 * are real. Reported: the quota time until the next 30 days of every roster are in Google, until everything is,
 * the least time any schedule within the budget could take (the whole budget spent at once every 60 s: the last of
 * W writes no sooner than ⌊(W − 1) / budget⌋ minutes after the first), and the writes over budget.
 *
 * Run alone with `node bench/quota-push.bench.ts [--quick]`.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CalendarSet } from '../src/domain/calendar-set.ts';
import { addDays } from '../src/domain/dates.ts';
import { NEAR_DAYS } from '../src/domain/push-order.ts';
import type { Roster } from '../src/domain/roster-schema.ts';
import { dateInZone } from '../src/domain/zone.ts';
import { createGoogleProvider } from '../src/providers/google/google-provider.ts';
import { ServiceAccountKeySchema } from '../src/providers/google/service-account.ts';
import { applyCalendars } from '../src/services/apply-calendars.ts';
import { drainOutbox } from '../src/services/drain-outbox.ts';
import { DEFAULT_HORIZON, type SyncDeps } from '../src/services/sync-deps.ts';
import { createWriteBudget } from '../src/services/write-budget.ts';
import { openSqlite, readMigrations } from '../src/storage/drivers/sqlite.ts';
import { applyMigrations } from '../src/storage/sql.ts';
import { createStore } from '../src/storage/store.ts';
import { startGoogleStandIn } from '../test/stand-ins/google-calendar.ts';
import { mostInAnyMinute } from '../test/stand-ins/google-quota.ts';
import { BENCH_NOW, SAMPLE_ROSTER_ID, sampleCalendars } from './feeds.bench.ts';
import { formatNumber, markdownTable } from './measure.ts';

const ACCOUNT = 'lichtruc-sync@du-an.iam.gserviceaccount.com';
const BUDGET = 600;
const RUN_LIMIT_MS = 60_000;

export interface QuotaPushResult {
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

function organisation(set: CalendarSet, count: number): CalendarSet {
  const sample = set.rosters.find((entry) => entry.roster.id === SAMPLE_ROSTER_ID)!.roster;
  return {
    ...set,
    rosters: Array.from({ length: count }, (_, i) => {
      const id = `bench-quota-${String(i + 1).padStart(2, '0')}`;
      const roster: Roster = {
        ...sample,
        id,
        name: `${sample.name} (${id})`,
        publish: { google: { calendarId: `${id}@group.calendar.google.com` } },
      };
      return { path: `bench/${id}.yaml`, roster };
    }),
  };
}

export async function runQuotaPushBenchmark(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<QuotaPushResult> {
  const count = options.quick ? 10 : 50;
  options.log(`quota push: ${count} rosters, first push under ${BUDGET} writes a minute`);
  let clock = new Date(BENCH_NOW).getTime();
  const now = () => new Date(clock);
  const standIn = await startGoogleStandIn({ now: () => clock, writesPerMinute: BUDGET });
  const set = organisation(sampleCalendars(), count);
  for (const { roster } of set.rosters)
    standIn.createCalendar({ id: roster.publish!.google!.calendarId, writers: [ACCOUNT] });
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
    providers: {
      google: createGoogleProvider({
        key: ServiceAccountKeySchema.parse(standIn.createServiceAccount(ACCOUNT)),
        rootUrl: standIn.rootUrl,
        fetch: globalThis.fetch,
        now,
        timeoutMs: 20_000,
      }),
    },
    horizon: DEFAULT_HORIZON,
    backoff: { baseMs: 500, capMs: 30_000, maxAttempts: 6 },
    sleep,
    random: () => 0.5,
    budget: createWriteBudget({ store, now, sleep }, { google: BUDGET }),
    runLimitMs: RUN_LIMIT_MS,
  };
  const started = performance.now();
  let drains = 0;
  while ((await store.sync.pendingRosters()).length > 0) {
    if (++drains > 500) throw new Error('quota push: the outbox never emptied');
    await drainOutbox(deps);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const writes = standIn.quota!.writes;
  const today = dateInZone(new Date(BENCH_NOW), 'Asia/Ho_Chi_Minh');
  const nearEnd = addDays(today, NEAR_DAYS - 1);
  const isNear = (date: string | null) => date !== null && date >= today && date <= nearEnd;
  const near = writes.filter((write) => isNear(write.date));
  const first = writes[0]!.at;
  const result: QuotaPushResult = {
    rosters: count,
    writes: writes.length,
    nearWrites: near.length,
    nearMinutes: (near.at(-1)!.at - first) / 60_000,
    allMinutes: (writes.at(-1)!.at - first) / 60_000,
    nearIdeal: Math.floor((near.length - 1) / BUDGET),
    allIdeal: Math.floor((writes.length - 1) / BUDGET),
    mostInAMinute: mostInAnyMinute(writes),
    refused: standIn.quota!.refusals.length,
    drains,
    wallSeconds,
  };
  await standIn.close();
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
      { title: `${result.rosters} rosters, ${BUDGET} writes/min` },
      { title: 'writes', right: true },
      { title: 'quota time after the first write', right: true },
      { title: 'least possible within the budget', right: true },
      { title: 'ratio', right: true },
    ],
    [
      row(
        'next 30 days of every roster in Google',
        result.nearWrites,
        result.nearMinutes,
        result.nearIdeal,
      ),
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
    `- Most writes in any 60 s: ${formatNumber(result.mostInAMinute)} (budget ${BUDGET}); writes refused with 429: ${result.refused}.`,
    `- ${result.drains} drains of at most a minute each; ${formatNumber(result.wallSeconds, 1)} s of wall time for the`,
    '  whole simulated push (HTTP to the stand-in, SQLite, planning; waits are moved on the virtual clock).',
    '- "Least possible" spends the whole budget at once every 60 s: no schedule can be faster without going over it.',
  ].join('\n');
}

if (import.meta.main) {
  const result = await runQuotaPushBenchmark({
    quick: process.argv.includes('--quick'),
    log: (line) => console.error(`… ${line}`),
  });
  console.log(quotaPushTable(result));
  console.log();
  console.log(quotaPushNotes(result));
}
