/** The accounts an admin manages: role, organisation, rosters, state; a form to create one; disable (confirmed). */
import { html } from 'hono/html';
import { ROLES, type Role } from '../../domain/permissions.ts';
import type { Account } from '../../storage/account-store.ts';
import { type AdminView, csrfInput, type Form, instantText } from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';

export function roleText(role: Role, view: AdminView): string {
  const t = translator(view.language);
  const words: Record<Role, string> = {
    'system-admin': t('Quản trị hệ thống', 'System admin'),
    'org-admin': t('Quản trị cơ quan', 'Organisation admin'),
    'roster-manager': t('Cán bộ quản lý lịch trực', 'Roster manager'),
    viewer: t('Chỉ xem', 'Viewer'),
  };
  return words[role];
}

function accountRow(view: AdminView, account: Account, self: string): Markup {
  const t = translator(view.language);
  const confirm = withLang(`/admin/accounts/${account.id}/disable`, view.language);
  // One's own account: its password is changed on "Đổi mật khẩu" (with the current one), and it is never disabled.
  const actions =
    account.disabledAt || account.id === self
      ? ''
      : html`<a href="${withLang(`/admin/accounts/${account.id}/password`, view.language)}">${t('Đặt lại mật khẩu', 'Reset the password')}</a>
<a href="${withLang(`/admin/accounts/${account.id}/email`, view.language)}">${t('E-mail', 'E-mail')}</a>
<a class="button danger" href="${confirm}">${t('Khoá', 'Disable')}</a>`;
  const state = account.disabledAt
    ? `${t('Đã khoá', 'Disabled')} ${instantText(account.disabledAt)}`
    : t('Đang dùng', 'Active');
  return html`<tr data-account="${account.id}"><td>${account.id}</td><td>${account.name}</td><td>${roleText(account.role, view)}</td>
<td>${account.organisationId ?? '—'}</td><td>${account.rosters.join(', ')}</td><td>${account.email ?? '—'}</td><td>${state}</td><td>${actions}</td></tr>`;
}

export function accountsPage(
  view: AdminView,
  data: { accounts: readonly Account[]; self: string; roles: readonly Role[]; form: Form },
  notice?: Markup,
): Markup {
  const t = translator(view.language);
  const { form } = data;
  const field = (name: string) => form[name] ?? '';
  return html`${notice ?? ''}
<div class="scroll"><table><thead><tr><th>${t('Mã', 'Id')}</th><th>${t('Tên', 'Name')}</th><th>${t('Vai trò', 'Role')}</th><th>${t('Cơ quan', 'Organisation')}</th><th>${t('Lịch trực', 'Rosters')}</th><th>${t('E-mail', 'E-mail')}</th><th>${t('Trạng thái', 'State')}</th><th></th></tr></thead>
<tbody>${data.accounts.map((account) => accountRow(view, account, data.self))}</tbody></table></div>
<h2>${t('Tạo tài khoản', 'Create an account')}</h2>
<form class="stack card" method="post" action="${withLang('/admin/accounts', view.language)}">${csrfInput(view)}
<label>${t('Mã tài khoản (chữ thường, gạch nối)', 'Account id (lower case, hyphens)')}<input name="id" value="${field('id')}" required></label>
<label>${t('Họ tên', 'Name')}<input name="name" value="${field('name')}" required></label>
<label>${t('Vai trò', 'Role')}<select name="role">${data.roles.map((role) => html`<option value="${role}"${field('role') === role ? ' selected' : ''}>${roleText(role, view)}</option>`)}</select></label>
<label>${t('Cơ quan (để trống: cơ quan của bạn)', 'Organisation (empty: yours)')}<input name="organisationId" value="${field('organisationId')}"></label>
<label>${t('Lịch trực quản lý (cách nhau bởi dấu phẩy)', 'Rosters managed (comma-separated)')}<input name="rosters" value="${field('rosters')}"></label>
<label>${t('E-mail (nhận liên kết đăng nhập; không bắt buộc)', 'E-mail (gets sign-in links; optional)')}<input type="email" name="email" value="${field('email')}"></label>
<label>${t('Mật khẩu (ít nhất 12 ký tự)', 'Password (at least 12 characters)')}<input type="password" name="password" autocomplete="new-password"></label>
<button type="submit">${t('Tạo', 'Create')}</button></form>`;
}

/** The roles a principal of `role` may give. */
export const givableRoles = (role: Role): readonly Role[] =>
  role === 'system-admin' ? ROLES : ROLES.filter((candidate) => candidate !== 'system-admin');

/** The confirm step of disabling an account: what it ends at once (no page turns an account back on). */
export function confirmDisablePage(view: AdminView, account: Account): Markup {
  const t = translator(view.language);
  const back = withLang('/admin/accounts', view.language);
  if (account.disabledAt)
    return html`<p class="card">${account.id}: ${t('đã khoá', 'already disabled')} ${instantText(account.disabledAt)}.</p>
<p><a href="${back}">${t('Các tài khoản', 'Accounts')}</a></p>`;
  const action = withLang(`/admin/accounts/${account.id}/disable`, view.language);
  return html`<p class="card"><strong>${account.name}</strong> (${account.id}) – ${roleText(account.role, view)}</p>
<p>${t('Tài khoản bị khoá ngay: mọi phiên đăng nhập và mã API của tài khoản này bị từ chối từ lần dùng tiếp theo. Không mở khoá lại được trên trang này.', 'The account is disabled at once: every session and API token of it is refused from its next use. No page turns it back on.')}</p>
<form method="post" action="${action}">${csrfInput(view)}
<div class="buttons"><button class="danger" type="submit">${t('Khoá', 'Disable')}</button>
<a class="button secondary" href="${back}">${t('Huỷ', 'Cancel')}</a></div></form>`;
}
