/** The page where an admin sets an account's e-mail address (the API's PUT /api/accounts/{id}/email). */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { AccountEmailChangeSchema } from '../../domain/account-schema.ts';
import { requireManagedAccount } from '../../services/account-access.ts';
import { ServiceError } from '../../services/errors.ts';
import { setAccountEmail } from '../../services/set-account-email.ts';
import type { HonoEnv } from '../env.ts';
import { accountEmailPage } from '../pages/account-email-page.ts';
import { translator, withLang } from '../pages/layout.ts';
import { param, parseWith } from '../request.ts';
import { adminCtx, adminPage, adminView, principalOfRequest, readForm } from './admin-auth.ts';

export const adminAccountEmail = new Hono<HonoEnv>();

const STATUS = { conflict: 409, 'not-found': 404 } as const;

async function emailPage(c: Context<HonoEnv>, typed?: string, error?: ServiceError) {
  const view = adminView(c);
  const account = await requireManagedAccount(
    adminCtx(c),
    principalOfRequest(c),
    param(c, 'accountId'),
  );
  const done = !error && Boolean(c.req.query('done'));
  const body = accountEmailPage(view, { account, typed, done, error });
  const status = error ? (STATUS[error.kind as keyof typeof STATUS] ?? 422) : 200;
  return adminPage(c, translator(view.language)('Địa chỉ e-mail', 'E-mail address'), body, status);
}

adminAccountEmail.get('/admin/accounts/:accountId/email', (c) => emailPage(c));

adminAccountEmail.post('/admin/accounts/:accountId/email', async (c) => {
  const typed = ((await readForm(c)).email ?? '').trim();
  const accountId = param(c, 'accountId');
  try {
    const input = parseWith(AccountEmailChangeSchema, { email: typed || null }, 'the form');
    await setAccountEmail(adminCtx(c), principalOfRequest(c), accountId, input);
    const done = `/admin/accounts/${accountId}/email?done=1`;
    return c.redirect(withLang(done, adminView(c).language), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return emailPage(c, typed, error);
  }
});
