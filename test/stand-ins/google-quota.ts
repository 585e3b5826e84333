/**
 * Google's per-user write quota as the stand-in enforces it: at most `writesPerMinute` writes (event inserts,
 * updates, patches, deletes, ACL changes; every call inside a batch counts) by one principal in any 60 seconds of
 * the stand-in's clock, sliding. The write over the quota is answered 429 rateLimitExceeded and does not count.
 * Every accepted write is logged with its time and the date of the event it wrote, so a test can check a window
 * never held more than the budget and which dates went first. Time-scaled: the clock is the test's.
 */
import { type ApiResponse, errorResponse } from './google-http.ts';

export interface QuotaWrite {
  at: number;
  principal: string;
  method: string;
  path: string;
  /** The event's date (YYYY-MM-DD) for inserts and updates, when the body says it. */
  date: string | null;
}

export interface GoogleQuota {
  /** Writes per minute per principal; Infinity to only log. */
  writesPerMinute: number;
  readonly writes: readonly QuotaWrite[];
  /** When writes were refused (429). */
  readonly refusals: readonly number[];
  /** Null when the write may go (and logs it); the 429 to answer otherwise. */
  admit(
    principal: string,
    request: { method: string; path: string; body: string },
  ): ApiResponse | null;
}

export function createGoogleQuota(writesPerMinute: number, now: () => number): GoogleQuota {
  const writes: QuotaWrite[] = [];
  const refusals: number[] = [];
  const recent = new Map<string, number[]>();
  const quota: GoogleQuota = {
    writesPerMinute,
    writes,
    refusals,
    admit(principal, { method, path, body }) {
      if (method === 'GET') return null;
      const at = now();
      const times = (recent.get(principal) ?? []).filter((time) => time > at - 60_000);
      if (times.length >= quota.writesPerMinute) {
        recent.set(principal, times);
        refusals.push(at);
        return errorResponse(429, {
          domain: 'usageLimits',
          reason: 'rateLimitExceeded',
          message: 'Rate Limit Exceeded',
        });
      }
      times.push(at);
      recent.set(principal, times);
      writes.push({ at, principal, method, path, date: dateOf(body) });
      return null;
    },
  };
  return quota;
}

function dateOf(body: string): string | null {
  const match = /"start"\s*:\s*\{[^}]*"dateTime"\s*:\s*"(\d{4}-\d{2}-\d{2})/.exec(body);
  return match?.[1] ?? null;
}

/** The most writes by one principal inside any 60 seconds (a window (t − 60 s, t]). */
export function mostInAnyMinute(writes: readonly QuotaWrite[]): number {
  let most = 0;
  for (const principal of new Set(writes.map((write) => write.principal))) {
    const times = writes
      .filter((write) => write.principal === principal)
      .map((write) => write.at)
      .sort((a, b) => a - b);
    for (let end = 0, start = 0; end < times.length; end++) {
      while (times[start]! <= times[end]! - 60_000) start++;
      most = Math.max(most, end - start + 1);
    }
  }
  return most;
}
