/** What the sync jobs need, injected by the entry (real providers, real sleep) or by tests (stand-ins, no sleep). */
import type { CalendarProvider, ProviderName } from '../providers/calendar-provider.ts';
import type { Store } from '../storage/store.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { WriteBudget } from './write-budget.ts';

export interface SyncDeps {
  store: Store;
  now(): Date;
  providers: Partial<Record<ProviderName, CalendarProvider>>;
  /** Days before and after today that pushed calendars show. */
  horizon: { pastDays: number; futureDays: number };
  backoff: BackoffPolicy;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Writes per minute per principal; absent: unlimited (tests that are not about quotas). */
  budget?: WriteBudget | undefined;
  /**
   * A drain stops starting new work after this long (on `now`), leaving the rest in the outbox for the next run, so
   * a long first push never holds back a change made meanwhile; absent: a drain runs until the outbox is empty.
   */
  runLimitMs?: number | undefined;
  /**
   * The longest wait (for the write budget, or a service's Retry-After and backoff) a run sleeps through; a longer one
   * ends the run instead, its writes pending, and the result says how long (`waitMs`). Absent: every wait is slept
   * (Node's in-process worker). A Workers queue consumer sets 0 and retries its message with that delay.
   */
  maxWaitMs?: number | undefined;
  /** One line per roster set aside (its stored definition no longer reads); absent: console.warn. */
  log?: ((line: string) => void) | undefined;
}

export const DEFAULT_HORIZON = { pastDays: 30, futureDays: 365 };
