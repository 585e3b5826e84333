/**
 * Change notices, end to end on the Node path: a change recorded through the service verb (`addAbsence`,
 * `removeFact`) kicks the in-process notice worker (as the Node entry wires it), which plans and sends through
 * nodemailer to the real SMTP stand-in on 127.0.0.1. Timed: from just before the change's call to the moment the
 * stand-in has parsed each message (p50/p99 over every message), with the coalescing window at 0 so the figure is the
 * path itself (the window adds its own length on top). Counted: messages per change (exactly one per affected member:
 * the absent one and whoever covers) and, with a 60 s window, the deliveries planned for an absence entered and
 * removed within it (a net no-op: 0).
 */
import { performance } from 'node:perf_hooks';
import { addDays, weekdayOf } from '../src/domain/dates.ts';
import { loadCalendarSet } from '../src/domain/calendar-set.ts';
import { dateInZone } from '../src/domain/zone.ts';
import { createNoticeWorker, runNotices } from '../src/jobs/notice-worker.ts';
import { createEmailChannel } from '../src/providers/notices/email-channel.ts';
import { addAbsence } from '../src/services/add-absence.ts';
import { applyCalendars } from '../src/services/apply-calendars.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { DEFAULT_NOTICE_SETTINGS, type NoticeDeps } from '../src/services/notice-deps.ts';
import { removeFact } from '../src/services/remove-fact.ts';
import { openSqlite, readMigrations } from '../src/storage/drivers/sqlite.ts';
import { applyMigrations } from '../src/storage/sql.ts';
import { createStore } from '../src/storage/store.ts';
import { startSmtpStandIn } from '../test/stand-ins/smtp-server.ts';
import { calendarsWithEmails } from '../test/support/notices.ts';
import { quantile } from './measure.ts';

const ROSTER = 'so-vhttdl-bac-giang';
const HA = 'nguyen-manh-ha';

/** Changes made, messages each told, and the time from a change to each message accepted. */
export interface DeliveryFigures {
  changes: number;
  messages: number;
  perChange: { min: number; max: number };
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface NoticeBench extends DeliveryFigures {
  netNoOpDeliveries: number;
}

export function deliveryFigures(latencies: number[], perChange: number[]): DeliveryFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    changes: perChange.length,
    messages: latencies.length,
    perChange: { min: Math.min(...perChange), max: Math.max(...perChange) },
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted.at(-1)!,
  };
}

async function service(offsetMs: () => number) {
  const db = openSqlite(':memory:');
  await applyMigrations(db, readMigrations(new URL('../migrations', import.meta.url).pathname));
  const store = createStore(db);
  const ctx: ServiceContext = {
    store,
    now: () => new Date(Date.now() + offsetMs()),
    publicUrl: 'https://lichtruc.bench',
    actor: { name: 'bench', requestId: null },
  };
  await applyCalendars(ctx, loadCalendarSet(calendarsWithEmails()));
  return ctx;
}

/** Bà Hà's days (Monday, Wednesday, Friday) within the notice window, from tomorrow. */
function haDays(zone: string): string[] {
  const today = dateInZone(new Date(), zone);
  const days: string[] = [];
  for (let i = 1; i <= 13; i++) {
    const day = addDays(today, i);
    if ([1, 3, 5].includes(weekdayOf(day))) days.push(day);
  }
  return days;
}

async function netNoOp(): Promise<number> {
  let offset = 0;
  const ctx = await service(() => offset);
  const deps: NoticeDeps = {
    store: ctx.store,
    now: ctx.now,
    settings: { ...DEFAULT_NOTICE_SETTINGS, coalesceMs: 60_000, quietHours: null },
    channels: {},
    random: Math.random,
  };
  const [day] = haDays('Asia/Ho_Chi_Minh');
  const { result } = await addAbsence(ctx, ROSTER, {
    memberId: HA,
    from: day!,
    to: day!,
    reason: 'leave',
  });
  await removeFact(ctx, ROSTER, 'absences', result.id);
  offset = 61_000;
  return (await runNotices(deps)).planned;
}

export async function runNoticeBenchmarks(options: {
  quick: boolean;
  log(line: string): void;
}): Promise<NoticeBench> {
  const smtp = await startSmtpStandIn();
  const ctx = await service(() => 0);
  const email = createEmailChannel({
    url: smtp.url,
    from: 'bench@lichtruc.bench',
    domain: 'lichtruc.bench',
  });
  const deps: NoticeDeps = {
    store: ctx.store,
    now: ctx.now,
    settings: { ...DEFAULT_NOTICE_SETTINGS, coalesceMs: 0, quietHours: null },
    channels: { email },
    random: Math.random,
  };
  const worker = createNoticeWorker(deps, { tickMs: 1000, onError: (e) => options.log(String(e)) });
  ctx.afterChange = () => worker.kick();
  const days = haDays('Asia/Ho_Chi_Minh');
  const changes = options.quick ? 10 : 200;
  const latencies: number[] = [];
  const perChange: number[] = [];
  options.log(`notices: ${changes} changes through the Node worker to the SMTP stand-in`);
  let id = '';
  for (let i = 0; i < changes; i += 2) {
    const day = days[(i / 2) % days.length]!;
    for (const step of ['add', 'remove'] as const) {
      const before = smtp.messages.length;
      const started = performance.now();
      if (step === 'add') {
        const absence = { memberId: HA, from: day, to: day, reason: 'training' as const };
        id = (await addAbsence(ctx, ROSTER, absence)).result.id;
      } else await removeFact(ctx, ROSTER, 'absences', id);
      await smtp.waitFor(before + 2);
      await worker.idle();
      const sent = smtp.messages.slice(before);
      perChange.push(sent.length);
      for (const mail of sent) latencies.push(mail.receivedAt - started);
    }
  }
  worker.stop();
  email.close();
  await smtp.close();
  return { ...deliveryFigures(latencies, perChange), netNoOpDeliveries: await netNoOp() };
}

export function noticeTable(result: NoticeBench): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    '| case | changes | messages | per change | change → SMTP accepted p50 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| absence added / removed, Node worker, window 0 | ${result.changes} | ${result.messages} | ${result.perChange.min}–${result.perChange.max} | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${ms(result.maxMs)} |`,
    `| absence added and removed within a 60 s window | 2 | ${result.netNoOpDeliveries} | 0 (net no-op) | | | |`,
  ].join('\n');
}

// `node bench/notices.bench.ts [--quick]` runs this benchmark alone.
if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const result = await runNoticeBenchmarks({ quick, log: (line) => console.error(`… ${line}`) });
  console.log(noticeTable(result));
}
