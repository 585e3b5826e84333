/**
 * Change notices from the Worker: the Worker of wrangler.toml run locally in workerd by wrangler's test harness
 * (`createTestHarness`, D1 with the migrations applied, offline), e-mail over `cloudflare:sockets` to the real SMTP
 * stand-in on 127.0.0.1. Each change is an API call (absence of Bà Hà added, then removed); its notices leave in the
 * same invocation (`waitUntil`, coalescing window 0: the default 120 s window adds its own length, and on Workers
 * the 5-minute cron picks them up after it). Timed: from just before the call to the moment the stand-in has parsed
 * each message, p50/p99 over every message.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTestHarness } from 'wrangler';
import { startSmtpStandIn } from '../test/stand-ins/smtp-server.ts';
import { EMAIL } from '../test/support/notices.ts';
import { quantile } from './measure.ts';
import {
  type DeliveryFigures,
  deliveryFigures,
  type NoticeBench,
  noticeTable,
  runNoticeBenchmarks,
} from './notices.bench.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
const HA = 'nguyen-manh-ha';
const TOKEN = 'bench-admin-token-0123456789abcdef';

export interface WorkerNoticeBench extends DeliveryFigures {
  /** The API call's own answer (the change saved), p50: the rest is the notice run after it. */
  answerP50Ms: number;
}

// Offline: no request.cf download, no telemetry.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.WRANGLER_LOG ??= 'warn';

type Harness = ReturnType<typeof createTestHarness>;

async function call(server: Harness, method: string, path: string, body?: unknown) {
  const response = await server.fetch(`https://lichtruc.bench${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Bà Hà's regular duties from tomorrow to the end of the 14-day window, from the Worker's own schedule. */
async function haDays(server: Harness): Promise<string[]> {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const { slots } = (await call(
    server,
    'GET',
    `${ROSTER}/schedule?from=${day(1)}&to=${day(13)}`,
  )) as {
    slots: { date: string; memberId: string; kind: string }[];
  };
  return slots.filter((slot) => slot.memberId === HA && slot.kind === 'regular').map((s) => s.date);
}

export async function runWorkerNoticeBenchmark(options: {
  quick: boolean;
  log(line: string): void;
}): Promise<WorkerNoticeBench> {
  const smtp = await startSmtpStandIn();
  const server = createTestHarness({
    root: ROOT,
    workers: [
      {
        configPath: join(ROOT, 'wrangler.toml'),
        secrets: { LICHTRUC_ADMIN_TOKEN: TOKEN },
        vars: {
          LICHTRUC_PUBLIC_URL: 'https://lichtruc.bench',
          LICHTRUC_SMTP_URL: smtp.url,
          LICHTRUC_MAIL_FROM: 'Lịch trực <bench@lichtruc.bench>',
          LICHTRUC_NOTICE_COALESCE_SECONDS: '0',
          LICHTRUC_QUIET_HOURS: 'off',
        },
      },
    ],
  });
  try {
    await server.listen();
    await server.getWorker().applyD1Migrations('DB');
    for (const [memberId, email] of Object.entries(EMAIL))
      await call(server, 'PUT', `${ROSTER}/members/${memberId}/notice-preferences`, { email });
    const days = await haDays(server);
    const changes = options.quick ? 10 : 60;
    options.log(`notices: ${changes} changes through the Worker (workerd) to the SMTP stand-in`);
    const latencies: number[] = [];
    const perChange: number[] = [];
    const answers: number[] = [];
    let id = '';
    for (let i = 0; i < changes; i++) {
      const day = days[Math.floor(i / 2) % days.length]!;
      const before = smtp.messages.length;
      const started = performance.now();
      if (i % 2 === 0) {
        const body = { memberId: HA, from: day, to: day, reason: 'training' };
        id = ((await call(server, 'POST', `${ROSTER}/absences`, body)).absence as { id: string })
          .id;
      } else await call(server, 'DELETE', `${ROSTER}/absences/${id}`);
      answers.push(performance.now() - started);
      await smtp.waitFor(before + 2);
      const sent = smtp.messages.slice(before);
      perChange.push(sent.length);
      for (const mail of sent) latencies.push(mail.receivedAt - started);
    }
    const answerP50Ms = quantile(
      answers.sort((a, b) => a - b),
      0.5,
    );
    return { ...deliveryFigures(latencies, perChange), answerP50Ms };
  } finally {
    await server.close();
    await smtp.close();
  }
}

export function workerNoticeRow(result: WorkerNoticeBench): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return `| absence added / removed, Worker in workerd (sockets), window 0 | ${result.changes} | ${result.messages} | ${result.perChange.min}–${result.perChange.max} | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${ms(result.maxMs)} |`;
}

/** The Node table with the Worker's row under it, and what part of the Worker's time is the API call's answer. */
export function noticeTables(node: NoticeBench, worker: WorkerNoticeBench): string {
  const lines = noticeTable(node).split('\n');
  lines.splice(3, 0, workerNoticeRow(worker));
  return `${lines.join('\n')}\n\nWorker: the API call answered after ${worker.answerP50Ms.toFixed(1)} ms (p50); the rest is the notice run in its waitUntil.`;
}

// `node bench/worker-notices.bench.ts [--quick]`: the Node path and the Worker's, side by side in one run.
if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const log = (line: string) => console.error(`… ${line}`);
  const node = await runNoticeBenchmarks({ quick, log });
  const worker = await runWorkerNoticeBenchmark({ quick, log });
  console.log(noticeTables(node, worker));
}
