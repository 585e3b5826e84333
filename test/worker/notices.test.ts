/**
 * Notices from the Worker in workerd: a webhook registered over the API receives one signed `duty.changed` for the
 * slot an absence changes, sent within the change's request (waitUntil, coalescing window 0 here), verified by the
 * receiver with the `standardwebhooks` library; the cron run afterwards sends nothing twice. E-mail and Zalo inside
 * workerd: email.test.ts and zalo.test.ts.
 */
import { describe, expect, inject, it } from 'vitest';
import {
  callAndSettle,
  dayFromToday,
  env,
  json,
  ROSTER_ID,
  runScheduled,
  scheduleOf,
} from './workerd/api.ts';
import { setWebhookSecret, webhookEvents } from './workerd/control.ts';

describe('notices in workerd', () => {
  it('signs and sends one duty.changed per changed slot, once', async () => {
    const { secret } = await json<{ secret: string }>(
      'POST',
      `/api/rosters/${ROSTER_ID}/webhooks`,
      201,
      // Only duty.changed: past 16:30 in Hà Nội the cron would also send tomorrow's duty.reminder events.
      { url: inject('webhookUrl'), events: ['duty.changed'] },
    );
    await setWebhookSecret(secret);
    const slot = (await scheduleOf(ROSTER_ID, dayFromToday(1), dayFromToday(10))).find(
      (candidate) => candidate.memberId === 'nguyen-manh-ha' && candidate.kind === 'regular',
    )!;
    const response = await callAndSettle(env, 'POST', `/api/rosters/${ROSTER_ID}/absences`, {
      body: { memberId: 'nguyen-manh-ha', from: slot.date, to: slot.date, reason: 'sick' },
    });
    expect(response.status).toBe(201);
    await runScheduled('*/5 * * * *');
    const { events, refused } = await webhookEvents();
    expect(refused).toBe(0);
    expect(events.map((event) => [event.type, (event.data.slot as { key: string }).key])).toEqual([
      ['duty.changed', `${ROSTER_ID}/${slot.date}/primary`],
    ]);
    expect(events[0]!.data.after).toMatchObject({ coversFor: 'nguyen-manh-ha', reason: 'other' });
    expect(events[0]!.id).toMatch(/^msg_[0-9a-f]{32}$/);
  });
});
