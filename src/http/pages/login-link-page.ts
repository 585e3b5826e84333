/** One-time sign-in links: the request form on the sign-in page, its answer, and the page a link opens. */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import { type Markup, page, translator, withLang } from './layout.ts';

/** The form under the password one, shown only when e-mail is configured. */
export function linkRequestForm(language: Language): Markup {
  const t = translator(language);
  return html`<form class="stack card" method="post" action="${withLang('/admin/login/link', language)}">
<h2>${t('Gửi liên kết đăng nhập qua e-mail', 'Send a sign-in link by e-mail')}</h2>
<label>${t('Tài khoản hoặc địa chỉ e-mail', 'Account or e-mail address')}<input name="who" autocomplete="username" required></label>
<button type="submit">${t('Gửi liên kết', 'Send the link')}</button>
</form>`;
}

/** The same words whether or not a link went out: nobody learns here who has an account. */
export function linkSentPage(language: Language, minutes: number) {
  const t = translator(language);
  const body = html`<p class="notice" role="status">${t(
    `Nếu tài khoản tồn tại, đang dùng và có địa chỉ e-mail, một liên kết đăng nhập vừa được gửi đến địa chỉ đó. Liên kết dùng được một lần, trong ${minutes} phút.`,
    `If the account exists, is active and has an e-mail address, a sign-in link has been sent to it. The link works once, for ${minutes} minutes.`,
  )}</p>
<p><a href="${withLang('/admin/login', language)}">${t('Quay lại trang đăng nhập', 'Back to sign-in')}</a></p>`;
  return page({ language, title: t('Đã gửi yêu cầu', 'Request sent'), path: '/admin/login', body });
}

/** What a link opens: one button, so a mail scanner fetching the link signs nobody in. */
export function linkConfirmPage(language: Language, token: string) {
  const t = translator(language);
  const action = withLang(`/admin/login/link/${token}`, language);
  const body = html`<p>${t('Bấm nút dưới đây để đăng nhập trang quản trị lịch trực. Liên kết chỉ dùng được một lần.', 'Press the button below to sign in to the duty roster admin pages. The link works only once.')}</p>
<form method="post" action="${action}">
<button type="submit">${t('Đăng nhập', 'Sign in')}</button></form>`;
  const title = t('Đăng nhập bằng liên kết', 'Sign in with a link');
  return page({ language, title, path: `/admin/login/link/${token}`, body });
}

export function linkRefusedPage(language: Language, refusal: 'unknown' | 'gone') {
  const t = translator(language);
  const why =
    refusal === 'gone'
      ? t(
          'Liên kết đăng nhập này đã hết hạn hoặc đã được dùng. Hãy xin một liên kết mới.',
          'This sign-in link has expired or has been used. Ask for a new one.',
        )
      : t(
          'Không có liên kết đăng nhập này. Hãy kiểm tra lại địa chỉ, hoặc xin một liên kết mới.',
          'There is no such sign-in link. Check the address, or ask for a new one.',
        );
  const body = html`<p class="error" role="alert">${why}</p>
<p><a href="${withLang('/admin/login', language)}">${t('Trang đăng nhập', 'Sign-in page')}</a></p>`;
  return page({
    language,
    title: t('Liên kết không dùng được', 'Link not usable'),
    path: '/admin/login',
    body,
  });
}
