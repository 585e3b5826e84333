/**
 * A roster's members: who they are, how the calendars reach them, how many live feed links they have; for a roster
 * created over the API, the forms to add, edit and remove a member, each naming the version it was read at.
 */
import { html } from 'hono/html';
import type { Member, Roster } from '../../domain/roster-schema.ts';
import { type Language, memberName } from '../../domain/vietnamese.ts';
import { ServiceError } from '../../services/errors.ts';
import type { FeedRecord, StoredRoster } from '../../storage/records.ts';
import { type AdminView, csrfInput, errorBox, type Form, fieldError } from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';

const roleText = (role: Member['role'], language: Language) =>
  translator(language)(
    role === 'primary' ? 'Trực chính' : 'Trực dự bị',
    role === 'primary' ? 'Primary' : 'Backup',
  );

/** A refusal in words; a stale form (the roster changed since the page was read) says so plainly. */
function refusal(error: unknown, language: Language, roster: Roster): Markup {
  const t = translator(language);
  if (error instanceof ServiceError && error.kind === 'precondition-failed') {
    return html`<div class="error" role="alert"><strong>${t('Không lưu được', 'Not saved')}:</strong> ${t('lịch trực đã được người khác thay đổi sau khi trang này được mở. Trang dưới đây là bản mới nhất: kiểm tra lại rồi thực hiện lại thay đổi.', 'the roster was changed by someone else after this page was opened. Below is its latest version: check it, then make your change again.')}</div>`;
  }
  return errorBox(error, language, { roster, inline: MEMBER_FIELDS });
}

const MEMBER_FIELDS = [
  'id',
  'fullName',
  'title',
  'unit',
  'email',
  'googleAccount',
  'outlookAddress',
  'phone',
];

/** A member's fields; `problem` puts a refused form's problems next to their inputs. */
function memberFields(
  language: Language,
  member: Partial<Record<keyof Member, string>>,
  withId: boolean,
  problem: (name: string) => Markup | string = () => '',
): Markup {
  const t = translator(language);
  const text = (name: keyof Member, label: string, type = 'text', required = false) =>
    html`<label>${label}<input type="${type}" name="${name}" maxlength="200"${required ? ' required' : ''} value="${member[name] ?? ''}">${problem(name)}</label>`;
  return html`${withId ? html`<label>${t('Mã (để trống: tạo từ họ tên)', 'Id (empty: made from the full name)')}<input name="id" maxlength="64" pattern="[a-z0-9]+(-[a-z0-9]+)*" value="${member.id ?? ''}">${problem('id')}</label>` : ''}
<label>${t('Danh xưng', 'Honorific')}<select name="honorific">${(['Ông', 'Bà'] as const).map((value) => html`<option value="${value}"${member.honorific === value ? ' selected' : ''}>${value}</option>`)}</select></label>
${text('fullName', t('Họ và tên', 'Full name'), 'text', true)}
${text('title', t('Chức danh', 'Title'), 'text', true)}
${text('unit', t('Đơn vị', 'Unit'), 'text', true)}
<label>${t('Vị trí', 'Role')}<select name="role">${(['primary', 'backup'] as const).map((value) => html`<option value="${value}"${member.role === value ? ' selected' : ''}>${roleText(value, language)}</option>`)}</select></label>
${text('email', 'E-mail', 'email')}
${text('googleAccount', t('Tài khoản Google', 'Google account'), 'email')}
${text('outlookAddress', t('Địa chỉ Outlook', 'Outlook address'), 'email')}
${text('phone', t('Điện thoại', 'Phone'), 'tel')}`;
}

export interface MembersPageData {
  stored: StoredRoster;
  /** The roster's version, carried by every form as If-Match. */
  etag: string;
  feeds: readonly FeedRecord[];
  saved: boolean;
  error?: unknown;
  form: Form;
}

