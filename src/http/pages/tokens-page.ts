/**
 * API tokens on the admin pages: the tokens of the accounts one manages (one's own, and an admin's accounts), never
 * their secrets; a form to create one; the new secret shown once with a copy button; a confirm step to revoke.
 */
import { html } from 'hono/html';
import type { Account, ApiToken } from '../../storage/account-store.ts';
import type { AccountTokens } from '../../services/list-api-tokens.ts';
import {
  type AdminView,
  backLink,
  csrfInput,
  errorBox,
  type Form,
  fieldError,
  instantText,
} from './admin-view.ts';
import { copyField } from './copy-button.ts';
import { type Markup, translator, withLang } from './layout.ts';

const accountText = (account: Account) => `${account.name} (${account.id})`;

function tokenRow(view: AdminView, account: Account, token: ApiToken): Markup {
  const t = translator(view.language);
  const revoke = withLang(`/admin/accounts/${account.id}/tokens/${token.id}/revoke`, view.language);
  const state = token.revokedAt
    ? `${t('Đã thu hồi', 'Revoked')} ${instantText(token.revokedAt)}`
    : html`<a href="${revoke}">${t('Thu hồi…', 'Revoke…')}</a>`;
  return html`<tr data-token="${token.id}"><td>${accountText(account)}</td><td>${token.label}</td><td>${instantText(token.createdAt)}</td><td>${token.lastUsedAt ? instantText(token.lastUsedAt) : t('Chưa dùng', 'Never')}</td><td>${state}</td></tr>`;
}

function createForm(
  view: AdminView,
  accounts: readonly Account[],
  self: string,
  form: Form,
  error: unknown,
) {
  const t = translator(view.language);
  if (accounts.length === 0)
    return html`<p class="card">${t('Mã quản trị khởi tạo không có tài khoản riêng: hãy tạo một tài khoản ở trang Tài khoản rồi cấp mã cho tài khoản đó.', 'The bootstrap admin token has no account of its own: create an account on the Accounts page, then issue it a token.')}</p>`;
  const chosen = form.accountId ?? self;
  const whom =
    accounts.length === 1
      ? html`<input type="hidden" name="accountId" value="${accounts[0]?.id}">`
      : html`<label>${t('Cấp cho tài khoản', 'For the account')}<select name="accountId">${accounts.map((account) => html`<option value="${account.id}"${account.id === chosen ? ' selected' : ''}>${accountText(account)}</option>`)}</select></label>`;
  return html`<form class="stack card" method="post" action="${withLang('/admin/tokens', view.language)}">${csrfInput(view)}${whom}
<label>${t('Tên gợi nhớ (dùng ở đâu, ví dụ: “Bảng tin phòng Một cửa”)', 'A name (where it is used, e.g. “Front desk display”)')}<input name="label" maxlength="120" required value="${form.label ?? ''}" aria-describedby="error-label">${fieldError(error, 'label', view.language)}</label>
<button type="submit">${t('Tạo mã', 'Create a token')}</button></form>`;
}

export function tokensPage(
  view: AdminView,
  data: {
    groups: readonly AccountTokens[];
    self: string;
    revoked: boolean;
    form: Form;
    error?: unknown;
  },
): Markup {
  const t = translator(view.language);
  const rows = data.groups.flatMap(({ account, tokens }) =>
    tokens.map((token) => tokenRow(view, account, token)),
  );
  const accounts = data.groups
    .map((group) => group.account)
    .filter((account) => !account.disabledAt);
  return html`${data.revoked ? html`<p class="notice" role="status">${t('Đã thu hồi mã; nó không còn dùng được.', 'The token was revoked; it no longer works.')}</p>` : ''}
${data.error ? errorBox(data.error, view.language, { inline: ['label'] }) : ''}
<p>${t('Mã API cho phép một chương trình (bảng tin, phần mềm của cơ quan) dùng giao diện lập trình /api với quyền của tài khoản. Mã bí mật chỉ hiện một lần khi tạo; ở đây chỉ thấy tên, ngày tạo và lần dùng cuối.', 'An API token lets a program (a display, the office’s software) use /api with the account’s role. Its secret is shown once, when it is created; here you see only its name, when it was created and last used.')}</p>
${rows.length > 0 ? html`<div class="scroll"><table><thead><tr><th>${t('Tài khoản', 'Account')}</th><th>${t('Tên', 'Name')}</th><th>${t('Tạo lúc', 'Created')}</th><th>${t('Dùng lần cuối', 'Last used')}</th><th>${t('Trạng thái', 'State')}</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p class="card">${t('Chưa có mã nào.', 'No token yet.')}</p>`}
<h2>${t('Tạo mã mới', 'Create a token')}</h2>
${createForm(view, accounts, data.self, data.form, data.error)}`;
}

