import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { reconcileRoster } from '../../src/services/reconcile-rosters.ts';
import { googleEventId } from '../../src/providers/google/map-event.ts';
import { addAbsence } from '../../src/services/add-absence.ts';
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import {
  ACCOUNT,
  apiCalls,
  CALENDAR_ID,
  type GoogleSyncFixture,
  publishedRosterFiles,
  ROSTER_ID,
  startGoogleSync,
} from '../support/google-sync.ts';

let fixture: GoogleSyncFixture;

afterEach(async () => {
  await fixture?.close();
});

async function expectedSlots(): Promise<number> {
  // The horizon is 30 days back to 365 ahead of 02/05/2024 (Hà Nội): count the slots the roster has there.
  const { body } = await fixture.service.json<{ slots: unknown[] }>(
    'GET',
    `/api/rosters/${ROSTER_ID}/schedule?from=2024-04-02&to=2025-05-02`,
    200,
  );
  return body.slots.length;
}

function liveEvents() {
  return fixture.standIn
    .events(CALENDAR_ID)
    .filter((event) => event.extendedProperties?.private?.lichtruc === '1');
}

function expectNoDuplicates() {
  const uids = fixture.standIn
    .events(CALENDAR_ID, { includeDeleted: true })
    .map((event) => event.iCalUID);
  expect(new Set(uids).size).toBe(uids.length);
}

const absence = (memberId: string, from: string, to = from) => ({
  memberId,
  from,
  to,
  reason: 'leave' as const,
});

describe('first sync', () => {
  beforeEach(async () => {
    fixture = await startGoogleSync();
  });

  it('creates one event per slot in ceil(events / 50) batch requests, with no duplicate', async () => {
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    const slots = await expectedSlots();
    expect(result).toMatchObject({
      provider: 'google',
      plan: { create: slots, update: 0, delete: 0 },
      applied: slots,
      pending: 0,
      error: null,
    });
    expect(liveEvents()).toHaveLength(slots);
    expectNoDuplicates();
    const calls = apiCalls(fixture.standIn);
    // One listing of the (empty) calendar, then the batches: nothing else.
    expect(calls.batches).toBe(Math.ceil(slots / 50));
    expect(calls.requests).toBe(Math.ceil(slots / 50) + 1);
    const monday = liveEvents().find(
      (event) => event.id === googleEventId(`${ROSTER_ID}/2024-05-06/primary`),
    )!;
    expect(monday).toMatchObject({
      summary: 'Trực Bộ phận Một cửa – Trực chính: Bà Nguyễn Mạnh Hà',
      location: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
      start: { timeZone: 'Asia/Ho_Chi_Minh' },
      transparency: 'opaque',
    });
    expect(new Date(monday.start!.dateTime!).toISOString()).toBe('2024-05-06T00:00:00.000Z');
  });

  it('writes once per changed slot after a substitution, and not at all when nothing changed', async () => {
    await reconcileRoster(fixture.deps, ROSTER_ID);
    fixture.standIn.resetLog();
    await addAbsence(fixture.service.ctx, ROSTER_ID, absence('nguyen-manh-ha', '2024-05-06'));
    await drainOutbox(fixture.deps);
    expect(apiCalls(fixture.standIn)).toMatchObject({ requests: 1, writes: 1, batches: 0 });
    const monday = liveEvents().find(
      (event) => event.id === googleEventId(`${ROSTER_ID}/2024-05-06/primary`),
    )!;
    expect(monday.summary).toBe(
      'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)',
    );
    expect(await fixture.deps.store.sync.pendingRosters()).toEqual([]);

    fixture.standIn.resetLog();
    const [again] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(again!.plan).toMatchObject({ create: 0, update: 0, delete: 0, adopt: 0 });
    expect(apiCalls(fixture.standIn).writes).toBe(0);
    await drainOutbox(fixture.deps);
    expect(apiCalls(fixture.standIn).writes).toBe(0);
  });
  it('shows a slot nobody can cover as tentative, and reads it back as unchanged', async () => {
    await reconcileRoster(fixture.deps, ROSTER_ID);
    for (const memberId of ['nguyen-manh-ha', 'nguyen-van-luyen', 'nguyen-van-hanh'])
      await addAbsence(fixture.service.ctx, ROSTER_ID, absence(memberId, '2024-05-08'));
    await drainOutbox(fixture.deps);
    const wednesday = liveEvents().find(
      (event) => event.id === googleEventId(`${ROSTER_ID}/2024-05-08/primary`),
    )!;
    expect(wednesday).toMatchObject({
      status: 'tentative',
      summary: 'Trực Bộ phận Một cửa – Chưa có người trực thay Bà Nguyễn Mạnh Hà (nghỉ phép)',
    });
    const thursday = liveEvents().find(
      (event) => event.id === googleEventId(`${ROSTER_ID}/2024-05-09/backup`),
    )!;
    expect(thursday.status).toBe('confirmed');
    fixture.standIn.resetLog();
    const [again] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(again!.plan).toMatchObject({ create: 0, update: 0, delete: 0 });
  });
});

