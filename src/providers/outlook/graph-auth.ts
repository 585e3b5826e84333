/**
 * App-only access to Microsoft Graph: the client-credentials grant as one `fetch` POST to
 * `{login base}/{tenant}/oauth2/v2.0/token` (MSAL refuses http authorities and looks up metadata on Microsoft's own
 * host, which neither national clouds' tests nor workerd want), the token cached until shortly before it expires.
 */
import { ProviderError } from '../calendar-provider.ts';

export interface GraphCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. `https://login.microsoftonline.com`. */
  loginBaseUrl: string;
  /** e.g. `https://graph.microsoft.com/v1.0`: its origin gives the `.default` scope. */
  graphBaseUrl: string;
}

export interface GraphTokenSource {
  token(): Promise<string>;
  invalidate(): void;
}

export function createGraphTokenSource(credentials: GraphCredentials, fetchImpl: typeof fetch, now: () => Date): GraphTokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  const url = `${credentials.loginBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
  const scope = `${new URL(credentials.graphBaseUrl).origin}/.default`;
  return {
    invalidate() {
      cached = null;
    },
    async token() {
      const nowMs = now().getTime();
      if (cached && cached.expiresAt - 60_000 > nowMs) return cached.token;
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_id: credentials.clientId, client_secret: credentials.clientSecret, scope, grant_type: 'client_credentials' }),
        });
      } catch (error) {
        throw new ProviderError('retryable', `Microsoft's token service did not answer (${String(error)})`);
      }
      const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
      if (response.status >= 500 || response.status === 429) throw new ProviderError('retryable', `Microsoft's token service is unavailable (${response.status})`, { status: response.status });
      if (!response.ok || !body.access_token) {
        const reason = (body.error_description ?? body.error ?? String(response.status)).split('\n')[0];
        throw new ProviderError('credentials', `Microsoft refused the app ${credentials.clientId} of tenant ${credentials.tenantId} (${reason}): check MS_CLIENT_SECRET (it may have expired or been revoked) and MS_TENANT_ID`, { status: response.status });
      }
      cached = { token: body.access_token, expiresAt: nowMs + (body.expires_in ?? 3600) * 1000 };
      return cached.token;
    },
  };
}
