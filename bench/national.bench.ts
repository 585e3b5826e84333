/**
 * The national simulation (issue 12): N copies of the sample roster, each with its own officers, a roster feed link
 * and a feed link per member (3 per roster, so 5,000 rosters carry 15,000 member feeds and 20,000 links in all).
 *
 * - holiday edit: `PUT /api/holidays/days/{date}` through the app (no socket), median of alternating put/delete,
 *   at each N; the request marks every feed stale and renders none.
 * - time until every feed is fresh: after one edit, the in-process feed worker renders every stale feed; timed at a
 *   size that fits a bench run, and given per feed (it grows linearly: one render per feed).
 * - time until every roster's notices are recorded: after one edit, the notice worker's fan-out writes each roster's
 *   notice rows (pages of 50 rosters, 500 a run), then planning turns them into notices; `NATIONAL_PART=notices`.
 * - Node start-up: `node src/entry/node.ts` on a calendars/ directory generated here, fresh database: time until
 *   /healthz answers, until /readyz answers 200 (calendars/ applied), RSS then; and a restart (files unchanged).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Roster } from '../src/domain/roster-schema.ts';
import { createApp } from '../src/http/app.ts';
import { createFeedWorker } from '../src/jobs/feed-worker.ts';
import { fanOutHolidayNotices } from '../src/services/fan-out-holiday-notices.ts';
import { DEFAULT_NOTICE_SETTINGS } from '../src/services/notice-deps.ts';
import { planPendingNotices } from '../src/services/plan-notices.ts';
import { sha256Hex } from '../src/services/secrets.ts';
import { type BenchService, sampleCalendars, startBenchService } from './feeds.bench.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TOKEN = 'national-bench-admin-token-0123456789';
const SAMPLE = 'so-vhttdl-bac-giang';
/** A Thursday inside the bench clock's feed window, a working day in every copy. */
const EDIT_DAY = '2025-06-12';

/** `count` copies of the sample roster, each with its own roster and member ids. */
export function copies(sample: Roster, count: number): Roster[] {
  const members = sample.members.map((member) => member.id);
  return Array.from({ length: count }, (_, index) => {
    let json = JSON.stringify(sample).replaceAll(JSON.stringify(SAMPLE), `"${SAMPLE}-${index}"`);
    for (const id of members)
      json = json.replaceAll(JSON.stringify(id), JSON.stringify(`${id}-${index}`));
    return JSON.parse(json) as Roster;
  });
}

async function nationalService(count: number) {
  const base = sampleCalendars();
  const sample = base.rosters.find((entry) => entry.roster.id === SAMPLE)!.roster;
  const rosters = copies(sample, count).map((roster) => ({ path: `${roster.id}.yaml`, roster }));
  const service = await startBenchService({ ...base, rosters });
  // Feed links straight into the table: what POST /api/feeds stores, minus hashing 20,000 tokens.
  const insert = service.store.db.prepare(
    'INSERT INTO feeds (id, token_hash, roster_id, member_id, label, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
  );
  const links = rosters.flatMap(({ roster }) => [
    [roster.id, null],
    ...roster.members.map((member) => [roster.id, member.id]),
  ]);
  for (let start = 0; start < links.length; start += 1000) {
    await service.store.db.batch(
      links
        .slice(start, start + 1000)
        .map(([rosterId, memberId], offset) =>
          insert.bind(
            `feed-${start + offset}`,
            `hash-${start + offset}`,
            rosterId!,
            memberId ?? null,
            '2025-01-01T00:00:00Z',
          ),
        ),
    );
  }
  return { service, links: links.length };
}

