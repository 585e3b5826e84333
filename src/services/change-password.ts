/**
 * An account changes its own password: the current one proves the owner is at the keyboard (not someone at a
 * borrowed, still signed-in browser), wrong guesses count against the account like wrong sign-ins, and every other
 * session of the account ends with the change: whoever learnt the old password is signed out everywhere.
 */
import type { PasswordChange } from '../domain/account-schema.ts';
import { BOOTSTRAP_ADMIN, type Principal } from '../domain/permissions.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid, notFound } from './errors.ts';
import { hashPassword, requirePepper, verifyPassword } from './passwords.ts';
import { accountKey, RateLimited, recordFailure, retryAfter } from './rate-limit.ts';

async function checkCurrent(
  ctx: ServiceContext,
  accountId: string,
  current: string,
  stored: string | null,
  pepper: string,
) {
  const keys = [accountKey(accountId)];
  const now = ctx.now();
  const wait = await retryAfter(ctx.store, keys, now);
  if (wait !== null) throw new RateLimited(wait);
  if (stored && (await verifyPassword(current, pepper, stored))) {
    await ctx.store.authFailures.clear(accountKey(accountId));
    return;
  }
  await recordFailure(ctx.store, keys, now);
  const coded = { code: 'wrong-password' };
  const message = 'the current password is wrong';
  throw invalid(message, [{ field: 'current', message, ...coded }], coded);
}

export async function changePassword(
  ctx: ServiceContext,
  principal: Principal,
  input: PasswordChange,
  options: { pepper: string | undefined; keepSessionHash: string | null },
): Promise<void> {
  if (principal.id === BOOTSTRAP_ADMIN.id) {
    const coded = { code: 'bootstrap-no-password' };
    throw invalid('the bootstrap admin token has no password', [], coded);
  }
  const pepper = requirePepper(options.pepper);
  const account = await ctx.store.accounts.get(principal.id);
  if (!account) throw notFound(`account ${principal.id}`);
  await checkCurrent(ctx, account.id, input.current, account.password, pepper);
  const hash = await hashPassword(input.password, pepper);
  await savePassword(ctx, account.id, hash, {
    action: 'password.change',
    keepSessionHash: options.keepSessionHash,
  });
}

/**
 * Stores a new password hash, ends the account's sessions but `keepSessionHash` (null: all of them), and audits
 * `action` (never the password), in one batch: a session cannot outlive the change that should end it.
 */
export async function savePassword(
  ctx: ServiceContext,
  accountId: string,
  hash: string,
  options: { action: 'password.change' | 'password.reset'; keepSessionHash: string | null },
): Promise<void> {
  const audit = { action: options.action, rosterId: null, entity: 'account', entityId: accountId };
  await ctx.store.db.batch([
    ctx.store.accounts.setPassword(accountId, hash),
    ctx.store.sessions.endSessionsOf(accountId, options.keepSessionHash),
    plainAuditStatement(ctx.store.db, audit, stampOf(ctx)),
  ]);
}
