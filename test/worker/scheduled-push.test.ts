/**
 * The calendar push of the Worker in workerd, against the Google and Graph stand-ins (Node, reached through the
 * outbound forwarding): changes queued in D1's outbox are drained by the "*\/5 * * * *" cron, with credentials
 * configured a change made over the API is pushed within its request (waitUntil), and the nightly cron repairs
 * events deleted by hand.
 */
import { describe, expect, it } from 'vitest';
import { googleEventId } from '../../src/providers/google/map-event.ts';
import {
  callAndSettle,
  dayFromToday,
  env,
  json,
  ROSTER_ID,
  runScheduled,
  scheduleOf,
  upcomingDutyOf,
} from './workerd/api.ts';
import {
  createGoogleCalendar,
  createMailbox,
  deleteGoogleEventByHand,
  deleteGraphEventByHand,
  googleEvents,
  graphEventOf,
  graphEvents,
} from './workerd/control.ts';

// wrangler.toml's crons: drain the outbox, and the nightly full reconcile.
const DRAIN_CRON = '*/5 * * * *';
const NIGHTLY_CRON = '17 19 * * *';
const HA = 'nguyen-manh-ha';
const COVER_TITLE =
  /^Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn (Luyện|Hanh) \(thay Bà Nguyễn Mạnh Hà nghỉ phép\)$/;

/** The same Worker before its push credentials were set: changes land in the outbox and nothing is pushed. */
const withoutCredentials = {
  ...env,
  GOOGLE_SERVICE_ACCOUNT_KEY: '',
  MS_TENANT_ID: '',
  MS_CLIENT_ID: '',
  MS_CLIENT_SECRET: '',
};

interface SyncStatus {
  providers: string[];
  rosters: {
    rosterId: string;
    pendingChanges: number;
    providers: { provider: string; lastError: string | null; stopped: boolean }[];
  }[];
}