export function membersPage(view: AdminView, data: MembersPageData) {
  const { language } = view;
  const t = translator(language);
  const { stored, form } = data;
  const roster: Roster = stored.roster;
  const id = stored.id;
  const feeds = data.feeds;
  const problem = (name: string) => fieldError(data.error, name, language, roster);
  const feedCount = (memberId: string) => feeds.filter((feed) => feed.memberId === memberId).length;
  const editable = stored.origin === 'api';
  const base = `/admin/rosters/${id}/members`;
  const ifMatch = html`<input type="hidden" name="ifMatch" value="${data.etag}">`;
  const contacts = (member: Member) =>
    [
      member.email,
      member.googleAccount && `Google: ${member.googleAccount}`,
      member.outlookAddress && `Outlook: ${member.outlookAddress}`,
      member.phone,
    ].filter(Boolean);
  const { saved, error } = data;
  const body = html`<p>${roster.name}</p>
${error ? refusal(error, language, roster) : ''}
${saved && !error ? html`<p class="notice" role="status">${t('Đã lưu thay đổi.', 'The change was saved.')}</p>` : ''}
<div class="buttons"><a class="button secondary" href="${withLang(`/admin/rosters/${id}`, language)}">${t('Lịch tháng', 'Month')}</a>
<a class="button secondary" href="${withLang('/admin/feeds', language)}">${t('Đường liên kết', 'Feed links')}</a></div>
${editable ? '' : html`<p class="card" role="note">${t(`Lịch trực này được khai báo trong tệp ${stored.sourcePath ?? ''} (thư mục calendars/) nên chỉ xem được ở đây: muốn thêm, sửa hay bớt người, hãy sửa tệp đó rồi áp dụng lại (khởi động lại máy chủ, hoặc triển khai lại trên Workers). Ngày vắng, phân công thay và đổi ca vẫn nhập được trên các trang này.`, `This roster is defined by the file ${stored.sourcePath ?? ''} (in calendars/), so it is read-only here: to add, edit or remove a member, edit that file and apply it again (restart the server, or redeploy on Workers). Absences, overrides and swaps can still be entered on these pages.`)}</p>`}
<div class="scroll"><table class="members"><thead><tr><th>${t('Họ và tên', 'Name')}</th><th>${t('Chức danh', 'Title')}</th><th>${t('Đơn vị', 'Unit')}</th><th>${t('Vị trí', 'Role')}</th><th>${t('Liên hệ', 'Contact')}</th><th>${t('Đường liên kết', 'Feed links')}</th></tr></thead>
<tbody>${roster.members.map(
    (
      member,
    ) => html`<tr data-member="${member.id}"><td>${memberName(member, language)}<div class="muted">${member.id}</div></td><td>${member.title}</td><td>${member.unit}</td><td>${roleText(member.role, language)}</td>
<td>${contacts(member).map((line) => html`<div>${line}</div>`)}</td><td>${feedCount(member.id)}</td></tr>`,
  )}</tbody></table></div>
${
  editable
    ? html`<h2>${t('Thêm người', 'Add a member')}</h2>
<form class="stack card" method="post" action="${withLang(base, language)}">${csrfInput(view)}${ifMatch}
${form.intent === 'add' ? memberFields(language, form, true, problem) : memberFields(language, {}, true)}<input type="hidden" name="intent" value="add">
<button type="submit">${t('Thêm', 'Add')}</button></form>
<h2>${t('Sửa hoặc bớt người', 'Edit or remove a member')}</h2>
${roster.members.map(
  (member) => html`<details class="card"><summary>${memberName(member, language)}</summary>
<form class="stack" method="post" action="${withLang(`${base}/${member.id}`, language)}">${csrfInput(view)}${ifMatch}
${form.intent === 'edit' && form.memberId === member.id ? memberFields(language, form, false, problem) : memberFields(language, member as Partial<Record<keyof Member, string>>, false)}<input type="hidden" name="intent" value="edit"><input type="hidden" name="memberId" value="${member.id}">
<button type="submit">${t('Lưu', 'Save')}</button></form>
<div class="buttons"><a class="button danger" href="${withLang(`${base}/${member.id}/delete?ifMatch=${encodeURIComponent(data.etag)}`, language)}">${t('Bớt người này…', 'Remove this member…')}</a></div></details>`,
)}`
    : ''
}`;
  return body;
}

/** The confirm step of removing a member, carrying the version the members page was read at. */
export function removeMemberPage(
  view: AdminView,
  data: { rosterId: string; member: Member; ifMatch: string },
) {
  const { language } = view;
  const t = translator(language);
  const base = `/admin/rosters/${data.rosterId}/members`;
  return html`<p class="card"><strong>${memberName(data.member, language)}</strong> – ${data.member.title}, ${data.member.unit}</p>
<p>${t('Bớt người này khỏi lịch trực? Các đường liên kết riêng của người này sẽ không còn ca trực nào của lịch này.', 'Remove this member from the roster? Their own feed links will no longer show duty of this roster.')}</p>
<form method="post" action="${withLang(`${base}/${data.member.id}/delete`, language)}">${csrfInput(view)}<input type="hidden" name="ifMatch" value="${data.ifMatch}">
<div class="buttons"><button class="danger" type="submit">${t('Bớt người này', 'Remove this member')}</button>
<a class="button secondary" href="${withLang(base, language)}">${t('Huỷ', 'Cancel')}</a></div></form>`;
}
