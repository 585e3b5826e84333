/**
 * The rule that pauses a webhook, as the store applies it in one statement: a day of failures and 5 attempts in a
 * row; a success in between starts over; a weekly endpoint is not paused by its first failure after a quiet week.
 */
import { describe, expect, it } from 'vitest';
import { pauseCutoff, WEBHOOK_PAUSE_MIN_FAILURES } from '../../src/domain/webhook-health.ts';
import { startTestService } from '../support/service.ts';

const HOUR = 3600_000;
const T0 = Date.parse('2026-12-07T02:00:00Z');

async function webhookAt() {
  const { ctx } = await startTestService();
  const store = ctx.store.noticeSettings;
  await store.addWebhook(
    {
      id: 'hook',
      rosterId: 'so-vhttdl-bac-giang',
      url: 'https://hooks.example.com/a',
      events: [],
      createdAt: new Date(T0).toISOString(),
      failingSince: null,
      failures: 0,
      lastError: null,
      disabledAt: null,
    },
    'whsec_test',
  );
  const fail = (hours: number) => {
    const now = new Date(T0 + hours * HOUR);
    return store.recordWebhookResult('hook', {
      ok: false,
      error: `HTTP 500 at ${hours} h`,
      now: now.toISOString(),
      cutoff: pauseCutoff(now),
      minFailures: WEBHOOK_PAUSE_MIN_FAILURES,
    });
  };
  const state = async () => (await store.webhooks('so-vhttdl-bac-giang'))[0]!;
  return { store, fail, state };
}

describe('pausing a webhook', () => {
  it('pauses at the first failure a day after the run began, once 5 attempts failed', async () => {
    const { fail, state } = await webhookAt();
    for (const hours of [0, 1, 2, 3, 4, 5]) expect(await fail(hours)).toBe(false);
    expect(await state()).toMatchObject({
      failures: 6,
      failingSince: '2026-12-07T02:00:00.000Z',
      lastError: 'HTTP 500 at 5 h',
      disabledAt: null,
    });
    expect(await fail(23.9)).toBe(false);
    expect(await fail(24)).toBe(true);
    expect((await state()).disabledAt).toBe('2026-12-08T02:00:00.000Z');
    expect(await fail(25)).toBe(false); // already paused: the pause keeps its first instant
    expect((await state()).disabledAt).toBe('2026-12-08T02:00:00.000Z');
  });

  it('starts over after a success, and needs 5 attempts however long the run', async () => {
    const { store, fail, state } = await webhookAt();
    for (const hours of [0, 1, 2, 3]) await fail(hours);
    await store.recordWebhookResult('hook', { ok: true });
    expect(await state()).toMatchObject({ failures: 0, failingSince: null, lastError: null });
    for (const week of [1, 2, 3]) expect(await fail(week * 168)).toBe(false);
    expect(await fail(4 * 168)).toBe(false); // 4 failures over three weeks: not yet
    expect(await fail(5 * 168)).toBe(true);
  });

  it('turns back on only a paused webhook, forgetting its run', async () => {
    const { store, fail, state } = await webhookAt();
    expect(await store.enableWebhook('so-vhttdl-bac-giang', 'hook')).toBe(false);
    for (const hours of [0, 1, 2, 3, 24]) await fail(hours);
    expect(await store.enableWebhook('other-roster', 'hook')).toBe(false);
    expect(await store.enableWebhook('so-vhttdl-bac-giang', 'hook')).toBe(true);
    expect(await state()).toMatchObject({ disabledAt: null, failures: 0, failingSince: null });
  });
});
