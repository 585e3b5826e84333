/** What the sync jobs need, injected by the entry (real providers, real sleep) or by tests (stand-ins, no sleep). */
import type { CalendarProvider, ProviderName } from '../providers/calendar-provider.ts';
import type { Store } from '../storage/store.ts';
import type { BackoffPolicy } from './backoff.ts';

export interface SyncDeps {
  store: Store;
  now(): Date;
  providers: Partial<Record<ProviderName, CalendarProvider>>;
  /** Days before and after today that pushed calendars show. */
  horizon: { pastDays: number; futureDays: number };
  backoff: BackoffPolicy;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const DEFAULT_HORIZON = { pastDays: 30, futureDays: 365 };
