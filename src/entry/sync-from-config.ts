/**
 * The calendar push the configuration enables, the same on Node and on Workers (only `fetch` and how long one drain
 * may run differ): its providers, its horizon and the write budget of each principal.
 */
import type { SyncConfig } from '../config.ts';
import type { CalendarProvider, ProviderName } from '../providers/calendar-provider.ts';
import { createGoogleProvider } from '../providers/google/google-provider.ts';
import { createOutlookProvider } from '../providers/outlook/outlook-provider.ts';
import { DEFAULT_BACKOFF } from '../services/backoff.ts';
import type { SyncDeps } from '../services/sync-deps.ts';
import { createWriteBudget } from '../services/write-budget.ts';
import type { Store } from '../storage/store.ts';

/** Undefined when no provider is configured. */
export function syncFromConfig(
  config: SyncConfig,
  options: { store: Store; now: () => Date; fetch: typeof fetch; runLimitMs: number },
): SyncDeps | undefined {
  const { store, now } = options;
  const providers = providersFromConfig(config, options.fetch, now);
  if (Object.keys(providers).length === 0) return undefined;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    store,
    now,
    providers,
    horizon: {
      pastDays: config.LICHTRUC_SYNC_PAST_DAYS,
      futureDays: config.LICHTRUC_SYNC_FUTURE_DAYS,
    },
    backoff: DEFAULT_BACKOFF,
    sleep,
    random: Math.random,
    budget: createWriteBudget(
      { store, now, sleep },
      {
        google: config.LICHTRUC_GOOGLE_WRITES_PER_MINUTE,
        outlook: config.LICHTRUC_GRAPH_WRITES_PER_MINUTE,
      },
    ),
    runLimitMs: options.runLimitMs,
  };
}

export function providersFromConfig(
  config: SyncConfig,
  fetchImpl: typeof fetch,
  now: () => Date,
): Partial<Record<ProviderName, CalendarProvider>> {
  const providers: Partial<Record<ProviderName, CalendarProvider>> = {};
  if (config.GOOGLE_SERVICE_ACCOUNT_KEY) {
    providers.google = createGoogleProvider({
      key: config.GOOGLE_SERVICE_ACCOUNT_KEY,
      rootUrl: config.GOOGLE_API_ROOT_URL,
      fetch: fetchImpl,
      now,
    });
  }
  if (config.MS_TENANT_ID && config.MS_CLIENT_ID && config.MS_CLIENT_SECRET) {
    providers.outlook = createOutlookProvider({
      tenantId: config.MS_TENANT_ID,
      clientId: config.MS_CLIENT_ID,
      clientSecret: config.MS_CLIENT_SECRET,
      graphBaseUrl: config.MS_GRAPH_BASE_URL,
      loginBaseUrl: config.MS_LOGIN_BASE_URL,
      fetch: fetchImpl,
      now,
    });
  }
  return providers;
}
