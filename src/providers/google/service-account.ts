/**
 * Google service-account authentication done by hand with Web Crypto: sign an RS256 JWT, POST it to the key's own
 * `token_uri` (google-auth-library ignores it, and it is how tests and private endpoints are reached). Runs in Node
 * and in workerd alike.
 */
import * as z from 'zod';
import { createTokenSource, type TokenSource } from '../oauth-token.ts';
import { lazySchema } from '../../domain/lazy.ts';

export const ServiceAccountKeySchema = lazySchema(() =>
  z.object({
    type: z.literal('service_account', {
      error: 'must be a service account key (type "service_account")',
    }),
    client_email: z.email(),
    private_key: z.string().includes('PRIVATE KEY', { message: 'must hold a PEM private key' }),
    private_key_id: z.string().optional(),
    token_uri: z.url().default('https://oauth2.googleapis.com/token'),
  }),
);

export type ServiceAccountKey = z.infer<typeof ServiceAccountKeySchema>;

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
const encodeJson = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

async function importKey(pem: string) {
  const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
  return crypto.subtle.importKey(
    'pkcs8',
    der,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

export async function signAssertion(
  key: ServiceAccountKey,
  nowSeconds: number,
  subject?: string,
): Promise<string> {
  const header = encodeJson({
    alg: 'RS256',
    typ: 'JWT',
    ...(key.private_key_id ? { kid: key.private_key_id } : {}),
  });
  const claims = encodeJson({
    iss: key.client_email,
    scope: CALENDAR_SCOPE,
    aud: key.token_uri,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
    ...(subject ? { sub: subject } : {}),
  });
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    await importKey(key.private_key),
    new TextEncoder().encode(`${header}.${claims}`),
  );
  return `${header}.${claims}.${base64url(new Uint8Array(signature))}`;
}

export function createServiceAccountTokens(
  key: ServiceAccountKey,
  fetchImpl: typeof fetch,
  now: () => Date,
  subject?: string,
): TokenSource {
  return createTokenSource(
    {
      url: key.token_uri,
      form: async (nowMs) => ({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: await signAssertion(key, Math.floor(nowMs / 1000), subject),
      }),
      service: "Google's token service",
      refused: (reason) =>
        `the service account key of ${key.client_email} was refused by Google (${reason}): it may have been revoked or deleted; put a valid key in GOOGLE_SERVICE_ACCOUNT_KEY`,
    },
    fetchImpl,
    now,
  );
}
