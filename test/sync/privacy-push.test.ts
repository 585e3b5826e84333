/**
 * Pushed calendars are shared with the whole roster: a sick absence reaches Google and Outlook (the stand-ins, through
 * the official clients) as "vắng", and neither the reason nor the note is in anything the stand-ins stored.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { reconcileRoster } from '../../src/services/reconcile-rosters.ts';
import { googleEventId } from '../../src/providers/google/map-event.ts';
import { addAbsence } from '../../src/services/add-absence.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import type { SyncDeps } from '../../src/services/sync-deps.ts';
import { CALENDAR_ID, type GoogleSyncFixture, startGoogleSync } from '../support/google-sync.ts';
import { MAILBOX, type OutlookSyncFixture, startOutlookSync } from '../support/outlook-sync.ts';
import { closeTrustingDispatchers } from '../support/tls.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const DAY = '2024-05-06';
const NOTE = 'Viêm phổi, điều trị tại Bệnh viện Bạch Mai';
const SECRETS = ['nghỉ ốm', 'on sick leave', 'sick', NOTE.toLowerCase()];

let fixture: GoogleSyncFixture | OutlookSyncFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});
afterAll(closeTrustingDispatchers);

/** The first sync, then a sick absence and the drain that pushes it. */
async function pushSickAbsence(synced: { service: { ctx: ServiceContext }; deps: SyncDeps }) {
  await reconcileRoster(synced.deps, ROSTER_ID);
  await addAbsence(synced.service.ctx, ROSTER_ID, {
    memberId: 'nguyen-manh-ha',
    from: DAY,
    to: DAY,
    reason: 'sick',
    note: NOTE,
  });
  await drainOutbox(synced.deps);
}

function expectNoSecret(stored: unknown) {
  const text = JSON.stringify(stored).toLowerCase();
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('a sick absence pushed to the calendars', () => {
  it('reaches Google as "vắng"', async () => {
    const google = await startGoogleSync();
    fixture = google;
    await pushSickAbsence(google);
    const events = google.standIn.events(CALENDAR_ID, { includeDeleted: true });
    const monday = events.find(
      (event) => event.id === googleEventId(`${ROSTER_ID}/${DAY}/primary`),
    );
    expect(monday?.summary).toMatch(/– Trực thay: .+ \(thay Bà Nguyễn Mạnh Hà vắng\)$/);
    expectNoSecret(events);
  });

  it('reaches Outlook as "vắng"', async () => {
    const outlook = await startOutlookSync();
    fixture = outlook;
    await pushSickAbsence(outlook);
    const events = outlook.standIn.events(MAILBOX);
    const subjects = events.map((event) => event.subject ?? '');
    expect(
      subjects.filter((subject) => subject.includes('(thay Bà Nguyễn Mạnh Hà vắng)')),
    ).toHaveLength(1);
    expectNoSecret(events);
  });
});
