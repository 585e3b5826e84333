/**
 * Deleting a roster withdraws what it pushed: its events leave Google and Outlook and the shares lichtruc made are
 * taken back, through a withdrawal recorded with the deletion, so an interrupted withdrawal finishes on the next run.
 * The roster left in place keeps every event of its own.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SLOT_PROPERTY } from '../../src/providers/outlook/map-event.ts';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { reconcileRoster } from '../../src/services/reconcile-rosters.ts';
import { CALENDAR_ID, type GoogleSyncFixture, startGoogleSync } from '../support/google-sync.ts';
import {
  APP,
  MAILBOX,
  type OutlookSyncFixture,
  startOutlookSync,
} from '../support/outlook-sync.ts';
import type { Roster } from '../../src/domain/roster-schema.ts';
import { letterRoster, letterRosterCopy } from '../support/sample.ts';
import type { TestService } from '../support/service.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { closeTrustingDispatchers } from '../support/tls.ts';

const KEPT = 'so-vhttdl-bac-giang';
const DELETED = 'mot-cua-api';
const READER = 'manhha.svhttdl@gmail.com';

let fixture: GoogleSyncFixture | OutlookSyncFixture;

afterEach(async () => {
  await fixture?.close();
});
afterAll(closeTrustingDispatchers);

/** A copy of the letter's roster managed over the API, publishing where the file roster does. */
async function createApiRoster(service: TestService, publish: Roster['publish']) {
  const members = letterRoster.members.map((member, index) =>
    index === 0 ? { ...member, googleAccount: READER } : member,
  );
  await service.json('POST', '/api/rosters', 201, letterRosterCopy(DELETED, { members, publish }));
}

async function deleteApiRoster(service: TestService) {
  const response = await service.request('DELETE', `/api/rosters/${DELETED}`, {
    headers: { 'if-match': '"v1"' },
  });
  expect(response.status).toBe(204);
}

describe('Google', () => {
  const googleEvents = (f: GoogleSyncFixture, rosterId: string) =>
    f.standIn
      .events(CALENDAR_ID)
      .filter((event) => event.extendedProperties?.private?.lichtrucRoster === rosterId);
  const readers = (f: GoogleSyncFixture) =>
    f.standIn
      .acl(CALENDAR_ID)
      .filter((rule) => rule.role === 'reader')
      .map((rule) => rule.scope?.value);

  it('cancels every event of a deleted roster and withdraws its shares, even after an interrupted run', async () => {
    const f = await startGoogleSync({ share: 'owner' });
    fixture = f;
    await reconcileRoster(f.deps, KEPT);
    await createApiRoster(f.service, { google: { calendarId: CALENDAR_ID } });
    await drainOutbox(f.deps);
    const kept = googleEvents(f, KEPT).length;
    const pushed = googleEvents(f, DELETED).length;
    expect(pushed).toBe(kept);
    expect(readers(f)).toEqual([READER]);

    await deleteApiRoster(f.service);
    expect(await f.deps.store.sync.withdrawals()).toMatchObject([
      { provider: 'google', rosterId: DELETED, target: { calendarId: CALENDAR_ID } },
    ]);
    // The first run is cut short: a batch of deletes lands but its answer is lost, and no retry is allowed, so
    // 50 events are gone from the calendar while the records still call them present.
    f.deps.backoff = { baseMs: 1, capMs: 1, maxAttempts: 1 };
    f.standIn.fail({ path: /batch/, afterApply: true, drop: true, times: 1 });
    const [first] = await drainOutbox(f.deps);
    expect(first).toMatchObject({
      provider: 'google',
      rosterId: DELETED,
      plan: { delete: pushed },
      applied: pushed - 50,
      pending: 50,
    });
    expect(await f.deps.store.sync.withdrawals()).toHaveLength(1);
    expect(await f.deps.store.sync.state('google', DELETED)).toMatchObject({
      lastResult: { pending: 50 },
    });

    f.deps.backoff = { baseMs: 1, capMs: 1, maxAttempts: 6 };
    const [second] = await drainOutbox(f.deps);
    // Deleting an event already gone (410) counts as done: the run finishes without an error.
    expect(second).toMatchObject({ plan: { delete: 50 }, applied: 50, pending: 0, error: null });
    expect(googleEvents(f, DELETED)).toEqual([]);
    expect(readers(f)).toEqual([]);
    expect(googleEvents(f, KEPT)).toHaveLength(kept);
    expect(await f.deps.store.sync.withdrawals()).toEqual([]);
    expect(await f.deps.store.sync.state('google', DELETED)).toBeNull();
    expect(await drainOutbox(f.deps)).toEqual([]);
  });

  it('records nothing to withdraw for a roster that never reached a calendar', async () => {
    const f = await startGoogleSync();
    fixture = f;
    await createApiRoster(f.service, { google: { calendarId: CALENDAR_ID } });
    await deleteApiRoster(f.service);
    expect(await f.deps.store.sync.withdrawals()).toEqual([]);
    expect(await drainOutbox(f.deps)).toEqual([]);
    expect(f.standIn.events(CALENDAR_ID)).toEqual([]);
  });
});

describe('Outlook', () => {
  const slotOf = (event: {
    singleValueExtendedProperties?: { id?: string; value?: string | null }[] | null;
  }) =>
    event.singleValueExtendedProperties?.find(
      (property) => property.id?.toLowerCase() === SLOT_PROPERTY.toLowerCase(),
    )?.value ?? '';
  const outlookEvents = (f: OutlookSyncFixture, rosterId: string) =>
    f.standIn.events(MAILBOX).filter((event) => slotOf(event).startsWith(`${rosterId}/`));

  it('deletes every event of a deleted roster from the mailbox, resuming after a refused credential', async () => {
    const f = await startOutlookSync();
    fixture = f;
    await reconcileRoster(f.deps, KEPT);
    await createApiRoster(f.service, { outlook: { mailbox: MAILBOX } });
    await drainOutbox(f.deps);
    const kept = outlookEvents(f, KEPT).length;
    expect(outlookEvents(f, DELETED)).toHaveLength(kept);

    await deleteApiRoster(f.service);
    f.useSecret('thu-hoi-roi');
    const [refused] = await drainOutbox(f.deps);
    expect(refused).toMatchObject({ provider: 'outlook', rosterId: DELETED, applied: 0 });
    expect(refused!.error).toContain('MS_CLIENT_SECRET');
    expect(outlookEvents(f, DELETED)).toHaveLength(kept);
    const status = await f.service.json<{ withdrawals: unknown[] }>('GET', '/api/sync/status', 200);
    expect(status.body.withdrawals).toEqual([
      {
        provider: 'outlook',
        rosterId: DELETED,
        requestedAt: '2024-05-02T01:00:00.000Z',
        lastError: refused!.error,
      },
    ]);
    const { signIn, page } = pagesOf(() => f.service);
    const { cookie } = await signIn();
    const card = /<div class="card" id="withdrawals">([\s\S]*?)<\/div>/.exec(
      (await page('GET', '/admin/sync', { cookie })).html,
    )![1]!;
    expect(card).toContain(`${DELETED} · Outlook`);
    expect(card).toContain(refused!.error!);

    f.useSecret(APP.clientSecret);
    const [done] = await drainOutbox(f.deps);
    expect(done).toMatchObject({ applied: kept, pending: 0, error: null });
    expect(outlookEvents(f, DELETED)).toEqual([]);
    expect(outlookEvents(f, KEPT)).toHaveLength(kept);
    expect(await f.deps.store.sync.withdrawals()).toEqual([]);
  });
});
