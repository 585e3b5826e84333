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
