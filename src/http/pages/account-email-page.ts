/** An admin sets or removes the e-mail address of an account they manage: where its sign-in links go. */
import { html } from 'hono/html';
import type { Account } from '../../storage/account-store.ts';
import { type AdminView, csrfInput, errorBox } from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';

export function accountEmailPage(
  view: AdminView,
  data: { account: Account; typed?: string | undefined; done: boolean; error?: unknown },
): Markup {
  const t = translator(view.language);
  const { account } = data;
  const action = withLang(`/admin/accounts/${account.id}/email`, view.language);
  const done = data.done
    ? html`<p class="notice" role="status">${t('Đã lưu địa chỉ e-mail.', 'The e-mail address is saved.')}</p>`
    : '';
  return html`${done}${data.error ? errorBox(data.error, view.language) : ''}
<p class="card"><strong>${account.name}</strong> (${account.id})</p>
<p>${t('Liên kết đăng nhập một lần được gửi đến địa chỉ này. Để trống để xoá địa chỉ.', 'One-time sign-in links go to this address. Leave it empty to remove it.')}</p>
<form class="stack card" method="post" action="${action}">${csrfInput(view)}
<label>${t('Địa chỉ e-mail', 'E-mail address')}<input type="email" name="email" value="${data.typed ?? account.email ?? ''}" autocomplete="off"></label>
<div class="buttons"><button type="submit">${t('Lưu', 'Save')}</button>
<a class="button secondary" href="${withLang('/admin/accounts', view.language)}">${t('Các tài khoản', 'Accounts')}</a></div></form>`;
}
