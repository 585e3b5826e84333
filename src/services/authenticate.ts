/**
 * Who sends a request: the bootstrap admin token (system admin), or an account's API token, checked against the
 * rate limit of the client's address. A bad token counts against that address.
 */
import { BOOTSTRAP_ADMIN, type Principal } from '../domain/permissions.ts';
import type { Account } from '../storage/account-store.ts';
import type { Store } from '../storage/store.ts';
import { addressKey, RateLimited, recordFailure, retryAfter } from './rate-limit.ts';
import { matchesHash, sha256Hex } from './secrets.ts';

export const principalOf = (account: Account): Principal => ({
  id: account.id,
  role: account.role,
  organisationId: account.organisationId,
  rosters: account.role === 'roster-manager' ? account.rosters : [],
});

export interface Credentials {
  store: Store;
  adminTokenHash: string;
  now: Date;
  address: string;
}

/**
 * The principal of a bearer token; null for a missing or bad one (only a bad one counts as a failure, so a client
 * that forgot the header is not locked out). Throws RateLimited when the address is over the limit.
 */
export async function authenticateToken(
  credentials: Credentials,
  token: string | undefined,
): Promise<Principal | null> {
  const { store, now } = credentials;
  const keys = [addressKey(credentials.address)];
  if (!token) return null;
  const wait = await retryAfter(store, keys, now);
  if (wait !== null) throw new RateLimited(wait);
  if (await matchesHash(token, credentials.adminTokenHash)) return BOOTSTRAP_ADMIN;
  const found = await store.accounts.findToken(await sha256Hex(token));
  if (!found) {
    await recordFailure(store, keys, now);
    return null;
  }
  await store.accounts.touchToken(found.token.id, now.toISOString());
  return principalOf(found.account);
}
