/**
 * Google's answers turned into what the sync engine acts on. The words are for the admin reading the sync status:
 * they say what to do, not only what happened.
 */
import { parseRetryAfter } from '../retry-after.ts';
import { ProviderError } from '../calendar-provider.ts';

export interface GoogleFailure {
  status: number;
  reason?: string | undefined;
  message?: string | undefined;
  retryAfter?: string | null | undefined;
}

const RATE_LIMITS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

/** Google's error body: `{"error":{"errors":[{"reason"}],"code","message"}}`. */
export function failureFromBody(
  status: number,
  body: unknown,
  retryAfter?: string | null,
): GoogleFailure {
  const error = (body as { error?: { errors?: { reason?: string }[]; message?: string } } | null)
    ?.error;
  return { status, reason: error?.errors?.[0]?.reason, message: error?.message, retryAfter };
}

export function providerErrorOf(
  failure: GoogleFailure,
  context: { calendarId: string; account: string; now: number },
): ProviderError {
  const { status, reason } = failure;
  const detail = failure.message ? ` (Google: ${failure.message})` : '';
  const retryAfterMs = parseRetryAfter(failure.retryAfter, context.now);
  if (
    status === 429 ||
    status >= 500 ||
    status === 408 ||
    (status === 403 && reason && RATE_LIMITS.has(reason))
  ) {
    return new ProviderError(
      'retryable',
      `Google Calendar is rate-limiting or unavailable (${status}${reason ? ` ${reason}` : ''})`,
      { retryAfterMs, status },
    );
  }
  if (status === 401) {
    return new ProviderError(
      'credentials',
      `Google no longer accepts the service account ${context.account}: its key was probably revoked; put a valid key in GOOGLE_SERVICE_ACCOUNT_KEY${detail}`,
      { status },
    );
  }
  if (status === 403 || status === 404) {
    return new ProviderError(
      'not-shared',
      `calendar ${context.calendarId} is not shared with the service account ${context.account} (or does not exist): share it with "Make changes to events"${detail}`,
      { status },
    );
  }
  return new ProviderError(
    'rejected',
    `Google refused a write (${status}${reason ? ` ${reason}` : ''})${detail}`,
    { status },
  );
}
