/**
 * The admin page of a roster's members: who they are, how the calendars reach them, and how many live feed links
 * they have. An API-managed roster is edited here through editRoster, each form naming the version it was read at
 * (If-Match), so a stale form is refused in words; a roster defined by a file is read-only (edit the file).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { type Member, MemberSchema, type Roster } from '../../domain/roster-schema.ts';
import { type Language, memberName } from '../../domain/vietnamese.ts';
import { notFound, ServiceError } from '../../services/errors.ts';
import { editRoster, rosterEtag } from '../../services/roster-definitions.ts';
import { requireRoster } from '../../services/roster-state.ts';
import type { StoredRoster } from '../../storage/records.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, type Markup, translator, withLang } from '../pages/layout.ts';
import { param, parseWith, serviceContext } from '../request.ts';
import { errorBox } from './admin.ts';
import { adminPage, csrfField, type Form, readForm, sessionOfRequest } from './admin-auth.ts';
import { slugOf } from '../../domain/schema-primitives.ts';

export const adminMembers = new Hono<HonoEnv>();

const langOf = (c: Context<HonoEnv>): Language => languageOf(c.req.query('lang'));
const ctxOf = (c: Context<HonoEnv>) => serviceContext(c, sessionOfRequest(c).actor);

const roleText = (role: Member['role'], language: Language) =>
  translator(language)(
    role === 'primary' ? 'Trực chính' : 'Trực dự bị',
    role === 'primary' ? 'Primary' : 'Backup',
  );

/** A refusal in words; a stale form (the roster changed since the page was read) says so plainly. */
function refusal(error: unknown, language: Language): Markup {
  const t = translator(language);
  if (error instanceof ServiceError && error.kind === 'precondition-failed') {
    return html`<div class="error" role="alert"><strong>${t('Không lưu được', 'Not saved')}:</strong> ${t('lịch trực đã được người khác thay đổi sau khi bạn mở trang này. Trang dưới đây là bản mới nhất: kiểm tra lại rồi thực hiện lại thay đổi.', 'the roster was changed by someone else after you opened this page. Below is its latest version: check it, then make your change again.')}
<div class="muted">${error.message}</div></div>`;
  }
  return errorBox(error, language);
}

/** A member from a form, validated by the API's schema; empty optional fields are left out. */
function memberOf(form: Form, id: string): Member {
  const optional = (value: string | undefined) =>
    value && value.trim() !== '' ? value.trim() : undefined;
  return parseWith(
    MemberSchema,
    {
      id,
      honorific: form.honorific,
      fullName: optional(form.fullName),
      title: optional(form.title),
      unit: optional(form.unit),
      role: form.role,
      email: optional(form.email),
      googleAccount: optional(form.googleAccount),
      outlookAddress: optional(form.outlookAddress),
      phone: optional(form.phone),
    },
    'the member',
  );
}

