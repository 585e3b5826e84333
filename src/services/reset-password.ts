/**
 * An admin sets another account's password (the owner forgot it, or it leaked): a system admin any account, an
 * organisation admin those of their organisation (services/account-access.ts). Every session of the account ends,
 * so a browser signed in with the old password is signed out; its API tokens are the owner's to revoke.
 */
import type { PasswordReset } from '../domain/account-schema.ts';
import type { Principal } from '../domain/permissions.ts';
import { requireManagedAccount } from './account-access.ts';
import { savePassword } from './change-password.ts';
import type { ServiceContext } from './context.ts';
import { conflict } from './errors.ts';
import { hashPassword, requirePepper } from './passwords.ts';

export async function resetPassword(
  ctx: ServiceContext,
  principal: Principal,
  accountId: string,
  input: PasswordReset,
  pepper: string | undefined,
): Promise<void> {
  const account = await requireManagedAccount(ctx, principal, accountId);
  // One's own password needs the current one: a session left open must not be enough to take the account.
  if (account.id === principal.id)
    throw conflict('change your own password with the current one', [], {
      code: 'reset-own-password',
    });
  const hash = await hashPassword(input.password, requirePepper(pepper));
  await savePassword(ctx, account.id, hash, { action: 'password.reset', keepSessionHash: null });
}
