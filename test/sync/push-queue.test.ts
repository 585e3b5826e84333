/**
 * The push queue's consumer (src/jobs/push-queue.ts) as Cloudflare Queues would drive it, time-scaled against the
 * quota stand-ins: a queue of our own delivers each message when it is due (its `delaySeconds`) and moves the test's
 * clock there, so a first push of four rosters runs through message after message with the consumer never
 * sleeping. It must stay within the budget in every 60 seconds, put every roster's next 30 days first, and empty
 * the outbox, waiting only through the delays it asked the queue for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { NEAR_DAYS } from '../../src/domain/push-order.ts';
import {
  consumePushMessages,
  type PushDelivery,
  type PushMessage,
} from '../../src/jobs/push-queue.ts';
import type { ProviderName } from '../../src/providers/calendar-provider.ts';
import { mostInAnyMinute } from '../stand-ins/write-quota.ts';
import { QUOTA_TODAY as TODAY, type QuotaPush, startQuotaPush } from '../support/quota-push.ts';

const BUDGET = 60;

let fixture: QuotaPush;

afterEach(async () => {
  await fixture?.close();
});

interface Queued {
  body: PushMessage;
  due: number;
  attempts: number;
}

/** Cloudflare Queues in miniature: delivery when due (first sent first among equals), ack, retry with a delay. */
function createQueue(now: () => number) {
  const queued: Queued[] = [];
  const log = { sent: 0, retried: 0, delays: [] as number[] };
  const enqueue = (body: PushMessage, delaySeconds = 0, attempts = 1) => {
    queued.push({ body, due: now() + delaySeconds * 1000, attempts });
    log.delays.push(delaySeconds);
  };
  return {
    log,
    queue: {
      async send(body: PushMessage, options?: { delaySeconds?: number }) {
        log.sent++;
        enqueue(body, options?.delaySeconds);
      },
      async sendBatch(messages: Iterable<{ body: PushMessage }>) {
        for (const { body } of messages) await this.send(body);
      },
    },
    /** The next due message, or null when the queue is empty. */
    take(): (PushDelivery & { due: number }) | null {
      if (queued.length === 0) return null;
      const next = queued.reduce((best, entry) => (entry.due < best.due ? entry : best));
      queued.splice(queued.indexOf(next), 1);
      return {
        body: next.body,
        attempts: next.attempts,
        due: next.due,
        ack() {},
        retry(options) {
          log.retried++;
          enqueue(next.body, options?.delaySeconds ?? 0, next.attempts + 1);
        },
      };
    },
  };
}

describe.each<ProviderName>(['google', 'outlook'])('the push queue consumer on %s', (provider) => {
  it('pushes a first push message by message within the budget, nearest dates first, never sleeping', async () => {
    fixture = await startQuotaPush(provider, BUDGET, BUDGET);
    const { deps, service } = fixture;
    const slept: number[] = [];
    deps.sleep = async (ms) => {
      slept.push(ms);
    };
    deps.maxWaitMs = 0;
    deps.runLimitMs = 25_000;
    const clock = () => service.ctx.now().getTime();
    const { queue, take, log } = createQueue(clock);
    await queue.send({ kind: 'fan-out', idleOnly: false });

    let deliveries = 0;
    for (let message = take(); message; message = take()) {
      if (++deliveries > 2000) throw new Error('the queue never emptied');
      if (message.due > clock()) service.setNow(new Date(message.due).toISOString());
      await consumePushMessages(deps, [message], queue, (line) => {
        throw new Error(`unexpected: ${line}`);
      });
    }

    expect(await deps.store.sync.pendingRosters()).toEqual([]);
    expect(slept.filter((ms) => ms > 0)).toEqual([]);
    const writes = fixture.quota.writes;
    expect(writes.length).toBeGreaterThan(4 * 200);
    expect(mostInAnyMinute(writes)).toBe(BUDGET);
    expect(fixture.quota.refusals).toEqual([]);
    // Nothing written twice: each roster's calendar holds as many events as were written to it.
    const events = fixture.eventCounts();
    expect(new Set(events).size).toBe(1);
    expect(writes.length).toBe(events[0]! * 4);
    // Every roster's next 30 days before anyone's later days.
    const isNear = (date: string | null) =>
      date !== null && date >= TODAY && date <= addDays(TODAY, NEAR_DAYS - 1);
    const lastNear = writes.findLastIndex((write) => isNear(write.date));
    expect(lastNear).toBeLessThan(writes.findIndex((write) => !isNear(write.date)));
    expect(new Set(writes.slice(0, lastNear + 1).map((w) => fixture.calendarOf(w.path))).size).toBe(
      4,
    );
    // The waits were the queue's delays, asked for by the consumer: never longer than the window (60 s and the
    // millisecond past it, in whole seconds), no retry spent on the budget.
    expect(log.retried).toBe(0);
    expect(Math.max(...log.delays)).toBeLessThanOrEqual(61);
    const minutes = (writes.at(-1)!.at - writes[0]!.at) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(Math.floor(writes.length / BUDGET) - 1);
    expect(minutes).toBeLessThanOrEqual(Math.ceil(writes.length / BUDGET) + 1);
  });
});
