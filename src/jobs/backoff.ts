/**
 * Waiting before a retry: exponential with full jitter, never shorter than the service's Retry-After, capped so a
 * run never sleeps for long (what is still pending stays in the outbox for the next run).
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, maxAttempts: 6 };

export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  const jittered = Math.round(exponential * random());
  return Math.min(policy.capMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
