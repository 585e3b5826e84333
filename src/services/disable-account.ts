/** Disabling an account: its tokens and sessions stop working at once; the account stays for the audit log. */
import type { Principal } from '../domain/permissions.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { requireManagedAccount } from './account-access.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict } from './errors.ts';

export async function disableAccount(
  ctx: ServiceContext,
  principal: Principal,
  accountId: string,
): Promise<void> {
  const account = await requireManagedAccount(ctx, principal, accountId);
  if (account.id === principal.id) throw conflict('an account cannot disable itself');
  if (account.disabledAt) return;
  const stamp = stampOf(ctx);
  const audit = { action: 'disable', rosterId: null, entity: 'account', entityId: account.id };
  await ctx.store.db.batch([
    ctx.store.accounts.disable(account.id, stamp.now),
    plainAuditStatement(ctx.store.db, audit, stamp),
  ]);
}
