/** Revoking an account's API token: it stops working at once; the record stays, with when it was last used. */
import type { Principal } from '../domain/permissions.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { requireManagedAccount } from './account-access.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { notFound } from './errors.ts';

export async function revokeApiToken(
  ctx: ServiceContext,
  principal: Principal,
  accountId: string,
  tokenId: string,
): Promise<void> {
  const account = await requireManagedAccount(ctx, principal, accountId);
  const tokens = await ctx.store.accounts.tokensOf(account.id);
  if (!tokens.some((token) => token.id === tokenId && token.revokedAt === null))
    throw notFound(`live token ${tokenId}`);
  const stamp = stampOf(ctx);
  const audit = { action: 'revoke', rosterId: null, entity: 'api-token', entityId: tokenId };
  await ctx.store.db.batch([
    ctx.store.accounts.revokeToken(account.id, tokenId, stamp.now),
    plainAuditStatement(ctx.store.db, audit, stamp),
  ]);
}
