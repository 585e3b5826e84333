/**
 * HTTP under load: the Node server (`serve` from @hono/node-server, on 127.0.0.1, a free port) of a whole service in
 * memory (see feeds.bench.ts: embedded SQLite, calendars applied, clock fixed) with one feed link on the sample
 * roster, loaded with autocannon in turn with
 * - GET /healthz: the floor (routing, middleware, a tiny JSON body), the reference of the ratio below;
 * - GET of the feed with If-None-Match, as a calendar client that polls sends it (Accept-Encoding: gzip and the
 *   `-gzip` ETag it was given): the 304 path, one lookup and no body;
 * - GET of the feed in full, identity (about 340 KiB from the cached copy) and with Accept-Encoding: gzip (the
 *   compressed copy is made once per ETag and kept);
 * - GET of the public desk page (`/desks/{id}`, the sample roster made public): rendered on every request (a week
 *   of expansion, the QR code, a SHA-256 of the page), in full and with If-None-Match (304 after the same work);
 *   and its public feed (stored like the other feeds) with If-None-Match.
 * The figures to watch: requests/s and p99 latency of each, and the requests/s of the 304 path over those of
 * /healthz in the same run (goal ≥ 0.8: a poll of an unchanged feed should cost little more than a health check).
 *
 * The load generator runs in a child process (this file, forked with `--load-client`), not in the server's
 * process: in one process autocannon's own work (writing requests, parsing responses, counting bytes) would share
 * the server's event loop and thread, and that work grows with the response (a 340 KiB body costs the client far
 * more than a 304), so it would slow the server unevenly across the cases and bias the ratios. In a child, client
 * and server each get a core when the machine has two free, as with a real client. When it has not, they share one
 * whatever the process layout: the table reports both sides' CPU use so such a run (the two adding up to about
 * 100 %, the server well under it) can be told apart from one limited by the server, and the server's CPU time per
 * response, which does not depend on it.
 *
 * Latency percentiles are computed here from autocannon's per-response times (milliseconds as floats), because
 * its own latency histogram records whole milliseconds, too coarse for sub-millisecond responses.
 *
 * Run alone with `node bench/http.bench.ts [--quick] [--only=304]`; to profile the server side, add
 * `--cpu-prof --cpu-prof-dir=<dir>` before the file name (the load client is started without these flags).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import type { CalendarSet } from '../src/domain/calendar-set.ts';
import { createApp } from '../src/http/app.ts';
import { createFeed } from '../src/services/feed-links.ts';
import { randomToken, sha256Hex } from '../src/services/secrets.ts';
import { SAMPLE_ROSTER_ID, sampleCalendars, startBenchService } from './feeds.bench.ts';
import { formatNumber, markdownTable, quantile } from './measure.ts';

export interface HttpBenchOptions {
  /** Shorter runs: a smoke run, not a measurement. */
  quick: boolean;
  /** Progress lines (to stderr, say), so a long run shows it is alive. */
  log?: (line: string) => void;
  /** Only the cases whose name contains this text (the standalone `--only=`, e.g. `304` to profile that path). */
  only?: string;
}

/** One case: a request autocannon repeats, and the status every response must have. */
interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
  status: number;
}

/** What the parent asks the load client for: a warm-up (result ignored) or a measured run. */
interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

/** What the load client reports of one run. */
interface LoadResult {
  responses: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  bytes: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  /** CPU time of the client process over the run, as a fraction of one core. */
  clientCpu: number;
}

export interface HttpResult {
  name: string;
  status: number;
  load: LoadResult;
  /** CPU time of the server process over the measured run, as a fraction of one core. */
  serverCpu: number;
  requestsPerSecond: number;
}

const CONNECTIONS = 10;

// ---------------------------------------------------------------------------------------------------------------
// The load client (child process).

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        headers: spec.headers,
        connections: spec.connections,
        duration: spec.seconds,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const statusCounts: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCounts[code] = stats.count ?? 0;
  return {
    responses: result.requests.total,
    seconds: result.duration,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.reduce((max, ms) => Math.max(max, ms), 0),
    bytes: result.throughput.total,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    clientCpu: (used.user + used.system) / 1000 / wallMs,
  };
}

