/**
 * Benchmarks of feed publication (`publishScope`) and of the ICS writer alone (`renderFeed`): the sample roster's
 * feed over the feed window (one roster, about a year and a half of duty days), and a 50-roster organisation whose
 * rosters all share one member, `nguyen-manh-ha`, so that member's feed gathers the events of 50 rosters.
 *
 * Each service is a whole lichtruc service in memory, assembled as the tests do (test/support/service.ts): embedded
 * SQLite (`:memory:`), the migrations, the calendars applied. The clock is fixed (`BENCH_NOW`) so the feed window,
 * and with it every count below, is the same from run to run; its years all have an official holiday table.
 *
 * "first publish" rows time `publishScope` on a service where the scope was never published: every event is new
 * and inserted, then the feed is rendered, hashed and cached (what creating a link does). Building the service is
 * not timed. "re-publish" rows time it again on the same service with nothing changed (what a stale cache or a
 * no-op edit costs): expansion, reconciliation, rendering and hashing, no writes. "renderFeed alone" rows time the
 * ICS writer on the very document publishScope rendered (rebuilt from the stored events and checked against the
 * cached ETag).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type CalendarSet, loadCalendarSet, type SourceFile } from '../src/domain/calendar-set.ts';
import { type Roster, RosterSchema } from '../src/domain/roster-schema.ts';
import type { FeedDocument } from '../src/providers/ics/feed-document.ts';
import { renderFeed } from '../src/providers/ics/render-feed.ts';
import { applyCalendars } from '../src/services/apply-calendars.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { publishScope } from '../src/services/publish-feeds.ts';
import { sha256Hex } from '../src/services/secrets.ts';
import type { CachedFeed } from '../src/storage/feed-store.ts';
import { openSqlite, readMigrations } from '../src/storage/drivers/sqlite.ts';
import { applyMigrations } from '../src/storage/sql.ts';
import { createStore, type Store } from '../src/storage/store.ts';
import {
  type BenchResult,
  type MeasureOptions,
  measure,
  quantile,
  type Timing,
} from './measure.ts';

export interface FeedsBenchOptions {
  /** Fewer repetitions: a smoke run, not a measurement. */
  quick: boolean;
  /** Progress lines (to stderr, say), so a long run shows it is alive. */
  log?: (line: string) => void;
}

const ROOT = join(import.meta.dirname, '..');
const CALENDARS = join(ROOT, 'calendars');
/** A Monday, 08:00 in Hà Nội: the window (180 days back, 400 ahead) runs 2024-12-04 to 2026-07-07. */
export const BENCH_NOW = '2025-06-02T01:00:00Z';
export const SAMPLE_ROSTER_ID = 'so-vhttdl-bac-giang';
const SHARED_MEMBER = 'nguyen-manh-ha';
const ORG_ROSTERS = 50;

/** The calendars directory (the sample roster and the holiday tables), parsed by the domain loader. */
export function sampleCalendars(): CalendarSet {
  const files: SourceFile[] = readdirSync(CALENDARS, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({
      path: relative(CALENDARS, join(CALENDARS, name)),
      text: readFileSync(join(CALENDARS, name), 'utf8'),
    }));
  const set = loadCalendarSet(files);
  if (set.issues.length > 0) {
    throw new Error(
      `calendars do not load: ${set.issues.map((issue) => `${issue.file}:${issue.line} ${issue.message}`).join('; ')}`,
    );
  }
  return set;
}

/**
 * The organisation: `count` copies of the sample roster under distinct ids. Every copy keeps `nguyen-manh-ha` (so
 * that member serves in all of them) and gets its own ids for the other members, rewritten wherever the definition
 * names them (pattern, cover list); each copy is validated by the roster schema again.
 */
