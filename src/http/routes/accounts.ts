/** Accounts and their API tokens. Who may touch which account is decided by services/account-access.ts. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  AccountEmailChangeSchema,
  NewAccountSchema,
  NewApiTokenSchema,
} from '../../domain/account-schema.ts';
import { listAccounts, requireManagedAccount } from '../../services/account-access.ts';
import { accountView, createAccount } from '../../services/create-account.ts';
import { disableAccount } from '../../services/disable-account.ts';
import { issueApiToken } from '../../services/issue-api-token.ts';
import { revokeApiToken } from '../../services/revoke-api-token.ts';
import { setAccountEmail } from '../../services/set-account-email.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, serviceContext } from '../request.ts';

const TAG = 'Accounts';
export const accounts = new Hono<HonoEnv>();

function principal(c: Context<HonoEnv>) {
  const found = c.get('principal');
  if (!found) throw new Error('account route without a principal');
  return found;
}

accounts.get(
  describe({
    method: 'get',
    path: '/api/accounts',
    summary: 'Accounts you manage',
    tag: TAG,
    responses: { 200: '{ accounts }' },
  }).path,
  async (c) => {
    const all = await listAccounts(serviceContext(c), principal(c));
    return c.json({ accounts: all.map(accountView) });
  },
);

const createAccountRoute = describe({
  method: 'post',
  path: '/api/accounts',
  summary: 'Create an account',
  tag: TAG,
  body: NewAccountSchema,
  responses: { 201: 'Created', 403: 'Not your organisation', 409: 'Id taken', 422: 'Invalid' },
});
accounts.post(createAccountRoute.path, async (c) => {
  const input = await createAccountRoute.body(c);
  const deps = c.get('deps');
  const account = await createAccount(serviceContext(c), principal(c), input, deps.passwordPepper);
  c.header('location', `/api/accounts/${account.id}`);
  return c.json(accountView(account), 201);
});

accounts.get(
  describe({
    method: 'get',
    path: '/api/accounts/{accountId}',
    summary: 'An account and its tokens (never their secrets)',
    tag: TAG,
    responses: { 200: 'The account', 404: 'No such account you manage' },
  }).path,
  async (c) => {
    const ctx = serviceContext(c);
    const account = await requireManagedAccount(ctx, principal(c), param(c, 'accountId'));
    const tokens = await ctx.store.accounts.tokensOf(account.id);
    return c.json({ ...accountView(account), tokens });
  },
);

accounts.delete(
  describe({
    method: 'delete',
    path: '/api/accounts/{accountId}',
    summary: 'Disable an account: its tokens and sessions stop working',
    tag: TAG,
    responses: { 204: 'Disabled', 404: 'No such account you manage', 409: 'Your own account' },
  }).path,
  async (c) => {
    await disableAccount(serviceContext(c), principal(c), param(c, 'accountId'));
    return c.body(null, 204);
  },
);

const setEmailRoute = describe({
  method: 'put',
  path: '/api/accounts/{accountId}/email',
  summary: "Set or remove (null) an account's e-mail address, where sign-in links go",
  tag: TAG,
  body: AccountEmailChangeSchema,
  responses: {
    200: 'The account',
    404: 'No such account you manage',
    409: 'Your own account, or another account has the address',
    422: 'Invalid',
  },
});
accounts.put(setEmailRoute.path, async (c) => {
  const input = await setEmailRoute.body(c);
  const account = await setAccountEmail(
    serviceContext(c),
    principal(c),
    param(c, 'accountId'),
    input,
  );
  return c.json(accountView(account));
});

const issueTokenRoute = describe({
  method: 'post',
  path: '/api/accounts/{accountId}/tokens',
  summary: 'Issue an API token (its secret is shown this once)',
  tag: TAG,
  body: NewApiTokenSchema,
  responses: { 201: '{ token, secret }', 404: 'No such account you manage' },
});
accounts.post(issueTokenRoute.path, async (c) => {
  const { label } = await issueTokenRoute.body(c);
  const issued = await issueApiToken(serviceContext(c), principal(c), param(c, 'accountId'), label);
  c.header('cache-control', 'no-store');
  return c.json(issued, 201);
});

accounts.delete(
  describe({
    method: 'delete',
    path: '/api/accounts/{accountId}/tokens/{tokenId}',
    summary: 'Revoke an API token',
    tag: TAG,
    responses: { 204: 'Revoked', 404: 'No such live token' },
  }).path,
  async (c) => {
    const ctx = serviceContext(c);
    await revokeApiToken(ctx, principal(c), param(c, 'accountId'), param(c, 'tokenId'));
    return c.body(null, 204);
  },
);
