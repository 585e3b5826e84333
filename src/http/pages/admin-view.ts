/**
 * What every admin page function is given and shares: the language, the session's CSRF token for its forms, the
 * navigation, and a service's refusal in words. Page functions only render: the routes read, call a verb and pass
 * the result here.
 */
import { html } from 'hono/html';
import { formatInstant } from '../../domain/report-document.ts';
import type { Role } from '../../domain/permissions.ts';
import type { Language } from '../../domain/vietnamese.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import { ServiceError, type ServiceErrorKind } from '../../services/errors.ts';
import { type Markup, translator, withLang } from './layout.ts';
import { fieldLabel } from './field-labels.ts';
import { fieldText, say, wordsFor } from './messages.ts';

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

/** A GET form drops its action's query: English pages carry `lang` as a field. */
export const langInput = (language: Language): Markup | string =>
  language === 'en' ? html`<input type="hidden" name="lang" value="en">` : '';

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
  return html`<nav>${link('/admin', t('Lịch trực', 'Rosters'))}${system ? html` ${link('/admin/import', t('Nhập công văn', 'Import a letter'))} ${link('/admin/holidays', t('Ngày nghỉ lễ', 'Holidays'))} ${link('/admin/feeds', t('Đường liên kết', 'Feed links'))} ${link('/admin/sync', t('Đồng bộ', 'Sync'))} ${link('/admin/notices', t('Thông báo', 'Notices'))} ${link('/admin/audit', t('Nhật ký', 'Audit log'))}` : ''}${accounts ? html` ${link('/admin/accounts', t('Tài khoản', 'Accounts'))}` : ''} ${link('/admin/tokens', t('Mã API', 'API tokens'))} ${link('/admin/password', t('Đổi mật khẩu', 'Change password'))}</nav>
<form class="inline" method="post" action="${withLang('/admin/logout', view.language)}">${csrfInput(view)}<button class="secondary" type="submit">${t('Đăng xuất', 'Sign out')}</button></form>`;
}

const TITLES: Partial<Record<ServiceErrorKind, [string, string]>> = {
  conflict: ['Xung đột dữ liệu', 'Conflict'],
  'not-found': ['Không tìm thấy', 'Not found'],
  'read-only': ['Chỉ xem được', 'Read-only'],
  'precondition-failed': ['Dữ liệu đã bị người khác thay đổi', 'Changed by someone else'],
};

/**
 * A service's refusal in words: a title, the message, and the failing fields by their labels; the fields a form
 * shows next to their input (`inline`, see fieldError) are left out of the list.
 */
export function errorBox(
  error: unknown,
  language: Language,
  options: { roster?: Roster | undefined; inline?: readonly string[] } = {},
): Markup {
  if (!(error instanceof ServiceError)) throw error;
  const words = wordsFor(options.roster, language);
  const [vi, en] = TITLES[error.kind] ?? ['Không lưu được', 'Not saved'];
  const summary = say(error.code, error.params, words, language, error.message);
  const fields = error.fields.filter(
    (field) => !options.inline?.includes(field.field) && field.code !== error.code,
  );
  return html`<div class="error" role="alert"><strong>${language === 'en' ? en : vi}:</strong> ${summary}${fields.length > 0 ? html`<ul>${fields.map((field) => html`<li>${fieldLabel(field.field, language)}: ${fieldText(field, words, language)}</li>`)}</ul>` : ''}</div>`;
}

/** The problem of one field, shown next to its input (`aria-describedby` names `error-<field>`). */
export function fieldError(
  error: unknown,
  field: string,
  language: Language,
  roster?: Roster,
): Markup | string {
  if (!(error instanceof ServiceError)) return '';
  const problems = error.fields.filter((problem) => problem.field === field);
  if (problems.length === 0) return '';
  const words = wordsFor(roster, language);
  return html`<span class="field-error" id="error-${field}">${problems.map((problem) => fieldText(problem, words, language)).join('; ')}</span>`;
}

/** `2024-05-02T01:00:00.000Z` → `02/05/2024 08:00` (Vietnam time), `—` when it never happened. */
export const instantText = (iso: string | null): string =>
  iso ? formatInstant(iso, 'Asia/Ho_Chi_Minh') : '—';