function organisation(sample: Roster, count: number): Roster[] {
  const others = sample.members.map((member) => member.id).filter((id) => id !== SHARED_MEMBER);
  return Array.from({ length: count }, (_, i) => {
    const suffix = String(i + 1).padStart(2, '0');
    let json = JSON.stringify({
      ...sample,
      id: `bench-org-${suffix}`,
      name: `${sample.name} (${suffix})`,
    });
    for (const id of others)
      json = json.replaceAll(JSON.stringify(id), JSON.stringify(`${id}-${suffix}`));
    return RosterSchema.parse(JSON.parse(json));
  });
}

export interface BenchService {
  ctx: ServiceContext;
  store: Store;
  now: () => Date;
}

/** A service in memory with `set` applied (applying publishes nothing: no scope has a link yet). */
export async function startBenchService(set: CalendarSet): Promise<BenchService> {
  const db = openSqlite(':memory:');
  await applyMigrations(db, readMigrations(join(ROOT, 'migrations')));
  const store = createStore(db);
  const clock = new Date(BENCH_NOW);
  const now = () => clock;
  const ctx: ServiceContext = {
    store,
    now,
    publicUrl: 'http://127.0.0.1',
    actor: { name: 'bench', requestId: null },
  };
  await applyCalendars(ctx, set);
  return { ctx, store, now };
}

/**
 * The document publishScope rendered for `scope`, rebuilt the way it builds it (from the events it stored), and
 * checked: rendered again, it must hash to the cached ETag.
 */
export async function renderedDocument(
  service: BenchService,
  scope: string,
  cache: CachedFeed,
): Promise<FeedDocument> {
  const rows = await service.store.feeds.events(scope);
  const timeZone = cache.builtFor.split('|')[0]!;
  // The calendar name as written (unfolded, unescaped): publishScope's naming is not exported.
  const name = /^X-WR-CALNAME:(.*)\r$/m.exec(cache.body.replace(/\r\n[ \t]/g, ''))?.[1] ?? '';
  const document: FeedDocument = {
    name: name.replace(/\\([\\;,])/g, '$1').replace(/\\n/gi, '\n'),
    timeZone,
    refreshMinutes: 60,
    events: rows.map((row) => ({
      uid: row.uid,
      ...JSON.parse(row.content),
      status: row.status,
      sequence: row.sequence,
      created: row.createdAt,
      lastModified: row.modifiedAt,
    })),
  };
  const etag = `"${(await sha256Hex(renderFeed(document))).slice(0, 32)}"`;
  if (etag !== cache.etag)
    throw new Error(`${scope}: the rebuilt document does not render to the published feed`);
  return document;
}

const nearestRank = (values: readonly number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * q) - 1)] ?? Number.NaN;

/**
 * `measure` (measure.ts) for an async function, with an untimed `prepare` before every call: each call gets an
 * input of its own (a fresh service, say). With batching, a sample's inputs are all prepared before its clock starts.
 */
async function measureAsync<T>(
  fn: (input: T) => Promise<unknown>,
  prepare: () => Promise<T>,
  options: MeasureOptions,
): Promise<Timing> {
  const warmup = Math.max(1, options.warmup ?? 1);
  let lastMs = 0;
  let firstMs = 0;
  for (let i = 0; i < warmup; i++) {
    const input = await prepare();
    const start = performance.now();
    await fn(input);
    lastMs = performance.now() - start;
    if (i === 0) firstMs = lastMs;
  }
  const minSampleMs = options.minSampleMs ?? 0;
  const batch = lastMs > 0 && lastMs < minSampleMs ? Math.ceil(minSampleMs / lastMs) : 1;
  const samples: number[] = [];
  for (let rep = 0; rep < options.reps; rep++) {
    const inputs: T[] = [];
    for (let i = 0; i < batch; i++) inputs.push(await prepare());
    const start = performance.now();
    for (const input of inputs) await fn(input);
    samples.push((performance.now() - start) / batch);
  }
  return {
    samples,
    medianMs: quantile(samples, 0.5),
    p90Ms: nearestRank(samples, 0.9),
    firstMs,
    batch,
  };
}

