/**
 * Google's per-user write quota as the stand-in enforces it (write-quota.ts): event inserts, updates, patches,
 * deletes and ACL changes by one principal, every call inside a batch counted; the write over the quota is answered
 * 429 rateLimitExceeded, without Retry-After, as Google does.
 */
import { errorResponse } from './google-http.ts';
import { createWriteQuota, type WriteQuota } from './write-quota.ts';

export { mostInAnyMinute, type QuotaWrite } from './write-quota.ts';
export type GoogleQuota = WriteQuota;

export function createGoogleQuota(writesPerMinute: number, now: () => number): GoogleQuota {
  return createWriteQuota(writesPerMinute, now, () =>
    errorResponse(429, {
      domain: 'usageLimits',
      reason: 'rateLimitExceeded',
      message: 'Rate Limit Exceeded',
    }),
  );
}
