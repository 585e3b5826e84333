/**
 * Feeds on Cloudflare Queues, inside workerd with miniflare's queues: a holiday edit answers after one message and
 * the consumer renders every stale feed (fan-out through the queue, nothing rendered in the request); a render that
 * fails is retried while the rest of its batch is acknowledged; a message that keeps failing ends in the
 * dead-letter queue, whose consumer records it in D1.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.ts';
import type { FeedMessage } from '../../src/jobs/feed-queue.ts';
import type { SqlDatabase } from '../../src/storage/sql.ts';
import { createStore } from '../../src/storage/store.ts';
import {
  call,
  copyRoster,
  dayFromToday,
  env,
  json,
  ROSTER_ID,
  scheduleOf,
  until,
} from './workerd/api.ts';

const store = () => createStore(env.DB as unknown as SqlDatabase);
const COPIES = ['mot-cua-a', 'mot-cua-b', 'mot-cua-c', 'mot-cua-d'];

async function feedPath(body: Record<string, string>): Promise<string> {
  const { url } = await json<{ url: string }>('POST', '/api/feeds', 201, body);
  return new URL(url).pathname;
}

/** A roster whose stored definition no longer parses: every render of its feed fails. */
async function poison(id: string): Promise<void> {
  await copyRoster(id);
  await env.DB.prepare(
    "UPDATE rosters SET definition = '{\"broken\":true}', definition_hash = 'poisoned' WHERE id = ?",
  )
    .bind(id)
    .run();
}

describe('the feed queue in workerd', () => {
  it('fans a holiday edit out to every stale feed; the request itself renders none', async () => {
    for (const id of COPIES) await copyRoster(id);
    const paths = [
      ...(await Promise.all([ROSTER_ID, ...COPIES].map((rosterId) => feedPath({ rosterId })))),
      await feedPath({ rosterId: ROSTER_ID, memberId: 'nguyen-manh-ha' }),
    ];
    for (const path of paths) expect((await call('GET', path, { token: null })).status).toBe(200);
    expect(await store().feeds.staleScopes(100)).toEqual([]);

    // One of Bà Hà's days, so her own feed shows the change too.
    const slots = await scheduleOf(ROSTER_ID, dayFromToday(7), dayFromToday(21));
    const date = slots.find((slot) => slot.memberId === 'nguyen-manh-ha')!.date;
    await json('PUT', `/api/holidays/days/${date}`, 200, {
      entry: { date, kind: 'holiday', name: 'Nghỉ lễ đặc biệt', status: 'estimated' },
    });
    // Right after the answer every feed is stale: the request marked them and rendered nothing.
    const stale = await store().feeds.staleScopes(100);
    expect(stale).toHaveLength(paths.length);

    // The queue's consumers render them all, before any GET.
    expect(
      await until(
        () => store().feeds.staleScopes(100),
        (left) => left.length === 0,
      ),
    ).toEqual([]);
    for (const path of paths) {
      const text = (await (await call('GET', path, { token: null })).text()).replace(/\r\n /g, '');
      const event = text.split('BEGIN:VEVENT').find((part) => part.includes(`/${date}/primary`));
      expect(event, path).toContain('STATUS:CANCELLED');
    }
  });

  it('retries a render that fails, acknowledges the others, and drops a malformed message', async () => {
    await poison('mot-cua-hong');
    await copyRoster('mot-cua-tot');
    const batch = createMessageBatch<FeedMessage | string>('lichtruc-feeds', [
      {
        id: 'bad',
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'render', scope: 'roster:mot-cua-hong' },
      },
      {
        id: 'good',
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'render', scope: 'roster:mot-cua-tot' },
      },
      { id: 'junk', timestamp: new Date(), attempts: 1, body: 'not a feed message' },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((message) => message.msgId)).toEqual(['bad']);
    expect(result.explicitAcks.sort()).toEqual(['good', 'junk']);
    expect(await store().feeds.cached('roster:mot-cua-tot')).toMatchObject({
      scope: 'roster:mot-cua-tot',
    });
    expect(await store().feeds.cached('roster:mot-cua-hong')).toBeNull();
  });

  it('moves a message that keeps failing to the dead-letter queue, which records it', async () => {
    await poison('mot-cua-chet');
    await env.FEED_QUEUE.send({ kind: 'render', scope: 'roster:mot-cua-chet' });
    // The push queue records its dead letters in the same table (its copy of the roster cannot be pushed either).
    const dead = await until(
      async () =>
        (await store().feeds.deadLetters(10)).filter(
          (letter) => !letter.scope?.startsWith('push:'),
        ),
      (letters) => letters.length > 0,
    );
    expect(dead).toEqual([
      {
        scope: 'roster:mot-cua-chet',
        body: JSON.stringify({ kind: 'render', scope: 'roster:mot-cua-chet' }),
        seq: expect.any(Number),
        attempts: expect.any(Number),
        failedAt: expect.any(String),
      },
    ]);
  });
});
