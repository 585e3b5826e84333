/**
 * Which accounts a principal may see and manage: a system admin every one; an organisation admin those of their
 * organisation (never a system admin's); anyone their own. Others are answered as missing, like rosters.
 */
import type { Principal } from '../domain/permissions.ts';
import type { Account } from '../storage/account-store.ts';
import type { ServiceContext } from './context.ts';
import { notFound } from './errors.ts';

export function managesAccount(principal: Principal, account: Account): boolean {
  if (principal.role === 'system-admin' || principal.id === account.id) return true;
  return (
    principal.role === 'org-admin' &&
    account.role !== 'system-admin' &&
    account.organisationId === principal.organisationId
  );
}

export async function requireManagedAccount(
  ctx: ServiceContext,
  principal: Principal,
  accountId: string,
): Promise<Account> {
  const account = await ctx.store.accounts.get(accountId);
  if (!account || !managesAccount(principal, account)) throw notFound(`account ${accountId}`);
  return account;
}

/** The accounts a principal may list: all for a system admin, their organisation's for an organisation admin. */
export async function listAccounts(ctx: ServiceContext, principal: Principal): Promise<Account[]> {
  if (principal.role === 'system-admin') return ctx.store.accounts.list(null);
  const mine = principal.organisationId
    ? await ctx.store.accounts.list(principal.organisationId)
    : [];
  return mine.filter((account) => managesAccount(principal, account));
}
