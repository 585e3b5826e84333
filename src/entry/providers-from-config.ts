/** The calendar providers the configuration enables, the same on Node and on Workers (only `fetch` differs). */
import type { SyncConfig } from '../config.ts';
import type { CalendarProvider, ProviderName } from '../providers/calendar-provider.ts';
import { createGoogleProvider } from '../providers/google/google-provider.ts';
import { createOutlookProvider } from '../providers/outlook/outlook-provider.ts';

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
