import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { reconcileRoster } from '../../src/services/reconcile-rosters.ts';
import { ROSTER_PROPERTY, SLOT_PROPERTY } from '../../src/providers/outlook/map-event.ts';
import { addAbsence } from '../../src/services/add-absence.ts';
import type { Event } from '../stand-ins/graph-calendar.ts';
import {
  APP,
  graphCalls,
  MAILBOX,
  type OutlookSyncFixture,
  ROSTER_ID,
  startOutlookSync,
} from '../support/outlook-sync.ts';
import { closeTrustingDispatchers } from '../support/tls.ts';

let fixture: OutlookSyncFixture;

afterEach(async () => {
  await fixture?.close();
});
afterAll(closeTrustingDispatchers);

async function expectedSlots(): Promise<number> {
  const { body } = await fixture.service.json<{ slots: unknown[] }>(
    'GET',
    `/api/rosters/${ROSTER_ID}/schedule?from=2024-04-02&to=2025-05-02`,
    200,
  );
  return body.slots.length;
}

const slotOf = (event: Event) =>
  event.singleValueExtendedProperties?.find(
    (property) => property.id?.toLowerCase() === SLOT_PROPERTY.toLowerCase(),
  )?.value;
const owned = () => fixture.standIn.events(MAILBOX).filter((event) => slotOf(event));
const eventOf = (date: string, position = 'primary') =>
  owned().find((event) => slotOf(event) === `${ROSTER_ID}/${date}/${position}`);

function expectNoDuplicates() {
  const slots = owned().map(slotOf);
  expect(new Set(slots).size).toBe(slots.length);
}

const absence = (memberId: string, from: string) => ({
  memberId,
  from,
  to: from,
  reason: 'leave' as const,
});

describe('first sync and changes', () => {
  it('creates one event per slot in ceil(events / 20) $batch requests, with the roster zone read back unchanged', async () => {
    fixture = await startOutlookSync();
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    const slots = await expectedSlots();
    expect(result).toMatchObject({
      provider: 'outlook',
      plan: { create: slots },
      applied: slots,
      pending: 0,
      error: null,
    });
    expect(owned()).toHaveLength(slots);
    expectNoDuplicates();
    // One listing, then ceil(n / 20) write requests ($batch, and a single call for a last lone write).
    expect(graphCalls(fixture.standIn)).toMatchObject({
      requests: Math.ceil(slots / 20) + 1,
      writes: slots,
    });
    const monday = eventOf('2024-05-06')!;
    expect(monday).toMatchObject({
      subject: 'Trực Bộ phận Một cửa – Trực chính: Bà Nguyễn Mạnh Hà',
      start: {
        dateTime: expect.stringMatching(/^2024-05-06T07:00:00/),
        timeZone: 'SE Asia Standard Time',
      },
      end: {
        dateTime: expect.stringMatching(/^2024-05-06T17:00:00/),
        timeZone: 'SE Asia Standard Time',
      },
      transactionId: `lichtruc:${ROSTER_ID}/2024-05-06/primary`,
    });
    expect(monday.singleValueExtendedProperties).toContainEqual({
      id: ROSTER_PROPERTY,
      value: ROSTER_ID,
    });

    // Read back through Graph in the roster's zone, nothing looks changed: a resync writes nothing.
    fixture.standIn.resetLog();
    const [again] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(again!.plan).toMatchObject({ create: 0, update: 0, delete: 0, adopt: 0 });
    expect(graphCalls(fixture.standIn).writes).toBe(0);
  });

  it('writes once per changed slot after a substitution', async () => {
    fixture = await startOutlookSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    fixture.standIn.resetLog();
    await addAbsence(fixture.service.ctx, ROSTER_ID, absence('nguyen-manh-ha', '2024-05-06'));
    await drainOutbox(fixture.deps);
    expect(graphCalls(fixture.standIn)).toMatchObject({ requests: 1, writes: 1, batches: 0 });
    expect(eventOf('2024-05-06')!.subject).toBe(
      'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)',
    );
  });

  it('shows a slot nobody can cover as tentative, and reads it back as unchanged', async () => {
    fixture = await startOutlookSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    for (const memberId of ['nguyen-manh-ha', 'nguyen-van-luyen', 'nguyen-van-hanh'])
      await addAbsence(fixture.service.ctx, ROSTER_ID, absence(memberId, '2024-05-08'));
    await drainOutbox(fixture.deps);
    expect(eventOf('2024-05-08')).toMatchObject({
      showAs: 'tentative',
      subject: 'Trực Bộ phận Một cửa – Chưa có người trực thay Bà Nguyễn Mạnh Hà (nghỉ phép)',
    });
    expect(eventOf('2024-05-09', 'backup')!.showAs).toBe('busy');
    fixture.standIn.resetLog();
    const [again] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(again!.plan).toMatchObject({ create: 0, update: 0, delete: 0 });
  });
});