describe('crashes and outages', () => {
  beforeEach(async () => {
    fixture = await startGoogleSync();
  });

  it('a batch applied remotely but lost on the way back (crash before the record) converges without duplicates', async () => {
    fixture.standIn.fail({ path: /batch/, afterApply: true, drop: true, times: 1 });
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result!.pending).toBe(0);
    expect(liveEvents()).toHaveLength(await expectedSlots());
    expectNoDuplicates();
  });

  it('a crash between batch parts leaves the rest in the outbox, and the next drain finishes the job', async () => {
    fixture.deps.backoff = { baseMs: 1, capMs: 1, maxAttempts: 1 };
    await fixture.deps.store.sync.enqueue(ROSTER_ID, [null], 'test', '2024-05-02T01:00:00Z');
    fixture.standIn.fail({ path: /batch/, status: 500, times: 3 });
    const first = await drainOutbox(fixture.deps);
    expect(first[0]!.pending).toBeGreaterThan(0);
    expect(await fixture.deps.store.sync.pendingRosters()).toHaveLength(1);
    fixture.deps.backoff = { baseMs: 1, capMs: 1, maxAttempts: 6 };
    await drainOutbox(fixture.deps);
    expect(await fixture.deps.store.sync.pendingRosters()).toEqual([]);
    expect(liveEvents()).toHaveLength(await expectedSlots());
    expectNoDuplicates();
  });

  it.each([
    ['429 with Retry-After', { status: 429 as const, retryAfter: 3 }],
    ['429 without Retry-After', { status: 429 as const }],
    ['403 rateLimitExceeded', { status: 403 as const, reason: 'rateLimitExceeded' as const }],
    ['500', { status: 500 as const }],
  ])(
    'a storm of %s, on whole batches and on single items, ends converged',
    async (_name, fault) => {
      fixture.standIn.fail({ ...fault, path: /batch/, times: 2 });
      fixture.standIn.fail({ ...fault, inBatch: true, times: 7 });
      const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
      expect(result).toMatchObject({ pending: 0, error: null });
      expect(liveEvents()).toHaveLength(await expectedSlots());
      expectNoDuplicates();
      if ('retryAfter' in fault) expect(Math.max(...fixture.sleeps)).toBeGreaterThanOrEqual(3000);
    },
  );

  it('a Retry-After longer than the backoff cap leaves the writes in the outbox for a later run', async () => {
    await fixture.deps.store.sync.enqueue(ROSTER_ID, [null], 'test', '2024-05-02T01:00:00Z');
    fixture.standIn.fail({ path: /batch/, status: 429, retryAfter: 3600, times: 1 });
    const [first] = await drainOutbox(fixture.deps);
    expect(first!.pending).toBeGreaterThan(0);
    expect(Math.max(0, ...fixture.sleeps)).toBeLessThanOrEqual(fixture.deps.backoff.capMs);
    expect(await fixture.deps.store.sync.pendingRosters()).toHaveLength(1);
    await drainOutbox(fixture.deps);
    expect(await fixture.deps.store.sync.pendingRosters()).toEqual([]);
    expect(liveEvents()).toHaveLength(await expectedSlots());
  });

  it('a timeout is retried like an outage', async () => {
    await fixture.close();
    fixture = await startGoogleSync({ timeoutMs: 300 });
    fixture.standIn.fail({ path: /batch/, delayMs: 1_000, times: 1 });
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result!.pending).toBe(0);
    expect(liveEvents()).toHaveLength(await expectedSlots());
    expectNoDuplicates();
  });
});

