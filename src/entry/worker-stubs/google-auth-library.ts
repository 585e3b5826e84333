/**
 * `google-auth-library` in the Worker bundle (wrangler.toml aliases the package here). The official calendar client
 * carries it for the credentials it can find by itself (key files, Compute Engine, workload identity), none of which
 * lichtruc uses: it signs its own service-account grant with Web Crypto (src/providers/google/service-account.ts)
 * and hands the client a bearer header per call. The library and what it brings (gcp-metadata, gtoken, jws,
 * json-bigint, bignumber.js) cost the bundle 37 KiB gzip and most of the client's share of start-up.
 *
 * `@googleapis/calendar` builds an `AuthPlus` (a `GoogleAuth`) when it is imported, so `GoogleAuth` can be built;
 * asking it, or any other client, for credentials says why it cannot answer.
 */
const absent = (): never => {
  throw new Error(
    "google-auth-library is not in lichtruc's Worker: it authenticates with its own service-account grant",
  );
};

export class GoogleAuth {
  getClient = absent;
  getCredentials = absent;
  getProjectId = absent;
  getRequestHeaders = absent;
  getAccessToken = absent;
  request = absent;
}

/** Every other client of the library: using one says why it is not there. */
class AbsentClient {
  constructor() {
    absent();
  }
}

export {
  AbsentClient as AwsClient,
  AbsentClient as BaseExternalAccountClient,
  AbsentClient as Compute,
  AbsentClient as DownscopedClient,
  AbsentClient as ExternalAccountClient,
  AbsentClient as IdentityPoolClient,
  AbsentClient as Impersonated,
  AbsentClient as JWT,
  AbsentClient as OAuth2Client,
  AbsentClient as PluggableAuthClient,
  AbsentClient as UserRefreshClient,
};
