/**
 * What every admin page function is given and shares: the language, the session's CSRF token for its forms, the
 * navigation, and a service's refusal in words. Page functions only render: the routes read, call a verb and pass
 * the result here.
 */
import { html } from 'hono/html';
import { formatInstant } from '../../domain/report-document.ts';
import type { Role } from '../../domain/permissions.ts';
import type { Language } from '../../domain/vietnamese.ts';
import { ServiceError } from '../../services/errors.ts';
import { type Markup, translator, withLang } from './layout.ts';

/** The fields of a posted form, strings only. */
export type Form = Record<string, string>;

export interface AdminView {
  language: Language;
  /** The session's CSRF token, carried by every form that posts. */
  csrf: string;
  /** The signed-in account's role: the navigation offers only the pages it reaches. */
  role?: Role | undefined;
}

/** The hidden field every admin form carries. */
export const csrfInput = (view: AdminView): Markup =>
  html`<input type="hidden" name="csrf" value="${view.csrf}">`;

/** A link back to a page, in the view's language. */
export const backLink = (view: AdminView, path: string, text: string): Markup =>
  html`<p><a href="${withLang(path, view.language)}">← ${text}</a></p>`;

/** The admin navigation, with the sign-out form. */
export function adminNav(view: AdminView): Markup {
  const t = translator(view.language);
  const link = (path: string, text: string) =>
    html`<a href="${withLang(path, view.language)}">${text}</a>`;
  const system = view.role === undefined || view.role === 'system-admin';
  const accounts = system || view.role === 'org-admin';
  return html`<nav>${link('/admin', t('Lịch trực', 'Rosters'))}${system ? html` ${link('/admin/import', t('Nhập công văn', 'Import a letter'))} ${link('/admin/holidays', t('Ngày nghỉ lễ', 'Holidays'))} ${link('/admin/feeds', t('Đường liên kết', 'Feed links'))} ${link('/admin/sync', t('Đồng bộ', 'Sync'))} ${link('/admin/notices', t('Thông báo', 'Notices'))} ${link('/admin/audit', t('Nhật ký', 'Audit log'))}` : ''}${accounts ? html` ${link('/admin/accounts', t('Tài khoản', 'Accounts'))}` : ''}</nav>
<form class="inline" method="post" action="${withLang('/admin/logout', view.language)}">${csrfInput(view)}<button class="secondary" type="submit">${t('Đăng xuất', 'Sign out')}</button></form>`;
}

/** A service's refusal in words: the Vietnamese title, the message and the failing fields. */
export function errorBox(error: unknown, language: Language): Markup {
  if (!(error instanceof ServiceError)) throw error;
  const t = translator(language);
  const title =
    error.kind === 'conflict'
      ? t('Xung đột dữ liệu', 'Conflict')
      : error.kind === 'not-found'
        ? t('Không tìm thấy', 'Not found')
        : t('Không lưu được', 'Not saved');
  const fields = error.fields.filter((field) => field.message !== error.message);
  return html`<div class="error" role="alert"><strong>${title}:</strong> ${error.message}${fields.length > 0 ? html`<ul>${fields.map((field) => html`<li>${field.field}: ${field.message}</li>`)}</ul>` : ''}</div>`;
}

/** `2024-05-02T01:00:00.000Z` → `02/05/2024 08:00` (Vietnam time), `—` when it never happened. */
export const instantText = (iso: string | null): string =>
  iso ? formatInstant(iso, 'Asia/Ho_Chi_Minh') : '—';