/** An API roster: the bundled roster's definition under a new id, publishing to a Google calendar and a mailbox. */
async function createPublishedRoster(
  bindings: Cloudflare.Env,
  id: string,
  target: { calendarId: string; mailbox: string },
): Promise<void> {
  const { definition } = await json<{ definition: Record<string, unknown> }>(
    'GET',
    `/api/rosters/${ROSTER_ID}`,
    200,
  );
  const body = {
    ...definition,
    id,
    name: `Lịch trực Một cửa (${id})`,
    publish: { google: { calendarId: target.calendarId }, outlook: { mailbox: target.mailbox } },
  };
  const response = await callAndSettle(bindings, 'POST', '/api/rosters', { body });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function addAbsence(
  bindings: Cloudflare.Env,
  rosterId: string,
  date: string,
): Promise<string> {
  const response = await callAndSettle(bindings, 'POST', `/api/rosters/${rosterId}/absences`, {
    body: { memberId: HA, from: date, to: date, reason: 'leave' },
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  const { changedSlots } = JSON.parse(text) as { changedSlots: { after: { title: string } }[] };
  expect(changedSlots).toHaveLength(1);
  return changedSlots[0]!.after.title;
}

/** The roster's duties from tomorrow to four weeks on: well inside the push horizon (7 days back, 35 on). */
const dutiesAhead = (rosterId: string) => scheduleOf(rosterId, dayFromToday(1), dayFromToday(28));

describe('the calendar push from workerd', () => {
  it('drains the outbox on the */5 cron: every duty on Google and Outlook, the cover in place of Bà Hà', async () => {
    const rosterId = 'mot-cua-cron';
    const target = {
      calendarId: 'truc-cron@group.calendar.google.com',
      mailbox: 'truc.cron@svhttdl.bacninh.gov.vn',
    };
    await createGoogleCalendar(target.calendarId);
    await createMailbox(target.mailbox);

    await createPublishedRoster(withoutCredentials, rosterId, target);
    const duty = await upcomingDutyOf(HA, rosterId);
    const coverTitle = await addAbsence(withoutCredentials, rosterId, duty.date);
    expect(coverTitle).toMatch(COVER_TITLE);
    // Queued, not pushed.
    const queued = await json<SyncStatus>('GET', '/api/sync/status', 200);
    expect(queued.providers).toEqual(['google', 'outlook']);
    expect(
      queued.rosters.find((roster) => roster.rosterId === rosterId)?.pendingChanges,
    ).toBeGreaterThan(0);
    expect(await googleEvents(target.calendarId)).toEqual([]);
    expect(await graphEvents(target.mailbox)).toEqual([]);

    await runScheduled(DRAIN_CRON);

    const google = await googleEvents(target.calendarId);
    const duties = await dutiesAhead(rosterId);
    expect(duties.length).toBeGreaterThan(10);
    const byId = new Map(google.map((event) => [event.id, event]));
    for (const slot of duties)
      expect(byId.get(googleEventId(slot.key))?.summary, slot.key).toBe(slot.title);
    expect(byId.get(googleEventId(duty.key))).toMatchObject({
      summary: coverTitle,
      status: 'confirmed',
    });

    const outlook = await graphEvents(target.mailbox);
    expect(outlook).toHaveLength(google.length);
    for (const slot of duties)
      expect(graphEventOf(outlook, slot.key)?.subject, slot.key).toBe(slot.title);
    expect(graphEventOf(outlook, duty.key)?.subject).toBe(coverTitle);

    const drained = await json<SyncStatus>('GET', '/api/sync/status', 200);
    expect(drained.rosters.find((roster) => roster.rosterId === rosterId)).toMatchObject({
      pendingChanges: 0,
      providers: [
        { provider: 'google', lastError: null, stopped: false },
        { provider: 'outlook', lastError: null, stopped: false },
      ],
    });
  });

  it('pushes a change made over the API within its request (waitUntil), without waiting for the cron', async () => {
    const rosterId = 'mot-cua-ngay';
    const target = {
      calendarId: 'truc-ngay@group.calendar.google.com',
      mailbox: 'truc.ngay@svhttdl.bacninh.gov.vn',
    };
    await createGoogleCalendar(target.calendarId);
    await createMailbox(target.mailbox);

    await createPublishedRoster(env, rosterId, target);
    const duty = await upcomingDutyOf(HA, rosterId);
    const id = googleEventId(duty.key);
    expect((await googleEvents(target.calendarId)).find((event) => event.id === id)?.summary).toBe(
      duty.title,
    );

    const coverTitle = await addAbsence(env, rosterId, duty.date);
    expect((await googleEvents(target.calendarId)).find((event) => event.id === id)?.summary).toBe(
      coverTitle,
    );
    expect(graphEventOf(await graphEvents(target.mailbox), duty.key)?.subject).toBe(coverTitle);
  });

  it('repairs events deleted by hand on the nightly cron, listing both calendars through the official clients', async () => {
    const rosterId = 'mot-cua-dem';
    const target = {
      calendarId: 'truc-dem@group.calendar.google.com',
      mailbox: 'truc.dem@svhttdl.bacninh.gov.vn',
    };
    await createGoogleCalendar(target.calendarId);
    await createMailbox(target.mailbox);
    await createPublishedRoster(env, rosterId, target);
    const duty = await upcomingDutyOf(HA, rosterId);
    const pushed = {
      google: (await googleEvents(target.calendarId)).length,
      outlook: (await graphEvents(target.mailbox)).length,
    };
    expect(pushed.google).toBeGreaterThan(10);

    await deleteGoogleEventByHand(target.calendarId, googleEventId(duty.key));
    await deleteGraphEventByHand(
      target.mailbox,
      graphEventOf(await graphEvents(target.mailbox), duty.key)!.id,
    );
    expect(
      (await googleEvents(target.calendarId)).find((event) => event.id === googleEventId(duty.key)),
    ).toBeUndefined();
    expect(graphEventOf(await graphEvents(target.mailbox), duty.key)).toBeUndefined();

    await runScheduled(NIGHTLY_CRON);

    const google = await googleEvents(target.calendarId);
    expect(google).toHaveLength(pushed.google);
    expect(google.find((event) => event.id === googleEventId(duty.key))).toMatchObject({
      summary: duty.title,
      status: 'confirmed',
    });
    const outlook = await graphEvents(target.mailbox);
    expect(outlook).toHaveLength(pushed.outlook);
    expect(graphEventOf(outlook, duty.key)?.subject).toBe(duty.title);
  });
});