function memberFields(
  language: Language,
  member: Partial<Record<keyof Member, string>>,
  withId: boolean,
): Markup {
  const t = translator(language);
  const text = (name: keyof Member, label: string, type = 'text', required = false) =>
    html`<label>${label}<input type="${type}" name="${name}" maxlength="200"${required ? ' required' : ''} value="${member[name] ?? ''}"></label>`;
  return html`${withId ? html`<label>${t('Mã (để trống: tạo từ họ tên)', 'Id (empty: made from the full name)')}<input name="id" maxlength="64" pattern="[a-z0-9]+(-[a-z0-9]+)*" value="${member.id ?? ''}"></label>` : ''}
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

async function membersPage(c: Context<HonoEnv>, error?: unknown, form: Form = {}) {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const id = param(c, 'id');
  const stored: StoredRoster = await requireRoster(ctx, id);
  const roster: Roster = stored.roster;
  const feeds = (await ctx.store.feeds.list({ rosterId: id })).filter((feed) => !feed.revokedAt);
  const feedCount = (memberId: string) => feeds.filter((feed) => feed.memberId === memberId).length;
  const editable = stored.origin === 'api';
  const base = `/admin/rosters/${id}/members`;
  const ifMatch = html`<input type="hidden" name="ifMatch" value="${rosterEtag(stored)}">`;
  const contacts = (member: Member) =>
    [
      member.email,
      member.googleAccount && `Google: ${member.googleAccount}`,
      member.outlookAddress && `Outlook: ${member.outlookAddress}`,
      member.phone,
    ].filter(Boolean);
  const saved = c.req.query('saved');
  const body = html`<p>${roster.name}</p>
${error ? refusal(error, language) : ''}
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
<form class="stack card" method="post" action="${withLang(base, language)}">${csrfField(c)}${ifMatch}
${memberFields(language, form.intent === 'add' ? form : {}, true)}<input type="hidden" name="intent" value="add">
<button type="submit">${t('Thêm', 'Add')}</button></form>
<h2>${t('Sửa hoặc bớt người', 'Edit or remove a member')}</h2>
${roster.members.map(
  (member) => html`<details class="card"><summary>${memberName(member, language)}</summary>
<form class="stack" method="post" action="${withLang(`${base}/${member.id}`, language)}">${csrfField(c)}${ifMatch}
${memberFields(language, form.intent === 'edit' && form.memberId === member.id ? form : (member as Partial<Record<keyof Member, string>>), false)}<input type="hidden" name="intent" value="edit"><input type="hidden" name="memberId" value="${member.id}">
<button type="submit">${t('Lưu', 'Save')}</button></form>
<form method="post" action="${withLang(`${base}/${member.id}/delete`, language)}">${csrfField(c)}${ifMatch}<div class="buttons"><button class="danger" type="submit">${t('Bớt người này', 'Remove this member')}</button></div></form></details>`,
)}`
    : ''
}`;
  const status = !error
    ? 200
    : error instanceof ServiceError &&
        (error.kind === 'precondition-failed' ||
          error.kind === 'read-only' ||
          error.kind === 'conflict')
      ? 409
      : 422;
  return adminPage(c, t('Thành viên', 'Members'), body, status);
}

adminMembers.get('/admin/rosters/:id/members', (c) => membersPage(c));

/** Runs an edit of the roster with the version the form was read at; a refusal shows the page again, in words. */
async function edit(c: Context<HonoEnv>, change: (roster: Roster, form: Form) => Roster) {
  const form = await readForm(c);
  const id = param(c, 'id');
  try {
    await editRoster(ctxOf(c), id, form.ifMatch || undefined, (roster) => change(roster, form));
    return c.redirect(withLang(`/admin/rosters/${id}/members?saved=1`, langOf(c)), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return membersPage(c, error, form);
  }
}

const requireMember = (roster: Roster, memberId: string) => {
  if (!roster.members.some((member) => member.id === memberId))
    throw notFound(`member "${memberId}" of roster "${roster.id}"`);
};

adminMembers.post('/admin/rosters/:id/members', (c) =>
  edit(c, (roster, form) => {
    const member = memberOf(form, form.id?.trim() || slugOf(form.fullName ?? ''));
    return { ...roster, members: [...roster.members, member] };
  }),
);

adminMembers.post('/admin/rosters/:id/members/:memberId', (c) =>
  edit(c, (roster, form) => {
    const memberId = param(c, 'memberId');
    requireMember(roster, memberId);
    const member = memberOf(form, memberId);
    return {
      ...roster,
      members: roster.members.map((existing) => (existing.id === memberId ? member : existing)),
    };
  }),
);

adminMembers.post('/admin/rosters/:id/members/:memberId/delete', (c) =>
  edit(c, (roster) => {
    const memberId = param(c, 'memberId');
    requireMember(roster, memberId);
    return { ...roster, members: roster.members.filter((existing) => existing.id !== memberId) };
  }),
);
