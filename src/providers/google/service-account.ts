/**
 * Google service-account authentication done by hand with Web Crypto: sign an RS256 JWT, POST it to the key's own
 * `token_uri` (google-auth-library ignores it, and it is how tests and private endpoints are reached), cache the
 * access token until shortly before it expires. Runs in Node and in workerd alike.
 */
import * as z from 'zod';
import { ProviderError } from '../calendar-provider.ts';

export const ServiceAccountKeySchema = z.object({
  type: z.literal('service_account', { error: 'must be a service account key (type "service_account")' }),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY', { message: 'must hold a PEM private key' }),
  private_key_id: z.string().optional(),
  token_uri: z.url().default('https://oauth2.googleapis.com/token'),
});

export type ServiceAccountKey = z.infer<typeof ServiceAccountKeySchema>;

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';

export interface TokenSource {
  token(): Promise<string>;
  /** Forget the cached token (after a 401, a fresh grant tells whether the key still works). */
  invalidate(): void;
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const encodeJson = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

async function importKey(pem: string) {
  const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
  return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

export async function signAssertion(key: ServiceAccountKey, nowSeconds: number, subject?: string): Promise<string> {
  const header = encodeJson({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) });
  const claims = encodeJson({ iss: key.client_email, scope: CALENDAR_SCOPE, aud: key.token_uri, iat: nowSeconds, exp: nowSeconds + 3600, ...(subject ? { sub: subject } : {}) });
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', await importKey(key.private_key), new TextEncoder().encode(`${header}.${claims}`));
  return `${header}.${claims}.${base64url(new Uint8Array(signature))}`;
}

export function createTokenSource(key: ServiceAccountKey, fetchImpl: typeof fetch, now: () => Date, subject?: string): TokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    invalidate() {
      cached = null;
    },
    async token() {
      const nowMs = now().getTime();
      if (cached && cached.expiresAt - 60_000 > nowMs) return cached.token;
      let response: Response;
      try {
        response = await fetchImpl(key.token_uri, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await signAssertion(key, Math.floor(nowMs / 1000), subject) }),
        });
      } catch (error) {
        throw new ProviderError('retryable', `Google's token service did not answer (${String(error)})`);
      }
      const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
      if (response.status >= 500 || response.status === 429) throw new ProviderError('retryable', `Google's token service is unavailable (${response.status})`, { status: response.status });
      if (!response.ok || !body.access_token) {
        throw new ProviderError('credentials', `the service account key of ${key.client_email} was refused by Google (${body.error_description ?? body.error ?? response.status}): it may have been revoked or deleted; put a valid key in GOOGLE_SERVICE_ACCOUNT_KEY`, { status: response.status });
      }
      cached = { token: body.access_token, expiresAt: nowMs + (body.expires_in ?? 3600) * 1000 };
      return cached.token;
    },
  };
}
