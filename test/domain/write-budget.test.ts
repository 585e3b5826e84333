import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDays } from '../../src/domain/dates.ts';
import { nearestFirst, pushBands } from '../../src/domain/push-order.ts';
import type { SyncOp } from '../../src/domain/sync-plan.ts';
import {
  admit,
  type BudgetState,
  freshBudget,
  recover,
  settle,
  spend,
  throttle,
} from '../../src/domain/write-budget.ts';

describe('write budget', () => {
  it('never lets more than the rate through in any 60 s, whatever the pattern of asks and answer delays', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 20_000 }),
            wanted: fc.integer({ min: 1, max: 50 }),
            latencyMs: fc.integer({ min: 0, max: 3_000 }),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        (asks) => {
          let state: BudgetState = freshBudget(60, 0);
          let now = 0;
          const received: number[] = [];
          for (const ask of asks) {
            now += ask.gapMs;
            let verdict = admit(state, ask.wanted, now);
            while (verdict.granted === 0) {
              now += verdict.waitMs;
              verdict = admit(state, ask.wanted, now);
            }
            const at = now;
            state = spend(state, verdict.granted, at);
            // The service receives the writes some time after they were granted, and answers later still.
            for (let i = 0; i < verdict.granted; i++) received.push(at + ask.latencyMs / 2);
            now += ask.latencyMs;
            state = settle(state, verdict.granted, at, now);
          }
          for (const end of received)
            expect(received.filter((t) => t > end - 60_000 && t <= end).length).toBeLessThanOrEqual(
              60,
            );
        },
      ),
      { seed: 12, numRuns: 200 },
    );
  });

  it('grants what is left of the window, then says how long to wait', () => {
    const state = spend(freshBudget(60, 0), 50, 10_500);
    expect(admit(state, 50, 20_000)).toEqual({ granted: 10, waitMs: 0 });
    const full = spend(state, 10, 20_000);
    // The 50 writes of second 11 leave the window once 60 s have passed since the end of that second.
    expect(admit(full, 5, 30_000)).toEqual({ granted: 0, waitMs: 11_000 + 60_000 - 30_000 + 1 });
  });

  it('halves the rate on a 429 and gives back a tenth of the budget per quiet minute', () => {
    let state = throttle(throttle(freshBudget(600, 0), 1_000), 2_000);
    expect(state.rate).toBe(150);
    state = recover(state, 600, 30_000);
    expect(state.rate).toBe(150);
    state = recover(recover(state, 600, 62_000), 600, 70_000);
    expect(state.rate).toBe(210);
    for (let minute = 2; minute < 20; minute++) state = recover(state, 600, minute * 61_000);
    expect(state.rate).toBe(600);
  });
});

describe('push order', () => {
  it('walks the next 30 days, then the days before today, then the rest ahead, covering the horizon once', () => {
    const bands = pushBands('2024-05-02', { pastDays: 30, futureDays: 365 });
    expect(bands).toEqual([
      { from: '2024-05-02', to: '2024-05-31' },
      { from: '2024-04-02', to: '2024-05-01' },
      { from: '2024-06-01', to: '2025-05-02' },
    ]);
    const days = bands.reduce((sum, band) => sum + countDays(band.from, band.to), 0);
    expect(days).toBe(30 + 1 + 365);
    expect(pushBands('2024-05-02', { pastDays: 0, futureDays: 10 })).toEqual([
      { from: '2024-05-02', to: '2024-05-12' },
    ]);
  });

  it('puts the nearest date first, a day ahead before the day as far behind', () => {
    const op = (date: string): SyncOp => ({ type: 'delete', slotKey: date, remoteId: date, date });
    const ordered = nearestFirst(
      ['2024-06-01', '2024-05-01', '2024-05-03', '2024-05-02', '2024-04-30'].map(op),
      '2024-05-02',
    );
    expect(ordered.map((entry) => entry.slotKey)).toEqual([
      '2024-05-02',
      '2024-05-03',
      '2024-05-01',
      '2024-04-30',
      '2024-06-01',
    ]);
  });
});
