/** Issuing an API token to an account: the secret is returned once and only its SHA-256 is stored. */
import type { Principal } from '../domain/permissions.ts';
import type { ApiToken } from '../storage/account-store.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { requireManagedAccount } from './account-access.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { randomToken, sha256Hex } from './secrets.ts';

/** Our tokens start with `lt_`, so a leaked one is easy to recognise in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'lt_';

export async function issueApiToken(
  ctx: ServiceContext,
  principal: Principal,
  accountId: string,
  label: string,
): Promise<{ token: ApiToken; secret: string }> {
  const account = await requireManagedAccount(ctx, principal, accountId);
  const stamp = stampOf(ctx);
  const secret = `${API_TOKEN_PREFIX}${randomToken()}`;
  const token: ApiToken = {
    id: crypto.randomUUID(),
    accountId: account.id,
    label,
    createdAt: stamp.now,
    lastUsedAt: null,
    revokedAt: null,
  };
  const audit = { action: 'issue', rosterId: null, entity: 'api-token', entityId: token.id };
  await ctx.store.db.batch([
    ctx.store.accounts.insertToken(token, await sha256Hex(secret)),
    plainAuditStatement(ctx.store.db, { ...audit, after: token }, stamp),
  ]);
  return { token, secret };
}