async function holidayApp(service: BenchService) {
  const app = createApp({
    store: service.store,
    now: service.now,
    publicUrl: 'http://127.0.0.1',
    adminTokenHash: await sha256Hex(TOKEN),
  });
  let declared = false;
  return async () => {
    declared = !declared;
    const started = performance.now();
    const response = await app.request(`/api/holidays/days/${EDIT_DAY}`, {
      method: declared ? 'PUT' : 'DELETE',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(declared
        ? {
            body: JSON.stringify({
              entry: { date: EDIT_DAY, kind: 'holiday', name: 'Nghỉ lễ', status: 'estimated' },
            }),
          }
        : {}),
    });
    if (response.status !== 200) throw new Error(`holiday edit: ${response.status}`);
    return performance.now() - started;
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export interface HolidayEditRow {
  rosters: number;
  links: number;
  medianMs: number;
}

export async function holidayEditLatency(count: number, edits: number): Promise<HolidayEditRow> {
  const { service, links } = await nationalService(count);
  const edit = await holidayApp(service);
  await edit(); // warm-up (and the holiday calendar built once)
  const samples = [];
  for (let run = 0; run < edits; run++) samples.push(await edit());
  return { rosters: count, links, medianMs: median(samples) };
}

export interface FreshRow {
  rosters: number;
  feeds: number;
  /** From the edit's answer until the worker has rendered every stale feed. */
  freshMs: number;
  perFeedMs: number;
}

export async function timeUntilFresh(count: number): Promise<FreshRow> {
  const { service, links } = await nationalService(count);
  const worker = createFeedWorker(service.ctx, {
    onError: (error) => {
      throw error;
    },
  });
  worker.kick();
  await worker.idle(); // every feed rendered once before the edit
  const edit = await holidayApp(service);
  await edit();
  const started = performance.now();
  worker.kick();
  await worker.idle();
  const freshMs = performance.now() - started;
  const stale = await service.store.feeds.staleScopes(1);
  if (stale.length > 0) throw new Error(`still stale after the worker: ${stale[0]}`);
  return { rosters: count, feeds: links, freshMs, perFeedMs: freshMs / links };
}

export interface NoticedRow {
  rosters: number;
  /** From the edit's answer until every roster's notice rows are written (the Node notice worker's fan-out). */
  fannedOutMs: number;
  perRosterMs: number;
  /** Then turning those rows into notices (planning, coalescing window 0). */
  plannedMs: number;
  /** Rosters with a notice row for the edited day (every copy: the day is Bà Hà's in each). */
  rostersWithRows: number;
}

export async function timeUntilNoticed(count: number): Promise<NoticedRow> {
  const { service } = await nationalService(count);
  const edit = await holidayApp(service);
  await edit();
  const started = performance.now();
  // What the Node notice worker does, run after run, until no roster is left (no pause: nothing else to serve).
  while ((await fanOutHolidayNotices(service.ctx, 500)).more);
  const fannedOutMs = performance.now() - started;
  const row = await service.store.db
    .prepare(`SELECT COUNT(DISTINCT roster_id) AS n FROM notice_changes WHERE slot_key LIKE ?`)
    .bind(`%/${EDIT_DAY}/%`)
    .first<{ n: number }>();
  const planning = performance.now();
  await planPendingNotices({
    store: service.store,
    now: service.now,
    settings: { ...DEFAULT_NOTICE_SETTINGS, coalesceMs: 0 },
    channels: {},
    random: Math.random,
  });
  return {
    rosters: count,
    fannedOutMs,
    perRosterMs: fannedOutMs / count,
    plannedMs: performance.now() - planning,
    rostersWithRows: Number(row?.n ?? 0),
  };
}

export interface StartupRow {
  rosters: number;
  healthzMs: number;
  readyMs: number;
  readyRssMiB: number;
  /** RSS once the feed worker has rendered every roster's feed (first start only; null when not waited for). */
  feedsRssMiB: number | null;
  restartHealthzMs: number;
  restartReadyMs: number;
}

/** A calendars/ directory with the holiday tables and `count` roster files (YAML text of the copies). */
function generateCalendars(directory: string, count: number): void {
  cpSync(join(ROOT, 'calendars/holidays'), join(directory, 'holidays'), { recursive: true });
  const text = readFileSync(join(ROOT, `calendars/${SAMPLE}.yaml`), 'utf8');
  const members = [...text.matchAll(/^ {2}- id: (\S+)$/gm)].map((match) => match[1]!);
  for (let index = 0; index < count; index++) {
    let copy = text.replaceAll(SAMPLE, `${SAMPLE}-${index}`);
    for (const id of members) copy = copy.replaceAll(id, `${id}-${index}`);
    writeFileSync(join(directory, `${SAMPLE}-${index}.yaml`), copy);
  }
}

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function answers(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 0;
  }
}

async function startOnce(env: Record<string, string>, port: number, waitForFeeds: boolean) {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'src/entry/node.ts')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  let healthzMs = 0;
  for (;;) {
    if (!healthzMs && (await answers(`http://127.0.0.1:${port}/healthz`)) === 200)
      healthzMs = performance.now() - started;
    if (healthzMs && (await answers(`http://127.0.0.1:${port}/readyz`)) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const readyMs = performance.now() - started;
  const readyRssMiB = rssMiB(child.pid!);
  // The first start's feed links are rendered by the feed worker after ready; its log line says when it is done.
  let feedsRssMiB: number | null = null;
  while (waitForFeeds && !output.includes('stale feeds rendered'))
    await new Promise((resolve) => setTimeout(resolve, 200));
  if (waitForFeeds) feedsRssMiB = rssMiB(child.pid!);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return { healthzMs, readyMs, readyRssMiB, feedsRssMiB };
}

export async function nodeStartup(
  count: number,
  port: number,
  waitForFeeds: boolean,
): Promise<StartupRow> {
  const directory = mkdtempSync(join(tmpdir(), 'lichtruc-national-'));
  try {
    const calendars = join(directory, 'calendars');
    mkdirSync(calendars);
    generateCalendars(calendars, count);
    const env = {
      LICHTRUC_DB: join(directory, 'lichtruc.db'),
      LICHTRUC_CALENDARS: calendars,
      LICHTRUC_ADMIN_TOKEN: TOKEN,
    };
    const first = await startOnce(env, port, waitForFeeds);
    const again = await startOnce(env, port, false);
    return {
      rosters: count,
      ...first,
      restartHealthzMs: again.healthzMs,
      restartReadyMs: again.readyMs,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const sizes = (process.env.NATIONAL_SIZES ?? '10,100,1000').split(',').map(Number);
  const part = process.env.NATIONAL_PART ?? 'edit,fresh,startup';
  if (part.includes('edit'))
    for (const size of sizes) console.log(JSON.stringify(await holidayEditLatency(size, 7)));
  if (part.includes('fresh'))
    console.log(JSON.stringify(await timeUntilFresh(Number(process.env.NATIONAL_FRESH ?? 25))));
  if (part.includes('notices'))
    console.log(
      JSON.stringify(await timeUntilNoticed(Number(process.env.NATIONAL_NOTICED ?? 1000))),
    );
  if (part.includes('startup'))
    for (const size of sizes)
      console.log(JSON.stringify(await nodeStartup(size, 18787, size <= 1000)));
}
