/**
 * API tokens on the admin pages, through the same verbs as /api/accounts/{id}/tokens. A new secret is shown after
 * a redirect (Post/Redirect/Get): it rides once in a short-lived HttpOnly cookie of the browser that created it,
 * scoped to /admin/tokens and cleared by the page that shows it, so it never appears in a URL, a log or the
 * database, and reloading neither shows it again nor creates another token.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { NewApiTokenSchema } from '../../domain/account-schema.ts';
import { requireManagedAccount } from '../../services/account-access.ts';
import { notFound, ServiceError } from '../../services/errors.ts';
import { API_TOKEN_PREFIX, issueApiToken } from '../../services/issue-api-token.ts';
import { listApiTokens } from '../../services/list-api-tokens.ts';
import { revokeApiToken } from '../../services/revoke-api-token.ts';
import { sha256Hex } from '../../services/secrets.ts';
import type { HonoEnv } from '../env.ts';
import type { Form } from '../pages/admin-view.ts';
import { translator, withLang } from '../pages/layout.ts';
import {
  confirmRevokeTokenPage,
  newTokenGonePage,
  newTokenPage,
  tokensPage,
} from '../pages/tokens-page.ts';
import { param, parseWith } from '../request.ts';
import { adminCtx, adminPage, adminView, principalOfRequest, readForm } from './admin-auth.ts';

export const adminTokens = new Hono<HonoEnv>();

const NEW_TOKEN_COOKIE = 'lichtruc_new_api_token';
const NEW_TOKEN_PATH = '/admin/tokens';
const SECRET = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

async function render(c: Context<HonoEnv>, form: Form = {}, error?: ServiceError) {
  const view = adminView(c);
  const principal = principalOfRequest(c);
  const groups = await listApiTokens(adminCtx(c), principal);
  const revoked = Boolean(c.req.query('revoked'));
  const body = tokensPage(view, { groups, self: principal.id, revoked, form, error });
  const status = !error ? 200 : error.kind === 'not-found' ? 404 : 422;
  return adminPage(c, translator(view.language)('Mã API', 'API tokens'), body, status);
}

adminTokens.get('/admin/tokens', (c) => render(c));

adminTokens.post('/admin/tokens', async (c) => {
  const form = await readForm(c);
  try {
    const { label } = parseWith(NewApiTokenSchema, { label: form.label ?? '' }, 'the form');
    const accountId = form.accountId || principalOfRequest(c).id;
    const issued = await issueApiToken(adminCtx(c), principalOfRequest(c), accountId, label);
    setCookie(c, NEW_TOKEN_COOKIE, issued.secret, {
      httpOnly: true,
      sameSite: 'Strict',
      path: NEW_TOKEN_PATH,
      secure: c.get('deps').publicUrl.startsWith('https:'),
      maxAge: 600,
    });
    return c.redirect(withLang(`${NEW_TOKEN_PATH}/new`, adminView(c).language), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return render(c, form, error);
  }
});

adminTokens.get('/admin/tokens/new', async (c) => {
  const view = adminView(c);
  const t = translator(view.language);
  const secret = getCookie(c, NEW_TOKEN_COOKIE) ?? '';
  deleteCookie(c, NEW_TOKEN_COOKIE, {
    path: NEW_TOKEN_PATH,
    secure: c.get('deps').publicUrl.startsWith('https:'),
  });
  const found = SECRET.test(secret)
    ? await adminCtx(c).store.accounts.findToken(await sha256Hex(secret))
    : null;
  if (!found) return adminPage(c, t('Mã API mới', 'New API token'), newTokenGonePage(view), 404);
  // Another account signed in on the same browser meanwhile must not read it.
  const account = await requireManagedAccount(adminCtx(c), principalOfRequest(c), found.account.id);
  const body = newTokenPage(view, { account, token: found.token, secret });
  return adminPage(c, t('Mã API mới', 'New API token'), body);
});

/** The account and the token of the path, or the page of a missing one. */
async function tokenOfPath(c: Context<HonoEnv>) {
  const ctx = adminCtx(c);
  const account = await requireManagedAccount(ctx, principalOfRequest(c), param(c, 'accountId'));
  const tokenId = param(c, 'tokenId');
  const token = (await ctx.store.accounts.tokensOf(account.id)).find(({ id }) => id === tokenId);
  if (!token) throw notFound(`token ${tokenId}`);
  return { account, token };
}

adminTokens.get('/admin/accounts/:accountId/tokens/:tokenId/revoke', async (c) => {
  const view = adminView(c);
  const body = confirmRevokeTokenPage(view, await tokenOfPath(c));
  return adminPage(c, translator(view.language)('Thu hồi mã API', 'Revoke an API token'), body);
});

adminTokens.post('/admin/accounts/:accountId/tokens/:tokenId/revoke', async (c) => {
  const { account, token } = await tokenOfPath(c);
  // Revoking twice (a second tab) lands where the first did.
  if (!token.revokedAt)
    await revokeApiToken(adminCtx(c), principalOfRequest(c), account.id, token.id);
  return c.redirect(withLang(`${NEW_TOKEN_PATH}?revoked=1`, adminView(c).language), 303);
});
