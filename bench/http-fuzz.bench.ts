/**
 * Hardening figures: the long fuzz run of the HTTP surface (test/support/http-fuzz.ts, the generator of the suite's
 * test/http/fuzz.test.ts, here ≥ 10,000 cases with a fixed seed) counting answers by status and invariant breaks (a
 * 5xx, or a refused request that changed rows), and the process's RSS while 300 MB is posted as one chunked body (no
 * Content-Length) to /admin/login before sign-in and to an /api route with the token, on a real server on 127.0.0.1
 * (goal: growth under 50 MB; the body limit refuses at 256 KiB while the body streams).
 *
 * Run alone with `node bench/http-fuzz.bench.ts [--quick]`.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import { pagesOf } from '../test/support/admin-pages.ts';
import { fuzzCaseArb, runFuzzCase, violation } from '../test/support/http-fuzz.ts';
import { ADMIN_TOKEN, PUBLIC_URL, startTestService } from '../test/support/service.ts';
import { formatNumber, markdownTable, quantile } from './measure.ts';

export interface FuzzFigures {
  cases: number;
  seed: number;
  statuses: [number, number][];
  violations: string[];
  medianMs: number;
  totalS: number;
}

export interface RssFigures {
  route: string;
  sentMb: number;
  status: number;
  beforeMb: number;
  peakMb: number;
  seconds: number;
}

const MB = 1024 * 1024;

export async function runFuzzBenchmark(cases: number, seed = 20261202): Promise<FuzzFigures> {
  const service = await startTestService();
  const session = await pagesOf(() => service).signIn();
  const target = {
    app: service.app,
    db: service.ctx.store.db,
    baseUrl: PUBLIC_URL,
    adminToken: ADMIN_TOKEN,
    session,
  };
  const statuses = new Map<number, number>();
  const violations: string[] = [];
  const times: number[] = [];
  const started = performance.now();
  for (const fuzz of fc.sample(fuzzCaseArb(target), { numRuns: cases, seed })) {
    const start = performance.now();
    const outcome = await runFuzzCase(target, fuzz);
    times.push(performance.now() - start);
    statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
    const broken = violation(outcome);
    if (broken) violations.push(`${broken}: ${fuzz.method} ${fuzz.path}`);
  }
  return {
    cases,
    seed,
    statuses: [...statuses].sort(([a], [b]) => a - b),
    violations,
    medianMs: quantile(times, 0.5),
    totalS: (performance.now() - started) / 1000,
  };
}

/** Posts `total` bytes in 64 KiB chunks, going on after the answer until the server closes or all is sent. */
function postChunked(port: number, path: string, headers: Record<string, string>, total: number) {
  return new Promise<{ sent: number; status: number }>((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let status = 0;
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers });
    const done = () => resolve({ sent, status });
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.resume();
    });
    req.on('error', done);
    req.on('close', done);
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

export async function runRssBenchmark(totalMb: number): Promise<RssFigures[]> {
  const service = await startTestService();
  const server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((listening) => server.once('listening', listening));
  const { port } = server.address() as AddressInfo;
  const routes: [string, string, Record<string, string>][] = [
    [
      '/admin/login (before sign-in)',
      '/admin/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    [
      '/api/…/absences (with the token)',
      '/api/rosters/so-vhttdl-bac-giang/absences',
      { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    ],
  ];
  const figures: RssFigures[] = [];
  for (const [route, path, headers] of routes) {
    const beforeMb = process.memoryUsage.rss() / MB;
    let peakMb = beforeMb;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, process.memoryUsage.rss() / MB);
    }, 20);
    const start = performance.now();
    const { sent, status } = await postChunked(port, path, headers, totalMb * MB);
    clearInterval(sampler);
    peakMb = Math.max(peakMb, process.memoryUsage.rss() / MB);
    figures.push({
      route,
      sentMb: sent / MB,
      status,
      beforeMb,
      peakMb,
      seconds: (performance.now() - start) / 1000,
    });
  }
  await new Promise((closed) => server.close(closed));
  return figures;
}

export function fuzzTable(fuzz: FuzzFigures): string {
  return markdownTable(
    [{ title: 'status' }, { title: 'answers', right: true }],
    fuzz.statuses.map(([status, count]) => [String(status), formatNumber(count)]),
  );
}

export function rssTable(rows: readonly RssFigures[]): string {
  return markdownTable(
    [
      { title: 'chunked POST' },
      { title: 'sent MB', right: true },
      { title: 'answer', right: true },
      { title: 'RSS before MB', right: true },
      { title: 'RSS peak MB', right: true },
      { title: 'growth MB', right: true },
      { title: 's', right: true },
    ],
    rows.map((row) => [
      row.route,
      formatNumber(row.sentMb),
      String(row.status),
      formatNumber(row.beforeMb),
      formatNumber(row.peakMb),
      formatNumber(row.peakMb - row.beforeMb, 1),
      formatNumber(row.seconds, 1),
    ]),
  );
}

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const rss = await runRssBenchmark(quick ? 30 : 300);
  const fuzz = await runFuzzBenchmark(quick ? 1000 : 10_000);
  console.log(rssTable(rss));
  console.log();
  console.log(fuzzTable(fuzz));
  console.log();
  console.log(
    `${formatNumber(fuzz.cases)} cases (seed ${fuzz.seed}) in ${formatNumber(fuzz.totalS, 1)} s, median ${formatNumber(fuzz.medianMs, 2)} ms; invariant breaks: ${fuzz.violations.length}`,
  );
  for (const line of fuzz.violations.slice(0, 20)) console.log(`- ${line}`);
}
