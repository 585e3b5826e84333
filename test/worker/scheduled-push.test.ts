/**
 * The calendar push of the Worker in workerd, against the Google and Graph stand-ins (Node, reached through the
 * outbound forwarding): changes queued in D1's outbox while no credentials were set go out after the "*\/5 * * * *"
 * cron's catch-up message, with credentials configured a change made over the API goes out through the push queue
 * without waiting for the cron, and the nightly cron repairs events deleted by hand.
 */
import { describe, expect, it } from 'vitest';
import { googleEventId } from '../../src/providers/google/map-event.ts';
import { env, json, runScheduled, until, upcomingDutyOf } from './workerd/api.ts';
import {
  createGoogleCalendar,
  createMailbox,
  deleteGoogleEventByHand,
  deleteGraphEventByHand,
  googleEvents,
  graphEventOf,
  graphEvents,
} from './workerd/control.ts';
import {
  addAbsence,
  COVER_TITLE,
  createPublishedRoster,
  dutiesAhead,
  HA,
  type SyncStatus,
  untilPushed,
  withoutCredentials,
} from './workerd/push.ts';

// wrangler.toml's crons: catch up on the outbox (a fan-out message to the push queue), and the nightly full reconcile.
const DRAIN_CRON = '*/5 * * * *';
const NIGHTLY_CRON = '17 19 * * *';

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
    await untilPushed(rosterId);

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

  it('pushes a change made over the API through the push queue, without waiting for the cron', async () => {
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
    const summaryOnGoogle = async () =>
      (await googleEvents(target.calendarId)).find((event) => event.id === id)?.summary;
    expect(await until(summaryOnGoogle, (summary) => summary === duty.title)).toBe(duty.title);

    const coverTitle = await addAbsence(env, rosterId, duty.date);
    expect(await until(summaryOnGoogle, (summary) => summary === coverTitle)).toBe(coverTitle);
    await untilPushed(rosterId);
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
    await untilPushed(rosterId);
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

    // One reconcile message per roster, through the push queue.
    const google = await until(
      () => googleEvents(target.calendarId),
      (events) => events.length === pushed.google,
    );
    expect(google).toHaveLength(pushed.google);
    await until(
      () => graphEvents(target.mailbox),
      (events) => events.length === pushed.outlook,
    );
    expect(google.find((event) => event.id === googleEventId(duty.key))).toMatchObject({
      summary: duty.title,
      status: 'confirmed',
    });
    const outlook = await graphEvents(target.mailbox);
    expect(outlook).toHaveLength(pushed.outlook);
    expect(graphEventOf(outlook, duty.key)?.subject).toBe(duty.title);
  });
});
