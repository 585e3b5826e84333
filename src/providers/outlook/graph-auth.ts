/**
 * App-only access to Microsoft Graph: the client-credentials grant as one `fetch` POST to
 * `{login base}/{tenant}/oauth2/v2.0/token` (MSAL refuses http authorities and looks up metadata on Microsoft's own
 * host, which neither national clouds' tests nor workerd want).
 */
import { createTokenSource, type TokenSource } from '../oauth-token.ts';

export interface GraphCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. `https://login.microsoftonline.com`. */
  loginBaseUrl: string;
  /** e.g. `https://graph.microsoft.com/v1.0`: its origin gives the `.default` scope. */
  graphBaseUrl: string;
}

export function createGraphTokenSource(
  credentials: GraphCredentials,
  fetchImpl: typeof fetch,
  now: () => Date,
): TokenSource {
  const scope = `${new URL(credentials.graphBaseUrl).origin}/.default`;
  return createTokenSource(
    {
      url: `${credentials.loginBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`,
      form: async () => ({
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        scope,
        grant_type: 'client_credentials',
      }),
      service: "Microsoft's token service",
      refused: (reason) =>
        `Microsoft refused the app ${credentials.clientId} of tenant ${credentials.tenantId} (${reason}): check MS_CLIENT_SECRET (it may have expired or been revoked) and MS_TENANT_ID`,
    },
    fetchImpl,
    now,
  );
}
