/**
 * The calendar push on Cloudflare Queues, inside workerd with miniflare's queues, against the Google and Graph
 * stand-ins: a change goes out through the push queue (one message, one band at a time) and every event is written
 * exactly once; a provider answering 503 or 429 brings the message back later and nothing is written twice; a push
 * a provider keeps refusing ends in the dead-letter queue, whose consumer records it in D1.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.ts';
import type { PushMessage } from '../../src/jobs/push-queue.ts';
import { googleEventId } from '../../src/providers/google/map-event.ts';
import type { SqlDatabase } from '../../src/storage/sql.ts';
import { createStore } from '../../src/storage/store.ts';
import { env, until, upcomingDutyOf } from './workerd/api.ts';
import {
  clearFaults,
  createGoogleCalendar,
  createMailbox,
  failOn,
  type GraphEvent,
  googleEvents,
  googleWrites,
  graphEventOf,
  graphEvents,
  graphWrites,
} from './workerd/control.ts';
import {
  addAbsence,
  COVER_TITLE,
  createPublishedRoster,
  dutiesAhead,
  HA,
  syncStatusOf,
  untilPushed,
  withoutCredentials,
} from './workerd/push.ts';

const store = () => createStore(env.DB as unknown as SqlDatabase);

/** A calendar and a mailbox of their own for each test's roster. */
async function targetsOf(rosterId: string) {
  const target = {
    calendarId: `${rosterId}@group.calendar.google.com`,
    mailbox: `${rosterId}@svhttdl.bacninh.gov.vn`,
  };
  await createGoogleCalendar(target.calendarId);
  await createMailbox(target.mailbox);
  return target;
}

const slotKeyOf = (event: GraphEvent) =>
  event.singleValueExtendedProperties?.find((property) => property.id.endsWith('Name lichtrucSlot'))
    ?.value;

/** Every duty ahead is on both calendars with its title, and each slot is one event, no more. */
async function expectPushedOnce(rosterId: string, target: { calendarId: string; mailbox: string }) {
  const google = await googleEvents(target.calendarId);
  const outlook = await graphEvents(target.mailbox);
  const duties = await dutiesAhead(rosterId);
  expect(duties.length).toBeGreaterThan(10);
  for (const slot of duties) {
    expect(google.find((event) => event.id === googleEventId(slot.key))?.summary).toBe(slot.title);
    expect(graphEventOf(outlook, slot.key)?.subject, slot.key).toBe(slot.title);
  }
  expect(new Set(outlook.map(slotKeyOf)).size).toBe(outlook.length);
  expect(outlook).toHaveLength(google.length);
  return { google, outlook };
}

afterEach(async () => {
  await clearFaults('google');
  await clearFaults('graph');
});

