/**
 * The quota-aware push against the Google stand-in with a per-user write quota, time-scaled: the service, the
 * stand-in and the write budget share the test's clock, and every wait of the sync moves that clock instead of
 * sleeping. A first push of several rosters must never go over the budget in any 60 seconds, put the next 30 days
 * of every roster in place before anything later, resume after a restart without a burst, and slow down on 429.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { NEAR_DAYS } from '../../src/domain/push-order.ts';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { createWriteBudget } from '../../src/services/write-budget.ts';
import type { PushProgress } from '../../src/services/push-progress.ts';
import { mostInAnyMinute } from '../stand-ins/google-quota.ts';
import { pagesOf } from '../support/admin-pages.ts';
import {
  ACCOUNT,
  CALENDAR_ID,
  type GoogleSyncFixture,
  ROSTER_ID,
  startGoogleSync,
} from '../support/google-sync.ts';
import { letterRosterCopy } from '../support/sample.ts';

const BUDGET = 60;
const TODAY = '2024-05-02';
const COPIES = ['ban-1', 'ban-2', 'ban-3'];

let fixture: GoogleSyncFixture;

afterEach(async () => {
  await fixture?.close();
});

/** Four rosters queued for their first push, each to a calendar of its own; waits move the shared clock. */
async function startQuotaPush(writesPerMinute = BUDGET) {
  fixture = await startGoogleSync({ writesPerMinute });
  const { service, standIn, deps } = fixture;
  for (const id of COPIES) {
    const calendarId = `${id}@group.calendar.google.com`;
    standIn.createCalendar({ id: calendarId, writers: [ACCOUNT] });
    await service.json(
      'POST',
      '/api/rosters',
      201,
      letterRosterCopy(id, { publish: { google: { calendarId } } }),
    );
  }
  await deps.store.sync.enqueue(ROSTER_ID, [null], 'test', `${TODAY}T01:00:00Z`);
  deps.sleep = async (ms) => {
    fixture.sleeps.push(ms);
    service.setNow(new Date(service.ctx.now().getTime() + ms).toISOString());
  };
  restart();
  return fixture;
}

/** A new process: a budget object with nothing in memory, over the same database. */
function restart() {
  const { deps } = fixture;
  deps.budget = createWriteBudget(deps, { google: BUDGET });
}

/** Drains as the worker does (one drain after another while the outbox holds work), at most `runs` times. */
async function drainUntilEmpty(runs = 50) {
  for (let run = 0; run < runs; run++) {
    await drainOutbox(fixture.deps);
    if ((await fixture.deps.store.sync.pendingRosters()).length === 0) return run + 1;
  }
  throw new Error('the outbox never emptied');
}

const writes = () => fixture.standIn.quota!.writes;
const refused = () => fixture.standIn.quota!.refusals.length;
const isNear = (date: string | null) =>
  date !== null && date >= TODAY && date <= addDays(TODAY, NEAR_DAYS - 1);

describe('a first push under a write budget', () => {
  it('never writes more than the budget in any 60 seconds, and puts the next 30 days of every roster first', async () => {
    await startQuotaPush();
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
    const nearCalendars = new Set(near.map((write) => write.path.split('/')[4]));
    expect(nearCalendars.size).toBe(4);
    // At the budget the push takes as long as it must, and no longer: one budget a minute.
    const minutes = (all.at(-1)!.at - all[0]!.at) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(Math.floor(all.length / BUDGET) - 1);
    expect(minutes).toBeLessThanOrEqual(Math.ceil(all.length / BUDGET) + 1);
  });

  it('resumes after a restart where it stopped, counting the writes made just before it', async () => {
    await startQuotaPush();
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

    restart();
    fixture.deps.runLimitMs = undefined;
    await drainUntilEmpty();
    expect(mostInAnyMinute(writes())).toBe(BUDGET);
    expect(refused()).toBe(0);
    // Nothing written twice: the second process went on from the records.
    const events = [CALENDAR_ID, ...COPIES.map((id) => `${id}@group.calendar.google.com`)].map(
      (calendarId) => fixture.standIn.events(calendarId).length,
    );
    expect(new Set(events).size).toBe(1);
    expect(writes().length).toBe(events[0]! * 4);
  });

  it('slows down on 429 and climbs back once the service allows more', async () => {
    // The service allows a third of what lichtruc was told, for the first ten minutes.
    await startQuotaPush(BUDGET / 3);
    const quota = fixture.standIn.quota!;
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
    // Halving brings lichtruc under the service's limit, and it probes upwards again about once a minute: a few
    // refusals (at most two per minute), not a storm, while it still uses most of what the service allows.
    expect(refused()).toBeGreaterThan(0);
    expect(refused()).toBeLessThanOrEqual(2 * 10);
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
});
