/** The feed links of every roster (create, rotate, revoke), and a new link shown once with its QR code. */
import { html } from 'hono/html';
import type { Roster } from '../../domain/roster-schema.ts';
import { type Language, memberName } from '../../domain/vietnamese.ts';
import type { FeedRecord } from '../../storage/records.ts';
import { type AdminView, backLink, csrfInput, instantText } from './admin-view.ts';
import { translator, withLang } from './layout.ts';
import { subscribeBlock } from './staff-page.ts';

export function scopeText(
  rosters: readonly Roster[],
  feed: Pick<FeedRecord, 'memberId'>,
  language: Language,
): string {
  const t = translator(language);
  if (!feed.memberId) return t('Cả lịch trực', 'Whole roster');
  const member = rosters
    .flatMap((roster) => roster.members)
    .find((candidate) => candidate.id === feed.memberId);
  return member ? memberName(member, language) : feed.memberId;
}

function feedRow(view: AdminView, rosters: readonly Roster[], feed: FeedRecord) {
  const t = translator(view.language);
  const action = (verb: string) => withLang(`/admin/feeds/${feed.id}/${verb}`, view.language);
  // Both end a live link, so each opens a confirm step first.
  const forms = feed.revokedAt
    ? ''
    : html`<a class="button secondary" href="${action('rotate')}">${t('Đổi mới…', 'Rotate…')}</a>
<a class="button danger" href="${action('revoke')}">${t('Thu hồi…', 'Revoke…')}</a>`;
  return html`<tr data-feed="${feed.id}"><td>${scopeText(rosters, feed, view.language)}</td><td>${feed.label ?? ''}</td><td>${instantText(feed.createdAt)}</td>
<td>${feed.revokedAt ? `${t('Đã thu hồi', 'Revoked')} ${instantText(feed.revokedAt)}` : t('Đang dùng', 'Live')}</td>
<td>${forms}</td></tr>`;
}

export function feedsPage(
  view: AdminView,
  data: { rosters: readonly Roster[]; feeds: readonly FeedRecord[]; revoked: boolean },
) {
  const { language } = view;
  const t = translator(language);
  const { rosters, feeds } = data;
  return html`${data.revoked ? html`<p class="notice" role="status">${t('Đã thu hồi đường liên kết.', 'The link was revoked.')}</p>` : ''}
<p class="muted">${t('Mỗi đường liên kết chỉ hiện một lần khi tạo. Mất đường liên kết thì tạo lại (đổi mới): đường cũ bị thu hồi.', 'A link is shown once, when it is created. A lost link is rotated: the old one is revoked.')}</p>
${rosters.map(
  (roster) => html`<h2>${roster.name}</h2>
<div class="scroll"><table><thead><tr><th>${t('Phạm vi', 'Scope')}</th><th>${t('Nhãn', 'Label')}</th><th>${t('Tạo lúc', 'Created')}</th><th>${t('Trạng thái', 'Status')}</th><th></th></tr></thead>
<tbody>${feeds.filter((feed) => feed.rosterId === roster.id).map((feed) => feedRow(view, rosters, feed))}</tbody></table></div>
<form class="stack card" method="post" action="${withLang('/admin/feeds', language)}">${csrfInput(view)}<input type="hidden" name="rosterId" value="${roster.id}">
<label>${t('Cho ai', 'For whom')}<select name="memberId"><option value="">${t('Cả lịch trực', 'Whole roster')}</option>${roster.members.map((member) => html`<option value="${member.id}">${memberName(member, language)}</option>`)}</select></label>
<label>${t('Nhãn (tuỳ chọn)', 'Label (optional)')}<input name="label" maxlength="120"></label>
<button type="submit">${t('Tạo đường liên kết', 'Create a link')}</button></form>`,
)}`;
}

export interface ShownOnceData {
  publicUrl: string;
  token: string;
  roster: Roster | undefined;
  memberId: string | null;
  replaced: boolean;
}

