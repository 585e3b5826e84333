/**
 * Slowing down guessing: after FAILURE_LIMIT failed sign-ins or bad tokens within WINDOW_MINUTES, a key (a client
 * address, an account) is refused until its window ends, even with the right secret, so a guesser learns nothing
 * more. A success clears the account's count, never the address's.
 */
import type { Store } from '../storage/store.ts';

export const FAILURE_LIMIT = 10;
export const WINDOW_MINUTES = 15;

export const addressKey = (address: string) => `address:${address}`;
export const accountKey = (accountId: string) => `account:${accountId}`;

const windowOpenedAfter = (now: Date) =>
  new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString();

/** Seconds until the first of `keys` that is over the limit may try again; null when none is. */
export async function retryAfter(
  store: Store,
  keys: readonly string[],
  now: Date,
): Promise<number | null> {
  let longest: number | null = null;
  for (const key of keys) {
    const count = await store.authFailures.current(key, windowOpenedAfter(now));
    if (!count || count.failures < FAILURE_LIMIT) continue;
    const ends = new Date(count.windowStart).getTime() + WINDOW_MINUTES * 60_000;
    const seconds = Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
    longest = Math.max(longest ?? 0, seconds);
  }
  return longest;
}

export async function recordFailure(
  store: Store,
  keys: readonly string[],
  now: Date,
): Promise<void> {
  for (const key of keys)
    await store.authFailures.record(key, now.toISOString(), windowOpenedAfter(now));
}

export class RateLimited extends Error {
  readonly retryAfterSeconds: number;

  constructor(seconds: number) {
    super(`too many failed attempts; try again in ${seconds} seconds`);
    this.retryAfterSeconds = seconds;
  }
}
