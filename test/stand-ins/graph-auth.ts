/**
 * The Microsoft identity platform as far as app-only access goes: the client-credentials grant at
 * `POST /{tenant}/oauth2/v2.0/token` (client secret in the form or as HTTP Basic), answered with a JWT-shaped opaque
 * access token; the check of that token on every Graph call; and which mailboxes an app may open (an Exchange
 * application access policy: every mailbox until the first `grantMailbox`, then only the granted ones).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type ApiRequest, type ApiResponse, GraphApiError } from './graph-http.ts';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GRAPH_RESOURCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'];
const CLIENT_CREDENTIALS = 'client_credentials';

export interface AppRegistration {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

interface App extends AppRegistration {
  revoked: boolean;
  mailboxes: 'all' | Set<string>;
}

interface IssuedToken {
  clientId: string;
  audience: string;
  expiresAt: number;
}

export interface AuthRegistry {
  registerApp(app: AppRegistration): void;
  revokeApp(clientId: string): void;
  issueToken(clientId: string): string;
  expireTokens(clientId?: string): void;
  grantMailbox(clientId: string, mailboxId: string): void;
  mayOpen(clientId: string, mailboxId: string): boolean;
  handleTokenRequest(req: ApiRequest, tenant: string): ApiResponse;
  /** The calling app's client id, or a 401 thrown as GraphApiError. */
  authenticate(authorization: string | undefined): string;
}

/**
 * `ownResource`: the stand-in's origin. It is a Graph deployment of its own, as a national cloud is, so a token asked
 * for `{origin}/.default` (what a client deriving the scope from its Graph base URL asks) is valid on it too.
 */
export function createAuthRegistry(options: {
  now: () => number;
  tokenTtlSeconds: number;
  ownResource: () => string;
}): AuthRegistry {
  const apps = new Map<string, App>();
  const tokens = new Map<string, IssuedToken>();
  const appOf = (clientId: string): App => {
    const app = apps.get(clientId);
    if (!app) throw new Error(`stand-in: no app ${clientId}`);
    return app;
  };
  const issue = (app: App, audience: string): string => {
    const nowSeconds = Math.floor(options.now() / 1000);
    const exp = nowSeconds + options.tokenTtlSeconds;
    const encode = (value: object): string =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      aud: audience,
      iss: `https://sts.windows.net/${app.tenantId}/`,
      iat: nowSeconds,
      nbf: nowSeconds,
      exp,
      appid: app.clientId,
      tid: app.tenantId,
      roles: ['Calendars.ReadWrite'],
      idtyp: 'app',
    };
    const token = `${encode({ typ: 'JWT', alg: 'RS256', kid: 'stand-in' })}.${encode(claims)}.${randomBytes(32).toString('base64url')}`;
    tokens.set(token, { clientId: app.clientId, audience, expiresAt: exp * 1000 });
    return token;
  };

  return {
    registerApp(registration) {
      apps.set(registration.clientId, { ...registration, revoked: false, mailboxes: 'all' });
    },
    revokeApp(clientId) {
      appOf(clientId).revoked = true;
    },
    issueToken: (clientId) => issue(appOf(clientId), GRAPH_RESOURCES[0]!),
    expireTokens(clientId) {
      for (const [token, issued] of tokens)
        if (!clientId || issued.clientId === clientId) tokens.delete(token);
    },
    grantMailbox(clientId, mailboxId) {
      const app = appOf(clientId);
      if (app.mailboxes === 'all') app.mailboxes = new Set();
      app.mailboxes.add(mailboxId);
    },
    mayOpen(clientId, mailboxId) {
      const mailboxes = apps.get(clientId)?.mailboxes;
      return mailboxes === 'all' || Boolean(mailboxes?.has(mailboxId));
    },
    handleTokenRequest(req, tenant) {
      const form = new URLSearchParams(req.body);
      const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const [basicId, basicSecret] = basic
        ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').map(decodeURIComponent)
        : [];
      const clientId = form.get('client_id') ?? basicId;
      const secret = form.get('client_secret') ?? basicSecret;
      if (![...apps.values()].some((app) => app.tenantId.toLowerCase() === tenant.toLowerCase())) {
        return aadError(
          400,
          'invalid_request',
          90002,
          `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        );
      }
      for (const name of ['grant_type', 'client_id', 'scope'] as const) {
        if (!(name === 'client_id' ? clientId : form.get(name))) {
          return aadError(
            400,
            'invalid_request',
            900144,
            `The request body must contain the following parameter: '${name}'.`,
          );
        }
      }
      if (form.get('grant_type') !== CLIENT_CREDENTIALS) {
        return aadError(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${form.get('grant_type')}'.`,
        );
      }
      const app = apps.get(clientId ?? '');
      if (!app || app.tenantId.toLowerCase() !== tenant.toLowerCase()) {
        return aadError(
          400,
          'unauthorized_client',
          700016,
          `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
        );
      }
      if (!secret)
        return aadError(
          401,
          'invalid_client',
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
      if (app.revoked || secret !== app.clientSecret) {
        const hint =
          'Ensure the secret being sent in the request is the client secret value, not the client secret ID';
        return aadError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. ${hint}, for a secret added to app '${app.clientId}'.`,
        );
      }
      const scope = form.get('scope') ?? '';
      const resource = /^(\S+)\/\.default$/.exec(scope)?.[1];
      if (!resource) {
        const why =
          'Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).';
        return aadError(
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${scope} is not valid. ${why}`,
        );
      }
      const body = {
        token_type: 'Bearer',
        expires_in: options.tokenTtlSeconds,
        ext_expires_in: options.tokenTtlSeconds,
        access_token: issue(app, resource),
      };
      return {
        status: 200,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store, no-cache',
        },
        body: JSON.stringify(body),
      };
    },
    authenticate(authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) throw unauthorized('Access token is empty.');
      const issued = tokens.get(token);
      if (!issued || apps.get(issued.clientId)?.revoked)
        throw unauthorized('Access token validation failure.');
      if (![...GRAPH_RESOURCES, options.ownResource()].includes(issued.audience))
        throw unauthorized('Access token validation failure. Invalid audience.');
      if (issued.expiresAt <= options.now())
        throw unauthorized('Lifetime validation failed, the token is expired.');
      return issued.clientId;
    },
  };
}

function unauthorized(message: string): GraphApiError {
  const challenge =
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
  return new GraphApiError(401, 'InvalidAuthenticationToken', message, {
    'www-authenticate': challenge,
  });
}

/** The identity platform's error body: `error`, an `AADSTSnnn:` description with trace ids, and `error_codes`. */
function aadError(status: number, error: string, code: number, description: string): ApiResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = `${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`;
  const body = {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}
