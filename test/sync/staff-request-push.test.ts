/**
 * A staff absence request, approved, reaches the roster's Google calendar (the stand-in, through the official client)
 * like an admin's absence: the covering colleague's event, graded for everyone ("vắng" for a sick day, the reason
 * and the note nowhere), while the officer's own page still says why.
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import { googleEventId } from '../../src/providers/google/map-event.ts';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { reconcileRoster } from '../../src/services/reconcile-rosters.ts';
import { CALENDAR_ID, type GoogleSyncFixture, startGoogleSync } from '../support/google-sync.ts';
import { HA, ROSTER_ID, staffLink, staffPages } from '../support/staff-requests.ts';
import { closeTrustingDispatchers } from '../support/tls.ts';

const DAY = '2024-05-06';
const NOTE = 'Viêm phổi, điều trị tại Bệnh viện Bạch Mai';

let fixture: GoogleSyncFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});
afterAll(closeTrustingDispatchers);

it('an approved sick-day request is pushed to Google as a cover, reading "vắng"', async () => {
  fixture = await startGoogleSync();
  const { service, standIn, deps } = fixture;
  await reconcileRoster(deps, ROSTER_ID);
  const eventId = googleEventId(`${ROSTER_ID}/${DAY}/primary`);
  const before = standIn.events(CALENDAR_ID).find((event) => event.id === eventId);
  expect(before?.summary).toBe('Trực Bộ phận Một cửa – Trực chính: Bà Nguyễn Mạnh Hà');

  const ha = await staffLink(service, HA);
  const pages = staffPages(service);
  await pages.submit(ha, 'absence', {
    rosterId: ROSTER_ID,
    from: DAY,
    to: DAY,
    reason: 'sick',
    note: NOTE,
  });
  await drainOutbox(deps);
  // Asking changes nothing anywhere: the event is as it was.
  expect(standIn.events(CALENDAR_ID).find((event) => event.id === eventId)?.summary).toBe(
    before?.summary,
  );

  const { body } = await service.json<{ requests: { id: string }[] }>(
    'GET',
    `/api/rosters/${ROSTER_ID}/requests?state=pending`,
    200,
  );
  await service.json(
    'POST',
    `/api/rosters/${ROSTER_ID}/requests/${body.requests[0]!.id}/approve`,
    200,
    {},
  );
  await drainOutbox(deps);
  const events = standIn.events(CALENDAR_ID, { includeDeleted: true });
  expect(events.find((event) => event.id === eventId)?.summary).toBe(
    'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà vắng)',
  );
  const stored = JSON.stringify(events).toLowerCase();
  for (const secret of ['nghỉ ốm', 'on sick leave', 'sick', NOTE.toLowerCase()])
    expect(stored).not.toContain(secret);
  const { html } = await pages.open(ha);
  expect(html).toContain('nghỉ ốm');
});
