/**
 * Passwords on the admin pages: an account changes its own (its other sessions end, this one stays), and an admin
 * sets another account's (all its sessions end). The same verbs and strength rule as account creation.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { PasswordChangeSchema, PasswordResetSchema } from '../../domain/account-schema.ts';
import { BOOTSTRAP_ADMIN } from '../../domain/permissions.ts';
import { requireManagedAccount } from '../../services/account-access.ts';
import { changePassword } from '../../services/change-password.ts';
import { ServiceError } from '../../services/errors.ts';
import { RateLimited } from '../../services/rate-limit.ts';
import { resetPassword } from '../../services/reset-password.ts';
import type { HonoEnv } from '../env.ts';
import { translator, withLang } from '../pages/layout.ts';
import { type PasswordPageData, passwordPage, resetPasswordPage } from '../pages/password-page.ts';
import { param, parseWith } from '../request.ts';
import {
  adminCtx,
  adminPage,
  adminView,
  principalOfRequest,
  readForm,
  retryMinutes,
  sessionOfRequest,
} from './admin-auth.ts';

export const adminPasswords = new Hono<HonoEnv>();

const STATUS = { conflict: 409, 'not-found': 404 } as const;
const statusOf = (error: ServiceError) => STATUS[error.kind as keyof typeof STATUS] ?? 422;

function ownPage(
  c: Context<HonoEnv>,
  data: Partial<PasswordPageData>,
  status: 200 | 409 | 422 | 429 = 200,
) {
  const view = adminView(c);
  const bootstrap = principalOfRequest(c).id === BOOTSTRAP_ADMIN.id;
  const body = passwordPage(view, { bootstrap, done: false, ...data });
  return adminPage(c, translator(view.language)('Đổi mật khẩu', 'Change password'), body, status);
}

adminPasswords.get('/admin/password', (c) => ownPage(c, { done: Boolean(c.req.query('done')) }));

adminPasswords.post('/admin/password', async (c) => {
  const form = await readForm(c);
  const t = translator(adminView(c).language);
  try {
    const { current, password, repeat } = form;
    const input = parseWith(PasswordChangeSchema, { current, password, repeat }, 'the form');
    await changePassword(adminCtx(c), principalOfRequest(c), input, {
      pepper: c.get('deps').passwordPepper,
      keepSessionHash: sessionOfRequest(c).tokenHash,
    });
    return c.redirect(withLang('/admin/password?done=1', adminView(c).language), 303);
  } catch (error) {
    if (error instanceof RateLimited) {
      const minutes = retryMinutes(c, error);
      const refusal = t(
        `Đã nhập sai mật khẩu hiện tại quá nhiều lần; hãy thử lại sau ${minutes} phút.`,
        `Too many wrong current passwords; try again in ${minutes} minutes.`,
      );
      return ownPage(c, { refusal }, 429);
    }
    if (!(error instanceof ServiceError)) throw error;
    return ownPage(c, { error }, statusOf(error) === 409 ? 409 : 422);
  }
});

async function resetPage(c: Context<HonoEnv>, done: boolean, error?: ServiceError) {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const account = await requireManagedAccount(ctx, principalOfRequest(c), param(c, 'accountId'));
  const body = resetPasswordPage(view, { account, done, error });
  const title = translator(view.language)('Đặt lại mật khẩu', 'Reset a password');
  return adminPage(c, title, body, error ? statusOf(error) : 200);
}

adminPasswords.get('/admin/accounts/:accountId/password', (c) =>
  resetPage(c, Boolean(c.req.query('done'))),
);

adminPasswords.post('/admin/accounts/:accountId/password', async (c) => {
  const form = await readForm(c);
  const accountId = param(c, 'accountId');
  try {
    const input = parseWith(
      PasswordResetSchema,
      { password: form.password, repeat: form.repeat },
      'the form',
    );
    const pepper = c.get('deps').passwordPepper;
    await resetPassword(adminCtx(c), principalOfRequest(c), accountId, input, pepper);
    const done = `/admin/accounts/${accountId}/password?done=1`;
    return c.redirect(withLang(done, adminView(c).language), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return resetPage(c, false, error);
  }
});