describe('drift repair', () => {
  beforeEach(async () => {
    fixture = await startGoogleSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
  });

  it('repairs an event edited and one deleted by hand, and leaves a foreign event alone', async () => {
    const edited = googleEventId(`${ROSTER_ID}/2024-05-07/backup`);
    const deleted = googleEventId(`${ROSTER_ID}/2024-05-08/primary`);
    fixture.standIn.editEvent(CALENDAR_ID, edited, { summary: 'Họp giao ban' });
    fixture.standIn.deleteEvent(CALENDAR_ID, deleted);
    const foreign = fixture.standIn.insertForeignEvent(CALENDAR_ID, {
      summary: 'Họp chi bộ',
      start: { dateTime: '2024-05-07T14:00:00+07:00' },
      end: { dateTime: '2024-05-07T15:00:00+07:00' },
    });
    fixture.standIn.resetLog();

    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result!.plan).toMatchObject({ create: 0, update: 2, delete: 0 });
    expect(apiCalls(fixture.standIn).writes).toBe(2);
    const byId = new Map(fixture.standIn.events(CALENDAR_ID).map((event) => [event.id, event]));
    expect(byId.get(edited)!.summary).toBe(
      'Trực Bộ phận Một cửa – Trực dự bị: Ông Nguyễn Văn Luyện',
    );
    expect(byId.get(deleted)!.status).toBe('confirmed');
    expect(byId.get(foreign.id!)).toEqual(foreign);
  });

  it('removes an event of a slot that no longer exists, e.g. after a late holiday notice', async () => {
    fixture.standIn.resetLog();
    await fixture.service.json('PUT', '/api/holidays/days/2024-05-08', 200, {
      entry: { date: '2024-05-08', kind: 'holiday', name: 'Nghỉ (thử)', status: 'estimated' },
    });
    await drainOutbox(fixture.deps);
    const gone = fixture.standIn
      .events(CALENDAR_ID, { includeDeleted: true })
      .find((event) => event.id === googleEventId(`${ROSTER_ID}/2024-05-08/primary`));
    expect(gone!.status).toBe('cancelled');
    expect(apiCalls(fixture.standIn).writes).toBe(1);
  });
});

type Status = {
  providers: string[];
  rosters: {
    rosterId: string;
    pendingChanges: number;
    providers: { provider: string; stopped: boolean; lastError: string | null }[];
  }[];
};

