/** The accounts an admin manages: role, organisation, rosters, state; a form to create one; disable. */
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
  const action = withLang(`/admin/accounts/${account.id}/disable`, view.language);
  // One's own account: its password is changed on "Đổi mật khẩu" (with the current one), and it is never disabled.
  const actions =
    account.disabledAt || account.id === self
      ? ''
      : html`<a href="${withLang(`/admin/accounts/${account.id}/password`, view.language)}">${t('Đặt lại mật khẩu', 'Reset the password')}</a>
<form class="inline" method="post" action="${action}">${csrfInput(view)}<button class="danger" type="submit">${t('Khoá', 'Disable')}</button></form>`;
  const state = account.disabledAt
    ? `${t('Đã khoá', 'Disabled')} ${instantText(account.disabledAt)}`
    : t('Đang dùng', 'Active');
  return html`<tr data-account="${account.id}"><td>${account.id}</td><td>${account.name}</td><td>${roleText(account.role, view)}</td>
<td>${account.organisationId ?? '—'}</td><td>${account.rosters.join(', ')}</td><td>${state}</td><td>${actions}</td></tr>`;
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
<div class="scroll"><table><thead><tr><th>${t('Mã', 'Id')}</th><th>${t('Tên', 'Name')}</th><th>${t('Vai trò', 'Role')}</th><th>${t('Cơ quan', 'Organisation')}</th><th>${t('Lịch trực', 'Rosters')}</th><th>${t('Trạng thái', 'State')}</th><th></th></tr></thead>
<tbody>${data.accounts.map((account) => accountRow(view, account, data.self))}</tbody></table></div>
<h2>${t('Tạo tài khoản', 'Create an account')}</h2>
<form class="stack card" method="post" action="${withLang('/admin/accounts', view.language)}">${csrfInput(view)}
<label>${t('Mã tài khoản (chữ thường, gạch nối)', 'Account id (lower case, hyphens)')}<input name="id" value="${field('id')}" required></label>
<label>${t('Họ tên', 'Name')}<input name="name" value="${field('name')}" required></label>
<label>${t('Vai trò', 'Role')}<select name="role">${data.roles.map((role) => html`<option value="${role}"${field('role') === role ? ' selected' : ''}>${roleText(role, view)}</option>`)}</select></label>
<label>${t('Cơ quan (để trống: cơ quan của bạn)', 'Organisation (empty: yours)')}<input name="organisationId" value="${field('organisationId')}"></label>
<label>${t('Lịch trực quản lý (cách nhau bởi dấu phẩy)', 'Rosters managed (comma-separated)')}<input name="rosters" value="${field('rosters')}"></label>
<label>${t('Mật khẩu (ít nhất 12 ký tự)', 'Password (at least 12 characters)')}<input type="password" name="password" autocomplete="new-password"></label>
<button type="submit">${t('Tạo', 'Create')}</button></form>`;
}

/** The roles a principal of `role` may give. */
export const givableRoles = (role: Role): readonly Role[] =>
  role === 'system-admin' ? ROLES : ROLES.filter((candidate) => candidate !== 'system-admin');
