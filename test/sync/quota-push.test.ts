/**
 * The quota-aware push against the Google stand-in (a per-user write quota) and the Graph stand-in (writes per app
 * and mailbox, each `$batch` item counted, 429 with Retry-After), time-scaled: the service, the stand-in and the
 * write budget share the test's clock, and every wait of the sync moves that clock instead of sleeping. A first push
 * of several rosters through the official client must never go over the budget in any 60 seconds, put the next 30
 * days of every roster in place before anything later, resume after a restart without a burst, and slow down on 429.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { NEAR_DAYS } from '../../src/domain/push-order.ts';
import type { ProviderName } from '../../src/providers/calendar-provider.ts';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import type { PushProgress } from '../../src/services/push-progress.ts';
import { mostInAnyMinute } from '../stand-ins/write-quota.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { QUOTA_TODAY as TODAY, type QuotaPush, startQuotaPush } from '../support/quota-push.ts';

const BUDGET = 60;

let fixture: QuotaPush;

afterEach(async () => {
  await fixture?.close();
});

/** Drains as the worker does (one drain after another while the outbox holds work), at most `runs` times. */
async function drainUntilEmpty(runs = 50) {
  for (let run = 0; run < runs; run++) {
    await drainOutbox(fixture.deps);
    if ((await fixture.deps.store.sync.pendingRosters()).length === 0) return run + 1;
  }
  throw new Error('the outbox never emptied');
}

const writes = () => fixture.quota.writes;
const refused = () => fixture.quota.refusals.length;
const isNear = (date: string | null) =>
  date !== null && date >= TODAY && date <= addDays(TODAY, NEAR_DAYS - 1);

describe.each<ProviderName>(['google', 'outlook'])(
  'a first push to %s under a write budget',
  (provider) => {
    it('never writes more than the budget in any 60 seconds, and puts the next 30 days of every roster first', async () => {
      fixture = await startQuotaPush(provider, BUDGET, BUDGET);
      await drainUntilEmpty();
      const all = writes();
      expect(all.length).toBeGreaterThan(4 * 200);
      expect(mostInAnyMinute(all)).toBe(BUDGET);
      expect(refused()).toBe(0);
      const near = all.filter((write) => isNear(write.date));
      const lastNear = all.lastIndexOf(near.at(-1)!);
      const firstLater = all.findIndex((write) => write.date !== null && !isNear(write.date));
      expect(lastNear).toBeLessThan(firstLater);
      // Every roster has its 30 days in place before any roster gets anything later.
      const nearCalendars = new Set(near.map((write) => fixture.calendarOf(write.path)));
      expect(nearCalendars.size).toBe(4);
      // At the budget the push takes as long as it must, and no longer: one budget a minute.
      const minutes = (all.at(-1)!.at - all[0]!.at) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(Math.floor(all.length / BUDGET) - 1);
      expect(minutes).toBeLessThanOrEqual(Math.ceil(all.length / BUDGET) + 1);
    });

    it('resumes after a restart where it stopped, counting the writes made just before it', async () => {
      fixture = await startQuotaPush(provider, BUDGET, BUDGET);
      fixture.deps.runLimitMs = 3 * 60_000;
      await drainOutbox(fixture.deps);
      const before = writes().length;
      expect(before).toBeGreaterThanOrEqual(3 * BUDGET);
      expect(await fixture.deps.store.sync.pendingRosters()).toHaveLength(4);
      // The sync page says how far it has come and how long the rest takes at the budget.
      const { body } = await fixture.service.json<{ progress: PushProgress }>(
        'GET',
        '/api/sync/status',
        200,
      );
      const total = before + body.progress.remainingWrites;
      expect(body.progress).toEqual({
        nearPercent: 100,
        horizonPercent: Math.floor((before / total) * 100),
        remainingWrites: total - before,
        minutesLeft: Math.ceil((total - before) / BUDGET),
      });
      const { signIn, page } = pagesOf(() => fixture.service);
      const { cookie } = await signIn();
      const line = /<p class="card" id="push-progress">([^<]*)<\/p>/.exec(
        (await page('GET', '/admin/sync?lang=en', { cookie })).html,
      )![1];
      expect(line).toBe(
        `Next 30 days: 100 % of rosters; whole horizon: ${body.progress.horizonPercent} % · about ${body.progress.minutesLeft} min left (${total - before} writes)`,
      );

      fixture.restart();
      fixture.deps.runLimitMs = undefined;
      await drainUntilEmpty();
      expect(mostInAnyMinute(writes())).toBe(BUDGET);
      expect(refused()).toBe(0);
      // Nothing written twice: the second process went on from the records.
      const events = fixture.eventCounts();
      expect(new Set(events).size).toBe(1);
      expect(writes().length).toBe(events[0]! * 4);
    });

    it('slows down on 429 and climbs back once the service allows more', async () => {
      // The service allows a third of what lichtruc was told, for the first ten minutes.
      fixture = await startQuotaPush(provider, BUDGET / 3, BUDGET);
      const { quota } = fixture;
      const started = fixture.service.ctx.now().getTime();
      const sleep = fixture.deps.sleep;
      fixture.deps.sleep = async (ms) => {
        await sleep(ms);
        if (fixture.service.ctx.now().getTime() - started >= 10 * 60_000)
          quota.writesPerMinute = BUDGET;
      };
      await drainUntilEmpty();
      const all = writes();
      const restoredAt = started + 10 * 60_000;
      // The first contact with the lower limit refuses what one batch carried over it; after that halving keeps
      // lichtruc under the limit, and it probes upwards again about once a minute: a few refusals (at most two per
      // minute), not a storm, while it still uses most of what the service allows.
      expect(refused()).toBeGreaterThan(0);
      const firstContact = quota.refusals.filter((at) => at < quota.refusals[0]! + 1000).length;
      expect(firstContact).toBeLessThanOrEqual(fixture.deps.providers[provider]!.maxBatch);
      expect(refused() - firstContact).toBeLessThanOrEqual(2 * 10);
      const throttled = all.filter((write) => write.at < restoredAt);
      expect(throttled.length).toBeGreaterThanOrEqual(0.75 * (BUDGET / 3) * 10);
      expect(mostInAnyMinute(all.filter((write) => write.at < restoredAt))).toBeLessThanOrEqual(
        BUDGET / 3,
      );
      // Recovery: back at the full budget once the service allows it.
      expect(mostInAnyMinute(all.filter((write) => write.at >= restoredAt + 10 * 60_000))).toBe(
        BUDGET,
      );
      const [budget] = await fixture.deps.store.budgets.all();
      expect(budget!.state.rate).toBe(BUDGET);
    });
  },
);
