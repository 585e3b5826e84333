/**
 * Graph's throttling of one app on one mailbox as the stand-in enforces it (write-quota.ts): writes (POST, PATCH,
 * DELETE) per app and mailbox, each request inside a `$batch` counted on its own (Graph evaluates batch items
 * individually); the write over the quota is answered 429 ApplicationThrottled with `Retry-After` (the seconds until
 * a write may go again), inside a `$batch` as that item's answer. The principal is `{clientId}/{mailbox id}`, so a
 * mailbox named by UPN or by id counts once.
 */
import { errorResponse } from './graph-http.ts';
import { createWriteQuota, type WriteQuota } from './write-quota.ts';

export type GraphQuota = WriteQuota;

export function createGraphQuota(writesPerMinute: number, now: () => number): GraphQuota {
  return createWriteQuota(writesPerMinute, now, (seconds) =>
    errorResponse(
      429,
      'ApplicationThrottled',
      'Application is over its MailboxConcurrency limit.',
      { 'retry-after': String(seconds) },
    ),
  );
}

/** The mailbox a request under `/v1.0/users/{key}/…` writes to, as its key was sent (decoded), or null. */
export function mailboxKeyOf(path: string): string | null {
  const [, , users, key] = path.split('/');
  return users === 'users' && key ? decodeURIComponent(key) : null;
}
