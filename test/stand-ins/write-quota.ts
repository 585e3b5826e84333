/**
 * A per-principal write quota as both stand-ins enforce it (google-quota.ts, graph-quota.ts): at most
 * `writesPerMinute` writes (every request but a GET; every call inside a batch counts) by one principal in any 60
 * seconds of the stand-in's clock, sliding. The write over the quota is refused with the service's answer and does
 * not count. Every accepted write is logged with its time and the date of the event it wrote, so a test can check a
 * window never held more than the budget and which dates went first. Time-scaled: the clock is the test's.
 */
import type { ApiResponse } from './api-message.ts';

export const QUOTA_WINDOW_MS = 60_000;

export interface QuotaWrite {
  at: number;
  principal: string;
  method: string;
  path: string;
  /** The event's date (YYYY-MM-DD) for inserts and updates, when the body says it. */
  date: string | null;
}

export interface WriteQuota {
  /** Writes per minute per principal; Infinity to only log. */
  writesPerMinute: number;
  readonly writes: readonly QuotaWrite[];
  /** When writes were refused. */
  readonly refusals: readonly number[];
  /** Null when the write may go (and logs it); the refusal to answer otherwise. */
  admit(
    principal: string,
    request: { method: string; path: string; body: string },
  ): ApiResponse | null;
}

/** `refuse` builds the service's answer, given the seconds until the principal's oldest counted write leaves. */
export function createWriteQuota(
  writesPerMinute: number,
  now: () => number,
  refuse: (retryAfterSeconds: number) => ApiResponse,
): WriteQuota {
  const writes: QuotaWrite[] = [];
  const refusals: number[] = [];
  const recent = new Map<string, number[]>();
  const quota: WriteQuota = {
    writesPerMinute,
    writes,
    refusals,
    admit(principal, { method, path, body }) {
      if (method === 'GET') return null;
      const at = now();
      const times = (recent.get(principal) ?? []).filter((time) => time > at - QUOTA_WINDOW_MS);
      recent.set(principal, times);
      if (times.length >= quota.writesPerMinute) {
        refusals.push(at);
        return refuse(Math.max(1, Math.ceil((times[0]! + QUOTA_WINDOW_MS - at) / 1000)));
      }
      times.push(at);
      writes.push({ at, principal, method, path, date: dateOf(body) });
      return null;
    },
  };
  return quota;
}

/** Google and Graph both write `"start": { "dateTime": "2024-05-06T07:30:00", … }`. */
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
      while (times[start]! <= times[end]! - QUOTA_WINDOW_MS) start++;
      most = Math.max(most, end - start + 1);
    }
  }
  return most;
}