/** The new token, shown this once: after this page nobody can read it again, only revoke it. */
export function newTokenPage(
  view: AdminView,
  data: { account: Account; token: ApiToken; secret: string },
): Markup {
  const t = translator(view.language);
  const field = copyField('token-secret', t('Mã bí mật', 'Secret'), data.secret, {
    copy: t('Sao chép', 'Copy'),
    done: t('Đã sao chép', 'Copied'),
  });
  return html`<p class="card"><strong>${data.token.label}</strong> – ${accountText(data.account)}</p>
<p class="notice" role="status">${t('Hãy sao chép mã này ngay: nó chỉ hiện một lần. Tải lại trang sẽ không thấy nó nữa; nếu để mất, hãy thu hồi và tạo mã khác.', 'Copy this token now: it is shown this once. Reloading will not show it again; if it is lost, revoke it and create another.')}</p>
${field}
<p class="muted">${t('Dùng trong tiêu đề', 'Send it as')} <span class="link">Authorization: Bearer …</span></p>
${backLink(view, '/admin/tokens', t('Các mã API', 'API tokens'))}`;
}

export function newTokenGonePage(view: AdminView): Markup {
  const t = translator(view.language);
  return html`<p class="card">${t('Mã mới chỉ hiện một lần, ngay sau khi tạo, trên trình duyệt đã tạo nó. Nếu chưa kịp sao chép, hãy thu hồi mã đó và tạo mã khác.', 'A new token is shown once, right after it is created, in the browser that created it. If it was not copied, revoke it and create another.')}</p>
${backLink(view, '/admin/tokens', t('Các mã API', 'API tokens'))}`;
}

export function confirmRevokeTokenPage(
  view: AdminView,
  data: { account: Account; token: ApiToken },
): Markup {
  const t = translator(view.language);
  const { account, token } = data;
  const back = backLink(view, '/admin/tokens', t('Các mã API', 'API tokens'));
  if (token.revokedAt)
    return html`<p class="card">${token.label}: ${t('đã thu hồi', 'already revoked')} ${instantText(token.revokedAt)}.</p>${back}`;
  const action = withLang(`/admin/accounts/${account.id}/tokens/${token.id}/revoke`, view.language);
  return html`<p class="card"><strong>${token.label}</strong> – ${accountText(account)}<br>${t('Tạo lúc', 'Created')} ${instantText(token.createdAt)}; ${t('dùng lần cuối', 'last used')} ${instantText(token.lastUsedAt)}</p>
<p>${t('Mã sẽ bị thu hồi ngay: chương trình đang dùng nó sẽ bị từ chối từ lần gọi tiếp theo. Không hoàn tác được.', 'The token is revoked at once: a program using it is refused from its next call. This cannot be undone.')}</p>
<form method="post" action="${action}">${csrfInput(view)}
<div class="buttons"><button class="danger" type="submit">${t('Thu hồi', 'Revoke')}</button>
<a class="button secondary" href="${withLang('/admin/tokens', view.language)}">${t('Huỷ', 'Cancel')}</a></div></form>`;
}