describe('credentials and sharing', () => {
  it('a revoked key stops the push with a readable status, and the outbox keeps the changes until it is fixed', async () => {
    fixture = await startGoogleSync();
    await reconcileRoster(fixture.deps, ROSTER_ID);
    fixture.standIn.revokeServiceAccount(ACCOUNT);
    await addAbsence(fixture.service.ctx, ROSTER_ID, absence('nguyen-van-hanh', '2024-05-09'));
    const [result] = await drainOutbox(fixture.deps);
    expect(result).toMatchObject({
      blocked: true,
      error: expect.stringContaining('key was probably revoked'),
    });

    fixture.standIn.resetLog();
    expect(await drainOutbox(fixture.deps)).toEqual([]); // stopped: no call is even tried
    expect(apiCalls(fixture.standIn).requests).toBe(0);
    const status = (await fixture.service.json<Status>('GET', '/api/sync/status', 200)).body;
    expect(status.rosters).toEqual([
      {
        rosterId: ROSTER_ID,
        pendingChanges: 1,
        providers: [
          expect.objectContaining({
            provider: 'google',
            stopped: true,
            lastError: expect.stringContaining('GOOGLE_SERVICE_ACCOUNT_KEY'),
          }),
        ],
      },
    ]);

    // A new key, then a manual resync: the pending change lands and the outbox empties.
    fixture.useKey(ACCOUNT);
    const resync = await fixture.service.json<{ results: { applied: number; blocked: boolean }[] }>(
      'POST',
      `/api/rosters/${ROSTER_ID}/sync`,
      200,
      {},
    );
    expect(resync.body.results).toEqual([expect.objectContaining({ applied: 1, blocked: false })]);
    const thursday = liveEvents().find(
      (event) => event.id === googleEventId(`${ROSTER_ID}/2024-05-09/backup`),
    )!;
    expect(thursday.summary).toContain('Trực thay');
    expect(
      (await fixture.service.json<Status>('GET', '/api/sync/status', 200)).body.rosters[0]!
        .pendingChanges,
    ).toBe(0);
  });

  it('says so when the calendar is not shared with the service account', async () => {
    fixture = await startGoogleSync({ share: false });
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result).toMatchObject({
      blocked: true,
      error: `calendar ${CALENDAR_ID} is not shared with the service account ${ACCOUNT} (or does not exist): share it with "Make changes to events"${result!.error!.slice(result!.error!.indexOf('"Make changes to events"') + 24)}`,
    });
    expect(result!.error).toMatch(/^calendar .* is not shared with the service account/);
  });
});

describe('sharing with members', () => {
  const withAccount = (text: string) =>
    text.replace(
      '    role: primary\n',
      '    role: primary\n    googleAccount: manhha.svhttdl@gmail.com\n',
    );

  it('shares the calendar read-only with members who have a Google account, and withdraws it when they leave', async () => {
    fixture = await startGoogleSync({ editRoster: withAccount, share: 'owner' });
    await reconcileRoster(fixture.deps, ROSTER_ID);
    const readers = () =>
      fixture.standIn
        .acl(CALENDAR_ID)
        .filter((rule) => rule.role === 'reader')
        .map((rule) => rule.scope?.value);
    expect(readers()).toEqual(['manhha.svhttdl@gmail.com']);
    const writersBefore = fixture.standIn.acl(CALENDAR_ID).filter((rule) => rule.role !== 'reader');

    await applyCalendars(fixture.service.ctx, loadCalendarSet(publishedRosterFiles()));
    await drainOutbox(fixture.deps);
    expect(readers()).toEqual([]);
    expect(fixture.standIn.acl(CALENDAR_ID).filter((rule) => rule.role !== 'reader')).toEqual(
      writersBefore,
    );
  });

  it('still pushes the events when it may not manage sharing, and says what right is missing', async () => {
    fixture = await startGoogleSync({ editRoster: withAccount });
    const [result] = await reconcileRoster(fixture.deps, ROSTER_ID);
    expect(result).toMatchObject({
      blocked: false,
      pending: 0,
      error: expect.stringContaining('"Make changes and manage sharing"'),
    });
    expect(liveEvents()).toHaveLength(await expectedSlots());
  });
});

describe('admin API', () => {
  it('previews a resync as counts, then runs it', async () => {
    fixture = await startGoogleSync();
    const slots = await expectedSlots();
    const preview = await fixture.service.json<{
      results: { plan: Record<string, number>; applied: number }[];
    }>('POST', `/api/rosters/${ROSTER_ID}/sync`, 200, { dryRun: true });
    expect(preview.body.results).toEqual([
      expect.objectContaining({
        plan: { create: slots, update: 0, delete: 0, adopt: 0, unchanged: 0 },
        applied: 0,
      }),
    ]);
    expect(liveEvents()).toHaveLength(0);
    await fixture.service.json('POST', '/api/sync', 200, {});
    expect(liveEvents()).toHaveLength(slots);
    const status = (await fixture.service.json<Status>('GET', '/api/sync/status', 200)).body;
    expect(status.providers).toEqual(['google']);
  });

  it('refuses a resync of a roster that publishes nowhere', async () => {
    fixture = await startGoogleSync();
    const response = await fixture.service.request('POST', '/api/rosters/khong-co/sync', {
      body: {},
    });
    expect(response.status).toBe(404);
  });
});
