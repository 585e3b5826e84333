/** The accounts page: list the accounts one manages, create one, disable one after a confirm step (the API's verbs). */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { NewAccountSchema } from '../../domain/account-schema.ts';
import { listAccounts, requireManagedAccount } from '../../services/account-access.ts';
import { createAccount } from '../../services/create-account.ts';
import { disableAccount } from '../../services/disable-account.ts';
import { ServiceError } from '../../services/errors.ts';
import type { HonoEnv } from '../env.ts';
import { accountsPage, confirmDisablePage, givableRoles } from '../pages/accounts-page.ts';
import { errorBox, type Form } from '../pages/admin-view.ts';
import { type Markup, translator, withLang } from '../pages/layout.ts';
import { param, parseWith } from '../request.ts';
import { adminCtx, adminPage, adminView, principalOfRequest, readForm } from './admin-auth.ts';

export const adminAccounts = new Hono<HonoEnv>();

async function render(
  c: Context<HonoEnv>,
  form: Form,
  notice?: Markup,
  status: 200 | 403 | 404 | 409 | 422 = 200,
) {
  const view = adminView(c);
  const principal = principalOfRequest(c);
  const accounts = await listAccounts(adminCtx(c), principal);
  const body = accountsPage(
    view,
    { accounts, self: principal.id, roles: givableRoles(principal.role), form },
    notice,
  );
  return adminPage(c, translator(view.language)('Tài khoản', 'Accounts'), body, status);
}

adminAccounts.get('/admin/accounts', (c) => render(c, {}));

/** The form's fields as the API's body: empty fields left out, rosters split at commas. */
function accountInput(form: Form) {
  const rosters = (form.rosters ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return parseWith(
    NewAccountSchema,
    {
      id: form.id?.trim(),
      name: form.name,
      role: form.role,
      ...(form.organisationId?.trim() ? { organisationId: form.organisationId.trim() } : {}),
      rosters,
      ...(form.password ? { password: form.password } : {}),
      ...(form.email?.trim() ? { email: form.email.trim() } : {}),
    },
    'the account',
  );
}

adminAccounts.post('/admin/accounts', async (c) => {
  const form = await readForm(c);
  const t = translator(adminView(c).language);
  try {
    const input = accountInput(form);
    await createAccount(adminCtx(c), principalOfRequest(c), input, c.get('deps').passwordPepper);
    const notice = html`<p class="notice" role="status">${t('Đã tạo tài khoản', 'Account created')} ${input.id}.</p>`;
    return render(c, {}, notice);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const status = error.kind === 'forbidden' ? 403 : error.kind === 'conflict' ? 409 : 422;
    const { password: _omitted, ...kept } = form;
    return render(c, kept, errorBox(error, adminView(c).language), status);
  }
});

adminAccounts.get('/admin/accounts/:accountId/disable', async (c) => {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const account = await requireManagedAccount(ctx, principalOfRequest(c), param(c, 'accountId'));
  const title = translator(view.language)('Khoá tài khoản', 'Disable an account');
  return adminPage(c, title, confirmDisablePage(view, account));
});

adminAccounts.post('/admin/accounts/:accountId/disable', async (c) => {
  await disableAccount(adminCtx(c), principalOfRequest(c), param(c, 'accountId'));
  return c.redirect(withLang('/admin/accounts', adminView(c).language), 303);
});
