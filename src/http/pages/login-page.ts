/** The sign-in page of the admin area, and the page of a refused request (no session, stale form, other site). */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import { page, translator, withLang } from './layout.ts';
import { linkRequestForm } from './login-link-page.ts';

/** The sign-in page; `offerLink` (e-mail configured) adds the form that asks for a one-time link. */
export function loginPage(language: Language, error?: string, offerLink = false) {
  const t = translator(language);
  const action = withLang('/admin/login', language);
  const body = html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form class="stack card" method="post" action="${action}">
<label>${t('Tài khoản', 'Account')}<input name="account" autocomplete="username" required autofocus></label>
<label>${t('Mật khẩu', 'Password')}<input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">${t('Đăng nhập', 'Sign in')}</button>
</form>
${offerLink ? linkRequestForm(language) : ''}
<form class="stack card" method="post" action="${action}">
<h2>${t('Hoặc bằng mã quản trị', 'Or with the admin token')}</h2>
<label>${t('Mã quản trị', 'Admin token')}<input type="password" name="token" autocomplete="off" required></label>
<button type="submit">${t('Đăng nhập', 'Sign in')}</button>
</form>
<p class="muted">${t('Mã quản trị được in ra một lần khi máy chủ khởi động lần đầu (hoặc là LICHTRUC_ADMIN_TOKEN).', 'The admin token is printed once on the first start of the server (or is LICHTRUC_ADMIN_TOKEN).')}</p>`;
  return page({
    language,
    title: t('Đăng nhập quản trị', 'Admin sign-in'),
    path: '/admin/login',
    body,
  });
}

export function refusedPage(language: Language, why: string) {
  const t = translator(language);
  return page({
    language,
    title: t('Yêu cầu bị từ chối', 'Request refused'),
    path: '/admin',
    body: html`<p class="error">${why}</p><p><a href="${withLang('/admin', language)}">${t('Quay lại', 'Back')}</a></p>`,
  });
}