describe('replays, crashes and throttling', () => {
  it('a create the client replays after a 504 that already landed leaves one event (transactionId)', async () => {
    fixture = await startOutlookSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    // Make Monday 05/05/2025 a single create: the horizon (to Friday 02/05/2025) grows by three days.
    const slotKey = `${ROSTER_ID}/2025-05-05/primary`;
    fixture.deps.horizon = { pastDays: 30, futureDays: 368 };
    await fixture.deps.store.sync.enqueue(ROSTER_ID, [null], 'test', '2024-05-02T01:00:00Z');
    fixture.standIn.resetLog();
    // The 504 comes after Graph created the event; the official client replays the POST.
    fixture.standIn.fail({
      method: 'POST',
      path: /\/events$/,
      status: 504,
      retryAfter: 0,
      afterApply: true,
      times: 1,
    });
    await drainOutbox(fixture.deps);
    expect(owned().filter((event) => slotOf(event) === slotKey)).toHaveLength(1);
    expectNoDuplicates();
    const posts = fixture.standIn.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/events'),
    );
    expect(posts).toHaveLength(2);
  });

  it('a batch applied but lost on the way back converges without duplicates', async () => {
    fixture = await startOutlookSync();
    fixture.standIn.fail({ path: /\$batch/, afterApply: true, drop: true, times: 1 });
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result!.pending).toBe(0);
    expect(owned()).toHaveLength(await expectedSlots());
    expectNoDuplicates();
  });

  it('per-item 429s inside $batch are retried by lichtruc after their Retry-After', async () => {
    fixture = await startOutlookSync();
    fixture.standIn.fail({ inBatch: true, status: 429, retryAfter: 2, times: 9 });
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result).toMatchObject({ pending: 0, error: null });
    expect(Math.max(...fixture.sleeps)).toBeGreaterThanOrEqual(2000);
    expect(owned()).toHaveLength(await expectedSlots());
    expectNoDuplicates();
  });
});

describe('drift repair', () => {
  it('repairs an event edited and one deleted by hand, and leaves a foreign event alone', async () => {
    fixture = await startOutlookSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    const edited = eventOf('2024-05-07', 'backup')!;
    const deleted = eventOf('2024-05-08')!;
    fixture.standIn.editEvent(MAILBOX, edited.id!, { subject: 'Họp giao ban' });
    fixture.standIn.deleteEvent(MAILBOX, deleted.id!);
    const foreign = fixture.standIn.insertForeignEvent(MAILBOX, {
      subject: 'Họp chi bộ',
      start: { dateTime: '2024-05-07T14:00:00', timeZone: 'SE Asia Standard Time' },
      end: { dateTime: '2024-05-07T15:00:00', timeZone: 'SE Asia Standard Time' },
    });
    fixture.standIn.resetLog();
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result!.plan).toMatchObject({ update: 2, create: 0, delete: 0 });
    expect(eventOf('2024-05-07', 'backup')!.subject).toBe(
      'Trực Bộ phận Một cửa – Trực dự bị: Ông Nguyễn Văn Luyện',
    );
    expect(eventOf('2024-05-08')).toBeTruthy();
    expect(fixture.standIn.events(MAILBOX).find((event) => event.id === foreign.id)).toEqual(
      foreign,
    );
    expectNoDuplicates();
  });

  it('an event deleted by hand twice comes back each time under a transactionId of its own', async () => {
    fixture = await startOutlookSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    const incarnations = [eventOf('2024-05-08')!];
    for (let round = 0; round < 2; round++) {
      fixture.standIn.deleteEvent(MAILBOX, incarnations.at(-1)!.id!);
      const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
      expect(result).toMatchObject({ plan: { update: 1 }, applied: 1, error: null });
      incarnations.push(eventOf('2024-05-08')!);
    }
    expect(new Set(incarnations.map((event) => event.id)).size).toBe(3);
    expect(new Set(incarnations.map((event) => event.transactionId)).size).toBe(3);
    expect(incarnations[0]!.transactionId).toBe(`lichtruc:${ROSTER_ID}/2024-05-08/primary`);
    // Nothing is left to repair: the records follow the newest event.
    expect((await reconcileRoster(fixture.deps, ROSTER_ID))[0]!.plan).toMatchObject({
      create: 0,
      update: 0,
      adopt: 0,
    });
  });

  it('a slot lichtruc deleted and needs again gets a new event, not its predecessor back', async () => {
    fixture = await startOutlookSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    const before = eventOf('2024-05-08')!;
    // A day off announced late, then called off: the slot disappears, then comes back.
    await fixture.service.json('PUT', '/api/holidays/days/2024-05-08', 200, {
      entry: { date: '2024-05-08', kind: 'holiday', name: 'Nghỉ (thử)', status: 'estimated' },
    });
    await drainOutbox(fixture.deps);
    expect(eventOf('2024-05-08')).toBeUndefined();
    await fixture.service.json('DELETE', '/api/holidays/days/2024-05-08', 200);
    await drainOutbox(fixture.deps);
    const after = eventOf('2024-05-08')!;
    expect(after.id).not.toBe(before.id);
    expect(after.transactionId).not.toBe(before.transactionId);
  });
});

describe('credentials', () => {
  it('a revoked secret shows as a readable status and keeps the change pending until fixed', async () => {
    fixture = await startOutlookSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    fixture.standIn.revokeApp(APP.clientId);
    fixture.useSecret(APP.clientSecret); // a fresh provider: no cached token, the grant itself is refused
    await addAbsence(fixture.service.ctx, ROSTER_ID, absence('nguyen-van-hanh', '2024-05-09'));
    const [result] = await drainOutbox(fixture.deps);
    expect(result).toMatchObject({
      blocked: true,
      error: expect.stringContaining('check MS_CLIENT_SECRET'),
    });
    const status = await fixture.service.json<{
      rosters: { pendingChanges: number; providers: { stopped: boolean }[] }[];
    }>('GET', '/api/sync/status', 200);
    expect(status.body.rosters[0]).toMatchObject({
      pendingChanges: 1,
      providers: [{ stopped: true }],
    });

    fixture.standIn.registerApp({ ...APP, clientSecret: 'bi-mat-moi' });
    fixture.useSecret('bi-mat-moi');
    await fixture.service.json('POST', `/api/rosters/${ROSTER_ID}/sync`, 200, {});
    expect(eventOf('2024-05-09', 'backup')!.subject).toContain('Trực thay');
  });
});