describe('the push queue in workerd', () => {
  it('sends a change through the queue and writes each event exactly once', async () => {
    const rosterId = 'mot-cua-hang-doi';
    const target = await targetsOf(rosterId);
    await createPublishedRoster(env, rosterId, target);
    await untilPushed(rosterId);
    const { google } = await expectPushedOnce(rosterId, target);
    // One insert per event, nothing else: three band messages, no write repeated.
    const inserts = await googleWrites(target.calendarId);
    expect(inserts.map((write) => `${write.method} ${write.status}`)).toEqual(
      google.map(() => 'POST 200'),
    );
    expect((await graphWrites(target.mailbox)).map((write) => write.method)).toEqual(
      google.map(() => 'POST'),
    );

    const duty = await upcomingDutyOf(HA, rosterId);
    const coverTitle = await addAbsence(env, rosterId, duty.date);
    expect(coverTitle).toMatch(COVER_TITLE);
    await untilPushed(rosterId);
    expect(
      (await googleEvents(target.calendarId)).find((e) => e.id === googleEventId(duty.key)),
    ).toMatchObject({ summary: coverTitle, status: 'confirmed' });
    expect(graphEventOf(await graphEvents(target.mailbox), duty.key)?.subject).toBe(coverTitle);
    // The change is one more write at each provider.
    const writesSince = async (writes: Promise<{ method: string }[]>) =>
      (await writes).slice(inserts.length).map((write) => write.method);
    expect(await writesSince(googleWrites(target.calendarId))).toEqual(['PUT']);
    expect(await writesSince(graphWrites(target.mailbox))).toEqual(['PATCH']);
  });

  it('brings a message back after a 503 or a 429 with Retry-After, and writes nothing twice', async () => {
    const rosterId = 'mot-cua-tu-choi';
    const target = await targetsOf(rosterId);
    // Google takes the first writes, then answers 503; Graph throttles its first writes with Retry-After: 1.
    await failOn('google', {
      path: encodeURIComponent(target.calendarId),
      status: 503,
      inBatch: true,
      afterApply: true,
      times: 30,
    });
    await failOn('graph', {
      path: encodeURIComponent(target.mailbox),
      status: 429,
      retryAfter: 1,
      inBatch: true,
      times: 25,
    });
    await createPublishedRoster(env, rosterId, target);
    const status = await untilPushed(rosterId);
    expect(status?.providers).toMatchObject([
      { provider: 'google', lastError: null, stopped: false },
      { provider: 'outlook', lastError: null, stopped: false },
    ]);
    const { google, outlook } = await expectPushedOnce(rosterId, target);
    const refused = (writes: { status: number | null }[], status: number) =>
      writes.filter((write) => write.status === status).length;
    expect(refused(await googleWrites(target.calendarId), 503)).toBe(30);
    expect(refused(await graphWrites(target.mailbox), 429)).toBe(25);
    // Google's 503 came after the insert took effect: the retry found the event and did not make another.
    expect(new Set(google.map((event) => event.id)).size).toBe(google.length);
    expect(outlook).toHaveLength(google.length);
  });

  it('moves a push a provider keeps refusing to the dead-letter queue, which records it', async () => {
    const rosterId = 'mot-cua-chet';
    const target = await targetsOf(rosterId);
    await failOn('google', {
      path: encodeURIComponent(target.calendarId),
      status: 503,
      inBatch: true,
      times: null,
    });
    await createPublishedRoster(env, rosterId, target);
    const dead = await until(
      async () =>
        (await store().feeds.deadLetters(50)).filter(
          (letter) => letter.scope === `push:${rosterId}`,
        ),
      (letters) => letters.length > 0,
    );
    expect(dead).toEqual([
      {
        scope: `push:${rosterId}`,
        body: expect.stringContaining(`"rosterId":"${rosterId}"`),
        seq: expect.any(Number),
        attempts: expect.any(Number),
        failedAt: expect.any(String),
      },
    ]);
    // The outbox keeps the change, and the sync page says why; Outlook took its events meanwhile.
    const status = await syncStatusOf(rosterId);
    expect(status?.pendingChanges).toBeGreaterThan(0);
    expect(status?.providers.find((p) => p.provider === 'google')?.lastError).toMatch(/503/);
    expect((await graphEvents(target.mailbox)).length).toBeGreaterThan(10);
    expect(await googleEvents(target.calendarId)).toEqual([]);
  });

  it('acknowledges a malformed message and retries one whose push fails without progress', async () => {
    const rosterId = 'mot-cua-lo';
    const target = await targetsOf(rosterId);
    await createPublishedRoster(env, rosterId, target);
    await untilPushed(rosterId);
    // A change queued while no credentials were set, that both providers now refuse (Graph's 500 is not replayed by
    // its client): the message's push makes no progress.
    const duty = await upcomingDutyOf(HA, rosterId);
    await addAbsence(withoutCredentials, rosterId, duty.date);
    // One write each: Google sends it on its own (not in a batch).
    await failOn('google', {
      path: encodeURIComponent(target.calendarId),
      status: 503,
      times: null,
    });
    await failOn('graph', { path: encodeURIComponent(target.mailbox), status: 500, times: null });
    const batch = createMessageBatch<PushMessage | string>('lichtruc-push', [
      { id: 'push', timestamp: new Date(), attempts: 1, body: { kind: 'push', rosterId, band: 0 } },
      { id: 'junk', timestamp: new Date(), attempts: 1, body: 'not a push message' },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['junk']);
    expect(result.retryMessages.map((message) => message.msgId)).toEqual(['push']);
    expect((await googleWrites(target.calendarId)).at(-1)?.status).toBe(503);
    expect((await syncStatusOf(rosterId))?.pendingChanges).toBeGreaterThan(0);
  });
});
