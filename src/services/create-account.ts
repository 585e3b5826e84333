/**
 * Creating an account: a system admin may create any; an organisation admin only accounts of their own
 * organisation, never a system admin. A roster manager's rosters must belong to the account's organisation.
 */
import type { NewAccount } from '../domain/account-schema.ts';
import { managesOrganisation, type Principal } from '../domain/permissions.ts';
import type { Account } from '../storage/account-store.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, forbidden, invalid } from './errors.ts';
import { requireFreeEmail } from './set-account-email.ts';
import { hashPassword, requirePepper } from './passwords.ts';

/** What an account looks like in answers and the audit log: never its password hash. */
export const accountView = ({ password, ...account }: Account) => ({
  ...account,
  hasPassword: password !== null,
});

function organisationOf(principal: Principal, input: NewAccount): string | null {
  if (input.role === 'system-admin') {
    if (principal.role !== 'system-admin')
      throw forbidden('only a system admin may create a system admin');
    return null;
  }
  const organisationId = input.organisationId ?? principal.organisationId;
  if (!organisationId)
    throw invalid('the account needs an organisation', [
      { field: 'organisationId', message: 'required for this role' },
    ]);
  if (!managesOrganisation(principal, organisationId))
    throw forbidden(`you do not manage the accounts of ${organisationId}`, {
      code: 'not-your-organisation',
      params: { organisation: organisationId },
    });
  return organisationId;
}

async function checkRosters(ctx: ServiceContext, organisationId: string, rosters: string[]) {
  for (const [index, rosterId] of rosters.entries()) {
    const stored = await ctx.store.getRoster(rosterId);
    // The same words whether the roster is elsewhere or nowhere: no hint of another organisation's rosters.
    if (stored?.roster.organisation.id !== organisationId)
      throw invalid('a roster of the account is not in its organisation', [
        { field: `rosters.${index}`, message: `no roster ${rosterId} in ${organisationId}` },
      ]);
  }
}

export async function createAccount(
  ctx: ServiceContext,
  principal: Principal,
  input: NewAccount,
  pepper: string | undefined,
): Promise<Account> {
  const organisationId = organisationOf(principal, input);
  const rosters = input.role === 'roster-manager' ? input.rosters : [];
  if (organisationId) await checkRosters(ctx, organisationId, rosters);
  if (input.password !== undefined) requirePepper(pepper);
  if (await ctx.store.accounts.get(input.id)) throw conflict(`account ${input.id} exists`);
  if (input.email !== undefined) await requireFreeEmail(ctx, input.email, input.id);
  const stamp = stampOf(ctx);
  const account: Account = {
    id: input.id,
    name: input.name,
    role: input.role,
    organisationId,
    rosters,
    password:
      input.password !== undefined && pepper ? await hashPassword(input.password, pepper) : null,
    email: input.email ?? null,
    createdAt: stamp.now,
    createdBy: stamp.actor.name,
    disabledAt: null,
  };
  const audit = { action: 'create', rosterId: null, entity: 'account', entityId: account.id };
  await ctx.store.db.batch([
    ctx.store.accounts.insert(account),
    plainAuditStatement(ctx.store.db, { ...audit, after: accountView(account) }, stamp),
  ]);
  return account;
}
