/**
 * An OAuth 2.0 token endpoint asked with one form POST, the access token cached until a minute before it expires.
 * Google's JWT-bearer grant and Microsoft's client-credentials grant differ only in the form they send and the words
 * of their refusal.
 */
import { ProviderError } from './calendar-provider.ts';

export interface TokenSource {
  token(): Promise<string>;
  /** Forget the cached token (after a 401, a fresh grant tells whether the credentials still work). */
  invalidate(): void;
}

export interface TokenGrant {
  url: string;
  /** The form to POST, built fresh for each grant (a JWT assertion carries the time). */
  form(nowMs: number): Promise<Record<string, string>>;
  /** Who answers, for messages: "Google's token service". */
  service: string;
  /** The message for a refused grant, given the service's own reason: what to fix, in words an admin can act on. */
  refused(reason: string): string;
}

export function createTokenSource(
  grant: TokenGrant,
  fetchImpl: typeof fetch,
  now: () => Date,
): TokenSource {
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
        response = await fetchImpl(grant.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(await grant.form(nowMs)),
        });
      } catch (error) {
        throw new ProviderError('retryable', `${grant.service} did not answer (${String(error)})`);
      }
      const body = (await response.json().catch(() => ({}))) as {
        access_token?: string;
        expires_in?: number;
        error?: string;
        error_description?: string;
      };
      if (response.status >= 500 || response.status === 429)
        throw new ProviderError(
          'retryable',
          `${grant.service} is unavailable (${response.status})`,
          { status: response.status },
        );
      if (!response.ok || !body.access_token) {
        const reason = (body.error_description ?? body.error ?? String(response.status)).split(
          '\n',
        )[0]!;
        throw new ProviderError('credentials', grant.refused(reason), { status: response.status });
      }
      cached = { token: body.access_token, expiresAt: nowMs + (body.expires_in ?? 3600) * 1000 };
      return cached.token;
    },
  };
}