export async function shownOncePage(view: AdminView, data: ShownOnceData) {
  const { language } = view;
  const t = translator(language);
  const { roster, token } = data;
  const name = roster ? scopeText([roster], data, language) : '';
  return html`<p class="notice" role="status">${data.replaced ? t('Đã thu hồi đường liên kết cũ và tạo đường mới.', 'The old link was revoked and a new one created.') : t('Đã tạo đường liên kết.', 'The link was created.')} ${t('Đường liên kết chỉ hiện lần này: hãy gửi cho người dùng ngay.', 'It is shown this once: send it on now.')}</p>
<p>${roster?.name ?? ''} – ${name}</p>
<p>${t('Trang cá nhân (gửi kèm đường liên kết này)', 'Staff page (send this link)')}: <a class="link" href="/my/${token}">${data.publicUrl.replace(/\/+$/, '')}/my/${token}</a></p>
${await subscribeBlock(data.publicUrl, token, roster?.name ?? 'lichtruc', language)}
<p><a href="${withLang('/admin/feeds', language)}">← ${t('Các đường liên kết', 'Feed links')}</a></p>`;
}

/** The confirm step of rotating or revoking a link: whose link it is, what happens, and the button. */
export function confirmFeedPage(
  view: AdminView,
  data: { feed: FeedRecord; rosters: readonly Roster[]; verb: 'rotate' | 'revoke' },
) {
  const { language } = view;
  const t = translator(language);
  const { feed, verb } = data;
  const roster = data.rosters.find((candidate) => candidate.id === feed.rosterId);
  const whose = `${roster?.name ?? ''} – ${scopeText(data.rosters, feed, language)}${feed.label ? ` (${feed.label})` : ''}`;
  const what =
    verb === 'rotate'
      ? t(
          'Đường liên kết hiện tại sẽ bị thu hồi ngay (các lịch đã đăng ký bằng nó sẽ ngừng cập nhật) và một đường mới được tạo để gửi lại.',
          'The current link is revoked at once (calendars subscribed with it stop updating) and a new one is created to send again.',
        )
      : t(
          'Đường liên kết sẽ bị thu hồi ngay: các lịch đã đăng ký bằng nó sẽ ngừng cập nhật. Không hoàn tác được.',
          'The link is revoked at once: calendars subscribed with it stop updating. This cannot be undone.',
        );
  if (feed.revokedAt)
    return html`<p class="card">${whose}: ${t('đã thu hồi', 'already revoked')} ${instantText(feed.revokedAt)}.</p>${backLink(view, '/admin/feeds', t('Các đường liên kết', 'Feed links'))}`;
  return html`<p class="card"><strong>${whose}</strong><br>${t('Tạo lúc', 'Created')} ${instantText(feed.createdAt)}</p>
<p>${what}</p>
<form method="post" action="${withLang(`/admin/feeds/${feed.id}/${verb}`, language)}">${csrfInput(view)}
<div class="buttons"><button class="danger" type="submit">${verb === 'rotate' ? t('Đổi mới', 'Rotate') : t('Thu hồi', 'Revoke')}</button>
<a class="button secondary" href="${withLang('/admin/feeds', language)}">${t('Huỷ', 'Cancel')}</a></div></form>`;
}

/** A new link's page opened again after it stopped being shown (later, elsewhere, or the link was revoked). */
export function newFeedGonePage(view: AdminView) {
  const t = translator(view.language);
  return html`<p class="card">${t('Đường liên kết mới chỉ hiện trong ít phút sau khi tạo, trên trình duyệt đã tạo nó. Nếu chưa kịp gửi, hãy đổi mới đường liên kết đó trong danh sách.', 'A new link is shown only for a few minutes after it is created, in the browser that created it. If it was not sent on in time, rotate that link from the list.')}</p>
${backLink(view, '/admin/feeds', t('Các đường liên kết', 'Feed links'))}`;
}
