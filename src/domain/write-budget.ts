/**
 * A write budget for one principal (a Google service account, a Graph app on one mailbox): never more than `rate`
 * writes in any 60 seconds, sliding, and a rate that halves on a 429 and climbs back by a tenth of the budget per
 * quiet minute (additive increase, multiplicative decrease).
 *
 * Writes are kept per whole second, stamped with the end of the second in which their request was answered: the
 * service received them before that, so each leaves the window no sooner than 60 s after it really counted there,
 * and a batch admitted at time a (sent at or after a) finds every write the service received in the 60 s before it
 * still counted. The count can only over-estimate; the budget is never exceeded. While a batch is in flight its
 * writes are counted from their admission (so a crash mid-batch leaves them counted), then moved to the answer's
 * second. Times are milliseconds; the caller supplies the clock (this module has none).
 */
export const WINDOW_MS = 60_000;

export interface BudgetState {
  /** Writes allowed per 60 s now: the budget, or less after a 429. */
  rate: number;
  /** [second-end in ms, writes] for the writes of the last 60 s, oldest first. */
  window: [number, number][];
  /** When the rate last changed (a 429, or a step back up). */
  rateChangedAt: number;
}

export const freshBudget = (budget: number, now: number): BudgetState => ({
  rate: budget,
  window: [],
  rateChangedAt: now,
});

const live = (state: BudgetState, now: number) =>
  state.window.filter(([at]) => at > now - WINDOW_MS);

/** Writes counted in the window ending at `now`. */
export function usedAt(state: BudgetState, now: number): number {
  return live(state, now).reduce((sum, [, count]) => sum + count, 0);
}

/**
 * How many of `wanted` writes may go at `now` (at most the rate), and if none, how long until one may: the moment
 * enough of the window's oldest writes have left it.
 */
export function admit(
  state: BudgetState,
  wanted: number,
  now: number,
): { granted: number; waitMs: number } {
  const entries = live(state, now);
  let free = Math.floor(state.rate) - entries.reduce((sum, [, count]) => sum + count, 0);
  if (free > 0) return { granted: Math.min(wanted, free), waitMs: 0 };
  for (const [at, count] of entries) {
    free += count;
    if (free > 0) return { granted: 0, waitMs: at + WINDOW_MS - now + 1 };
  }
  return { granted: 0, waitMs: WINDOW_MS };
}

/** The state after `count` writes at `now`. */
export function spend(state: BudgetState, count: number, now: number): BudgetState {
  const second = Math.ceil(now / 1000) * 1000;
  const window = live(state, now);
  const last = window.at(-1);
  if (last && last[0] === second) window[window.length - 1] = [second, last[1] + count];
  else window.push([second, count]);
  return { ...state, window };
}

/** Moves the `count` writes spent at `spentAt` to `now`, when their request was answered. */
export function settle(
  state: BudgetState,
  count: number,
  spentAt: number,
  now: number,
): BudgetState {
  const second = Math.ceil(spentAt / 1000) * 1000;
  const window = state.window
    .map(([at, n]): [number, number] => (at === second ? [at, Math.max(0, n - count)] : [at, n]))
    .filter(([, n]) => n > 0);
  return spend({ ...state, window }, count, now);
}

/** A 429 (or a rate-limit 403): half the rate, at least one write a minute. */
export function throttle(state: BudgetState, now: number): BudgetState {
  return { ...state, rate: Math.max(1, Math.floor(state.rate / 2)), rateChangedAt: now };
}

/** A minute without a 429 since the last change raises the rate by a tenth of the budget, up to the budget. */
export function recover(state: BudgetState, budget: number, now: number): BudgetState {
  if (state.rate >= budget || now - state.rateChangedAt < WINDOW_MS) return state;
  return {
    ...state,
    rate: Math.min(budget, state.rate + Math.max(1, Math.ceil(budget / 10))),
    rateChangedAt: now,
  };
}
