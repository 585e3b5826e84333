/**
 * The API tokens a principal may see, by account: their own first, then those of the accounts they manage (an
 * organisation admin's organisation, every account for a system admin). Never a secret: only hashes are stored.
 */
import type { Principal } from '../domain/permissions.ts';
import type { Account, ApiToken } from '../storage/account-store.ts';
import { listAccounts } from './account-access.ts';
import type { ServiceContext } from './context.ts';

export interface AccountTokens {
  account: Account;
  tokens: ApiToken[];
}

export async function listApiTokens(
  ctx: ServiceContext,
  principal: Principal,
): Promise<AccountTokens[]> {
  const accounts = await listAccounts(ctx, principal);
  const ordered = [
    ...accounts.filter((account) => account.id === principal.id),
    ...accounts.filter((account) => account.id !== principal.id),
  ];
  return Promise.all(
    ordered.map(async (account) => ({
      account,
      tokens: await ctx.store.accounts.tokensOf(account.id),
    })),
  );
}
