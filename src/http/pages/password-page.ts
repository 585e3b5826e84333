/**
 * Passwords on the admin pages: changing one's own (the current one, the new one twice) and an admin setting
 * another account's. Each problem is said next to its field; a password is never written back into a form.
 */
import { html } from 'hono/html';
import type { Account } from '../../storage/account-store.ts';
import { type AdminView, backLink, csrfInput, errorBox, fieldError } from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';

const FIELDS = ['current', 'password', 'repeat'];

function passwordInput(
  view: AdminView,
  error: unknown,
  field: string,
  label: string,
  autocomplete: string,
): Markup {
  return html`<label>${label}<input type="password" name="${field}" autocomplete="${autocomplete}" required maxlength="200" aria-describedby="error-${field}">${fieldError(error, field, view.language)}</label>`;
}

function newPasswordInputs(view: AdminView, error: unknown): Markup {
  const t = translator(view.language);
  return html`${passwordInput(view, error, 'password', t('Mật khẩu mới (ít nhất 12 ký tự)', 'New password (at least 12 characters)'), 'new-password')}
${passwordInput(view, error, 'repeat', t('Nhập lại mật khẩu mới', 'New password again'), 'new-password')}`;
}

export interface PasswordPageData {
  /** The bootstrap admin token has no password to change. */
  bootstrap: boolean;
  done: boolean;
  error?: unknown;
  /** Why the form is refused when it is not a service's refusal (too many wrong tries). */
  refusal?: string | undefined;
}

export function passwordPage(view: AdminView, data: PasswordPageData): Markup {
  const t = translator(view.language);
  if (data.bootstrap)
    return html`<p class="card">${t('Bạn đang đăng nhập bằng mã quản trị khởi tạo, không có mật khẩu. Để đổi mã này, hãy đặt LICHTRUC_ADMIN_TOKEN rồi khởi động lại máy chủ.', 'You are signed in with the bootstrap admin token, which has no password. To change it, set LICHTRUC_ADMIN_TOKEN and restart the server.')}</p>`;
  const { error } = data;
  return html`${data.done ? html`<p class="notice" role="status">${t('Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.', 'The password was changed. The account’s other sessions have ended.')}</p>` : ''}
${data.refusal ? html`<p class="error" role="alert">${data.refusal}</p>` : ''}${error ? errorBox(error, view.language, { inline: FIELDS }) : ''}
<form class="stack card" method="post" action="${withLang('/admin/password', view.language)}">${csrfInput(view)}
${passwordInput(view, error, 'current', t('Mật khẩu hiện tại', 'Current password'), 'current-password')}
${newPasswordInputs(view, error)}
<p class="muted">${t('Sau khi đổi, các trình duyệt khác đang đăng nhập bằng tài khoản này sẽ bị đăng xuất; trình duyệt này vẫn đăng nhập.', 'Other browsers signed in with this account are signed out; this one stays signed in.')}</p>
<button type="submit">${t('Đổi mật khẩu', 'Change password')}</button></form>`;
}

export function resetPasswordPage(
  view: AdminView,
  data: { account: Account; done: boolean; error?: unknown },
): Markup {
  const t = translator(view.language);
  const { account, error } = data;
  const action = withLang(`/admin/accounts/${account.id}/password`, view.language);
  return html`<p class="card"><strong>${account.name}</strong> (${account.id})</p>
${data.done ? html`<p class="notice" role="status">${t('Đã đặt mật khẩu mới; mọi phiên đăng nhập của tài khoản đã kết thúc. Hãy báo mật khẩu cho người dùng qua một kênh riêng.', 'A new password was set; every session of the account has ended. Tell its owner the password over a private channel.')}</p>` : ''}
${error ? errorBox(error, view.language, { inline: FIELDS }) : ''}
<form class="stack card" method="post" action="${action}">${csrfInput(view)}
${newPasswordInputs(view, error)}
<p class="muted">${t('Mọi phiên đăng nhập của tài khoản này sẽ kết thúc; mã API của tài khoản vẫn dùng được (thu hồi ở trang Mã API nếu cần).', 'Every session of this account ends; its API tokens keep working (revoke them on the API tokens page if need be).')}</p>
<button type="submit">${t('Đặt mật khẩu mới', 'Set the new password')}</button></form>
${backLink(view, '/admin/accounts', t('Các tài khoản', 'Accounts'))}`;
}