function loadClient(): void {
  process.on('message', (spec: LoadSpec) => {
    runLoad(spec).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: String(error) }),
    );
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The server side (the benchmark runner's process).

/** Asks the forked client for one run and waits for its report. */
async function load(client: ChildProcess, spec: LoadSpec): Promise<LoadResult> {
  const reply = once(client, 'message') as Promise<[{ result?: LoadResult; error?: string }]>;
  client.send(spec);
  const [{ result, error }] = await reply;
  if (!result) throw new Error(`load client failed: ${error}`);
  return result;
}

/** Checks a case by hand before loading it: the status, and for the feed the ETag the 304 case needs. */
async function probe(
  base: string,
  path: string,
  headers: Record<string, string>,
  status: number,
): Promise<Response> {
  const response = await fetch(base + path, { headers });
  await response.arrayBuffer();
  if (response.status !== status)
    throw new Error(
      `GET ${path} ${JSON.stringify(headers)}: expected ${status}, got ${response.status}`,
    );
  return response;
}

export async function runHttpBenchmarks(options: HttpBenchOptions): Promise<HttpResult[]> {
  const log = options.log ?? (() => {});
  const service = await startBenchService(withPublicDesk(sampleCalendars()));
  const feed = await createFeed(service.ctx, { rosterId: SAMPLE_ROSTER_ID });
  const app = createApp({
    store: service.store,
    now: service.now,
    publicUrl: service.ctx.publicUrl,
    adminTokenHash: await sha256Hex(randomToken()),
    logError: (error, id) => console.error(`[${id}]`, error),
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  if (!server.listening) await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = fork(import.meta.filename, ['--load-client'], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  try {
    const path = new URL(feed.url).pathname;
    // fetch() would ask for gzip by default: say identity to get the plain copy.
    const full = await probe(base, path, { 'accept-encoding': 'identity' }, 200);
    const gzipped = await probe(base, path, { 'accept-encoding': 'gzip' }, 200);
    const gzipTag = gzipped.headers.get('etag');
    if (gzipped.headers.get('content-encoding') !== 'gzip' || !gzipTag)
      throw new Error('the gzip GET of the feed was not compressed');
    const poll = { 'accept-encoding': 'gzip', 'if-none-match': gzipTag };
    await probe(base, path, poll, 304);
    await probe(base, '/healthz', {}, 200);
    const desk = `/desks/${SAMPLE_ROSTER_ID}`;
    const deskTag = (await probe(base, desk, {}, 200)).headers.get('etag')!;
    const deskFeedTag = (await probe(base, `${desk}.ics`, {}, 200)).headers.get('etag')!;
    const feedBytes = Number(full.headers.get('content-length'));
    log(
      `http: feed of ${formatNumber(feedBytes / 1024)} KiB identity, ${formatNumber(Number(gzipped.headers.get('content-length')) / 1024)} KiB gzip`,
    );

    const all: Target[] = [
      { name: 'GET /healthz', path: '/healthz', headers: {}, status: 200 },
      { name: 'GET feed, If-None-Match → 304', path, headers: poll, status: 304 },
      {
        name: 'GET feed, full, identity',
        path,
        headers: { 'accept-encoding': 'identity' },
        status: 200,
      },
      { name: 'GET feed, full, gzip', path, headers: { 'accept-encoding': 'gzip' }, status: 200 },
      { name: 'GET public desk page', path: desk, headers: {}, status: 200 },
      {
        name: 'GET public desk page, If-None-Match → 304',
        path: desk,
        headers: { 'if-none-match': deskTag },
        status: 304,
      },
      {
        name: 'GET public desk feed, If-None-Match → 304',
        path: `${desk}.ics`,
        headers: { 'if-none-match': deskFeedTag },
        status: 304,
      },
    ];
    const targets = all.filter((target) => !options.only || target.name.includes(options.only));
    // Whole seconds: autocannon stops on its one-second sampling tick, so 1.5 s would run for 2.
    const seconds = options.quick ? 1 : 5;
    const warmup = 1;

    const results: HttpResult[] = [];
    for (const target of targets) {
      log(`http: ${target.name} (${warmup} s warm-up, ${seconds} s × ${CONNECTIONS} connections)`);
      const spec = { url: base + target.path, headers: target.headers, connections: CONNECTIONS };
      await load(client, { ...spec, seconds: warmup });
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = await load(client, { ...spec, seconds });
      const used = process.cpuUsage(cpu);
      const serverCpu = (used.user + used.system) / 1000 / (performance.now() - started);
      if (!result.statusCounts[target.status])
        throw new Error(
          `${target.name}: no ${target.status} response (${JSON.stringify(result.statusCounts)})`,
        );
      results.push({
        name: target.name,
        status: target.status,
        load: result,
        serverCpu,
        requestsPerSecond: result.responses / result.seconds,
      });
    }
    return results;
  } finally {
    client.disconnect();
    if (client.exitCode === null) await once(client, 'exit');
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The sample calendars with the roster's public desk turned on. */
function withPublicDesk(set: CalendarSet): CalendarSet {
  const rosters = set.rosters.map((entry) => ({
    ...entry,
    roster: { ...entry.roster, publish: { ...entry.roster.publish, publicDesk: true } },
  }));
  return { ...set, rosters };
}

/** CPU time the server spent per response (µs): its cost, whether or not the client shared its core. */
export function serverMicrosPerRequest(result: Pick<HttpResult, 'load' | 'serverCpu'>): number {
  return (result.serverCpu * result.load.seconds * 1e6) / result.load.responses;
}

/**
 * The 304 case against /healthz, when both ran: requests/s of the 304 case over those of /healthz (the README
 * figure), and server CPU per request of /healthz over that of the 304 case (the same ratio, client left out).
 */
export function notModifiedRatios(
  results: readonly HttpResult[],
): { requests: number; serverCpu: number } | undefined {
  const health = results.find((result) => result.name.includes('/healthz'));
  const poll = results.find((result) => result.status === 304);
  if (!health || !poll) return undefined;
  return {
    requests: poll.requestsPerSecond / health.requestsPerSecond,
    serverCpu: serverMicrosPerRequest(health) / serverMicrosPerRequest(poll),
  };
}

/** The results as one markdown table (measure.ts's format): throughput, latency, CPU of both sides. */
export function httpTable(results: readonly HttpResult[]): string {
  const health = results.find((result) => result.name.includes('/healthz'));
  const columns = [
    { title: 'request' },
    { title: 'status' },
    { title: 'responses', right: true },
    { title: 'req/s', right: true },
    { title: 'vs healthz', right: true },
    { title: 'p50 ms', right: true },
    { title: 'p99 ms', right: true },
    { title: 'max ms', right: true },
    { title: 'MB/s', right: true },
    { title: 'server CPU', right: true },
    { title: 'client CPU', right: true },
    { title: 'server µs/req', right: true },
    { title: 'notes' },
  ];
  const percent = (fraction: number) => `${formatNumber(fraction * 100)} %`;
  const rows = results.map(({ name, status, load, serverCpu, requestsPerSecond }) => {
    const unexpected = Object.entries(load.statusCounts).filter(
      ([code]) => code !== String(status),
    );
    const problems = [
      ...unexpected.map(([code, count]) => `${formatNumber(count)} × ${code}`),
      load.errors ? `${formatNumber(load.errors)} errors` : '',
      load.timeouts ? `${formatNumber(load.timeouts)} timeouts` : '',
    ].filter(Boolean);
    return [
      name,
      String(status),
      formatNumber(load.responses),
      formatNumber(requestsPerSecond),
      health ? formatNumber(requestsPerSecond / health.requestsPerSecond, 2) : '',
      formatNumber(load.p50Ms, 2),
      formatNumber(load.p99Ms, 2),
      formatNumber(load.maxMs, 1),
      formatNumber(load.bytes / load.seconds / 1e6, 1),
      percent(serverCpu),
      percent(load.clientCpu),
      formatNumber(serverMicrosPerRequest({ load, serverCpu }), 1),
      problems.length > 0
        ? `UNEXPECTED: ${problems.join(', ')}`
        : `${formatNumber(load.seconds, 1)} s`,
    ];
  });
  return markdownTable(columns, rows);
}

if (import.meta.main) {
  if (process.argv.includes('--load-client')) loadClient();
  else {
    const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
    const results = await runHttpBenchmarks({
      quick: process.argv.includes('--quick'),
      log: (line) => console.error(`… ${line}`),
      only,
    });
    console.log(httpTable(results));
    const ratios = notModifiedRatios(results);
    if (ratios)
      console.log(
        `\n304 / healthz: ${formatNumber(ratios.requests, 2)} in requests/s (goal ≥ 0.8), ${formatNumber(ratios.serverCpu, 2)} in server CPU per request`,
      );
  }
}
