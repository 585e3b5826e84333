/**
 * An admin sets or removes the e-mail address of an account they manage (services/account-access.ts). Sign-in links
 * go to that address, so one's own is set by an admin, never by the session itself: a session left open must not
 * be enough to route the account's sign-in links elsewhere (as with resetting one's own password).
 */
import type { AccountEmailChange } from '../domain/account-schema.ts';
import type { Principal } from '../domain/permissions.ts';
import type { Account } from '../storage/account-store.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { requireManagedAccount } from './account-access.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict } from './errors.ts';

/** An address belongs to one account per deployment: another account's is a 409 naming the field. */
export async function requireFreeEmail(
  ctx: ServiceContext,
  email: string,
  accountId: string,
): Promise<void> {
  const holder = await ctx.store.accounts.findByEmail(email);
  if (holder && holder.id !== accountId)
    throw conflict('another account has this e-mail address', [
      { field: 'email', message: 'already the address of another account', code: 'email-taken' },
    ]);
}

export async function setAccountEmail(
  ctx: ServiceContext,
  principal: Principal,
  accountId: string,
  input: AccountEmailChange,
): Promise<Account> {
  const account = await requireManagedAccount(ctx, principal, accountId);
  if (account.id === principal.id)
    throw conflict('an admin sets the e-mail address of your own account', [], {
      code: 'own-email',
    });
  if (input.email !== null) await requireFreeEmail(ctx, input.email, account.id);
  if (account.email === input.email) return account;
  const stamp = stampOf(ctx);
  const audit = { action: 'email.change', rosterId: null, entity: 'account', entityId: account.id };
  await ctx.store.db.batch([
    ctx.store.accounts.setEmail(account.id, input.email),
    plainAuditStatement(
      ctx.store.db,
      { ...audit, before: { email: account.email }, after: { email: input.email } },
      stamp,
    ),
  ]);
  return { ...account, email: input.email };
}