/** Publication and rendering of one scope: first publish, re-publish and renderFeed alone, three rows. */
async function benchScope(
  label: string,
  set: CalendarSet,
  scope: string,
  options: { slow: MeasureOptions; fast: MeasureOptions; renderOnly: MeasureOptions },
  note: string,
): Promise<BenchResult[]> {
  // First publish: a new service per call, so the scope has no published event and no cached feed.
  const first = await measureAsync(
    (service) => publishScope(service.ctx, scope),
    () => startBenchService(set),
    options.slow,
  );
  const service = await startBenchService(set);
  const cache = await publishScope(service.ctx, scope);
  const document = await renderedDocument(service, scope, cache);
  const events = document.events.length;
  const bytes = Buffer.byteLength(cache.body);
  const size = `${(bytes / 1024).toFixed(0)} KiB`;
  // Re-publish: nothing changed, so no write; publishScope hands back the cached copy after rendering and hashing.
  const again = await measureAsync(
    () => publishScope(service.ctx, scope),
    async () => undefined,
    options.fast,
  );
  const render = measure(() => renderFeed(document), options.renderOnly);
  return [
    {
      name: `${label}: first publish`,
      timing: first,
      items: events,
      units: bytes,
      note: `${note}; fresh service per call, ${events} events inserted`,
    },
    {
      name: `${label}: re-publish, unchanged`,
      timing: again,
      items: events,
      units: bytes,
      note: 'expand + reconcile + render + hash, no write',
    },
    {
      name: `${label}: renderFeed alone`,
      timing: render,
      items: events,
      units: bytes,
      note: `same document; ${size} of ICS`,
    },
  ];
}

export async function runFeedBenchmarks(options: FeedsBenchOptions): Promise<BenchResult[]> {
  const log = options.log ?? (() => {});
  const set = sampleCalendars();
  const sample = set.rosters.find((entry) => entry.roster.id === SAMPLE_ROSTER_ID)?.roster;
  if (!sample) throw new Error(`no roster ${SAMPLE_ROSTER_ID} in calendars/`);
  const org: CalendarSet = {
    ...set,
    rosters: organisation(sample, ORG_ROSTERS).map((roster) => ({
      path: `bench/${roster.id}.yaml`,
      roster,
    })),
  };

  const one = options.quick
    ? {
        slow: { warmup: 2, reps: 3 },
        fast: { warmup: 2, reps: 3 },
        renderOnly: { warmup: 2, reps: 3 },
      }
    : {
        slow: { warmup: 3, reps: 15 },
        fast: { warmup: 3, reps: 15, minSampleMs: 25 },
        renderOnly: { warmup: 5, reps: 15, minSampleMs: 25 },
      };
  const many = options.quick
    ? {
        slow: { warmup: 1, reps: 1 },
        fast: { warmup: 1, reps: 1 },
        renderOnly: { warmup: 1, reps: 1 },
      }
    : {
        slow: { warmup: 2, reps: 7 },
        fast: { warmup: 2, reps: 7 },
        renderOnly: { warmup: 2, reps: 7 },
      };

  log('feeds: one roster');
  const results = await benchScope(
    '1 roster',
    set,
    `roster:${SAMPLE_ROSTER_ID}`,
    one,
    'sample roster',
  );
  log(`feeds: ${ORG_ROSTERS}-roster organisation, member scope`);
  results.push(
    ...(await benchScope(
      `member of ${ORG_ROSTERS} rosters`,
      org,
      `member:${SHARED_MEMBER}`,
      many,
      `${ORG_ROSTERS} rosters expanded`,
    )),
  );
  log(`feeds: ${ORG_ROSTERS}-roster organisation, roster scope`);
  results.push(
    ...(await benchScope(
      `1 of ${ORG_ROSTERS} rosters`,
      org,
      'roster:bench-org-01',
      one,
      `${ORG_ROSTERS} rosters stored`,
    )),
  );
  return results;
}
