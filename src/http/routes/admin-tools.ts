/** The admin pages of feed links (create, rotate, revoke, with QR codes), the calendar push, and the audit log. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Roster } from '../../domain/roster-schema.ts';
import { type Language, memberName } from '../../domain/vietnamese.ts';
import { dateInZone } from '../../domain/zone.ts';
import { type CreatedFeed, createFeed, revokeFeed } from '../../services/feed-links.ts';
import { notFound } from '../../services/errors.ts';
import { resyncRoster, syncStatus } from '../../services/sync-admin.ts';
import type { FeedRecord } from '../../storage/records.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, translator, withLang } from '../pages/layout.ts';
import { subscribeBlock } from '../pages/staff-page.ts';
import { param, runAfterResponse, serviceContext } from '../request.ts';
import { errorBox } from './admin.ts';
import { adminPage, csrfField, type Form, readForm, sessionOfRequest } from './admin-auth.ts';

export const adminTools = new Hono<HonoEnv>();

const langOf = (c: Context<HonoEnv>): Language => languageOf(c.req.query('lang'));
const ctxOf = (c: Context<HonoEnv>) => serviceContext(c, sessionOfRequest(c).actor);
const ZONE = 'Asia/Ho_Chi_Minh';

/** `2024-05-02T01:00:00.000Z` → `02/05/2024 08:00` (Vietnam time). */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const date = dateInZone(instant, ZONE);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)} ${time}`;
}

function scopeText(rosters: readonly Roster[], feed: FeedRecord, language: Language): string {
  const t = translator(language);
  if (!feed.memberId) return t('Cả lịch trực', 'Whole roster');
  const member = rosters
    .flatMap((roster) => roster.members)
    .find((candidate) => candidate.id === feed.memberId);
  return member ? memberName(member, language) : feed.memberId;
}

adminTools.get('/admin/feeds', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const rosters = (await ctx.store.listRosters()).map((stored) => stored.roster);
  const feeds = await ctx.store.feeds.list({});
  const body = html`${c.req.query('revoked') ? html`<p class="notice" role="status">${t('Đã thu hồi đường liên kết.', 'The link was revoked.')}</p>` : ''}
<p class="muted">${t('Mỗi đường liên kết chỉ hiện một lần khi tạo. Mất đường liên kết thì tạo lại (đổi mới): đường cũ bị thu hồi.', 'A link is shown once, when it is created. A lost link is rotated: the old one is revoked.')}</p>
${rosters.map(
  (roster) => html`<h2>${roster.name}</h2>
<div class="scroll"><table><thead><tr><th>${t('Phạm vi', 'Scope')}</th><th>${t('Nhãn', 'Label')}</th><th>${t('Tạo lúc', 'Created')}</th><th>${t('Trạng thái', 'Status')}</th><th></th></tr></thead>
<tbody>${feeds
    .filter((feed) => feed.rosterId === roster.id)
    .map(
      (
        feed,
      ) => html`<tr data-feed="${feed.id}"><td>${scopeText(rosters, feed, language)}</td><td>${feed.label ?? ''}</td><td>${formatInstant(feed.createdAt)}</td>
<td>${feed.revokedAt ? `${t('Đã thu hồi', 'Revoked')} ${formatInstant(feed.revokedAt)}` : t('Đang dùng', 'Live')}</td>
<td>${
        feed.revokedAt
          ? ''
          : html`<form class="inline" method="post" action="${withLang(`/admin/feeds/${feed.id}/rotate`, language)}">${csrfField(c)}<button class="secondary" type="submit">${t('Đổi mới', 'Rotate')}</button></form>
<form class="inline" method="post" action="${withLang(`/admin/feeds/${feed.id}/revoke`, language)}">${csrfField(c)}<button class="danger" type="submit">${t('Thu hồi', 'Revoke')}</button></form>`
      }</td></tr>`,
    )}</tbody></table></div>
<form class="stack card" method="post" action="${withLang('/admin/feeds', language)}">${csrfField(c)}<input type="hidden" name="rosterId" value="${roster.id}">
<label>${t('Cho ai', 'For whom')}<select name="memberId"><option value="">${t('Cả lịch trực', 'Whole roster')}</option>${roster.members.map((member) => html`<option value="${member.id}">${memberName(member, language)}</option>`)}</select></label>
<label>${t('Nhãn (tuỳ chọn)', 'Label (optional)')}<input name="label" maxlength="120"></label>
<button type="submit">${t('Tạo đường liên kết', 'Create a link')}</button></form>`,
)}`;
  return adminPage(c, t('Đường liên kết lịch', 'Feed links'), body);
});

async function shownOnce(c: Context<HonoEnv>, created: CreatedFeed, replaced: boolean) {
  const language = langOf(c);
  const t = translator(language);
  const token = /\/feeds\/([A-Za-z0-9_-]+)\.ics$/.exec(created.url)?.[1] ?? '';
  const ctx = ctxOf(c);
  const roster = created.rosterId
    ? (await ctx.store.getRoster(created.rosterId))?.roster
    : undefined;
  const name = roster ? scopeText([roster], created, language) : '';
  const body = html`<p class="notice" role="status">${replaced ? t('Đã thu hồi đường liên kết cũ và tạo đường mới.', 'The old link was revoked and a new one created.') : t('Đã tạo đường liên kết.', 'The link was created.')} ${t('Đường liên kết chỉ hiện lần này: hãy gửi cho người dùng ngay.', 'It is shown this once: send it on now.')}</p>
<p>${roster?.name ?? ''} – ${name}</p>
<p>${t('Trang cá nhân (gửi kèm đường liên kết này)', 'Staff page (send this link)')}: <a class="link" href="/my/${token}">${c.get('deps').publicUrl.replace(/\/+$/, '')}/my/${token}</a></p>
${await subscribeBlock(c.get('deps').publicUrl, token, roster?.name ?? 'lichtruc', language)}
<p><a href="${withLang('/admin/feeds', language)}">← ${t('Các đường liên kết', 'Feed links')}</a></p>`;
  c.header('cache-control', 'no-store');
  return adminPage(c, t('Đường liên kết mới', 'New feed link'), body);
}

adminTools.post('/admin/feeds', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const form: Form = await readForm(c);
  try {
    const created = await createFeed(ctxOf(c), {
      rosterId: form.rosterId ?? '',
      memberId: form.memberId || undefined,
      label: form.label?.trim() || undefined,
    });
    return shownOnce(c, created, false);
  } catch (error) {
    return adminPage(
      c,
      t('Đường liên kết lịch', 'Feed links'),
      html`${errorBox(error, language)}<p><a href="${withLang('/admin/feeds', language)}">${t('Quay lại', 'Back')}</a></p>`,
      422,
    );
  }
});

adminTools.post('/admin/feeds/:feedId/rotate', async (c) => {
  const ctx = ctxOf(c);
  const feed = await ctx.store.feeds.get(param(c, 'feedId'));
  if (!feed?.rosterId) throw notFound(`feed "${param(c, 'feedId')}"`);
  await revokeFeed(ctx, feed.id);
  const created = await createFeed(ctx, {
    rosterId: feed.rosterId,
    memberId: feed.memberId ?? undefined,
    label: feed.label ?? undefined,
  });
  return shownOnce(c, created, true);
});

adminTools.post('/admin/feeds/:feedId/revoke', async (c) => {
  await revokeFeed(ctxOf(c), param(c, 'feedId'));
  return c.redirect(withLang('/admin/feeds?revoked=1', langOf(c)), 303);
});

adminTools.get('/admin/sync', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const deps = c.get('deps');
  const status = await syncStatus(deps.sync);
  const rosters = await deps.store.listRosters();
  const body = html`${status.providers.length === 0 ? html`<p class="card">${t('Máy chủ chưa cấu hình Google Calendar hay Outlook: lịch chỉ được công bố qua các đường liên kết ICS.', 'No Google Calendar or Outlook account is configured on the server: rosters are published through the ICS links only.')}</p>` : ''}
${rosters.map((stored) => {
  const roster = status.rosters.find((entry) => entry.rosterId === stored.id);
  return html`<div class="card"><h2>${stored.roster.name}</h2>
<p>${t('Thay đổi chờ đẩy lên', 'Changes waiting to be pushed')}: ${roster?.pendingChanges ?? 0}</p>
${(roster?.providers ?? []).map(
  (
    provider,
  ) => html`<div><strong>${provider.provider === 'google' ? 'Google Calendar' : 'Outlook'}</strong>:
${t('lần chạy cuối', 'last run')} ${formatInstant(provider.lastFinishedAt ?? provider.lastStartedAt)}
${provider.lastResult ? html` · ${t('tạo', 'created')} ${provider.lastResult.create}, ${t('sửa', 'updated')} ${provider.lastResult.update}, ${t('xoá', 'deleted')} ${provider.lastResult.delete}` : ''}
${provider.stopped ? html`<p class="error">${t('Đã tạm dừng cho đến khi sửa quyền truy cập hoặc chia sẻ lịch; bấm Đồng bộ lại sau khi sửa.', 'Stopped until the credentials or the calendar sharing are fixed; press Resync once fixed.')}</p>` : ''}
${provider.lastError ? html`<p class="error">${provider.lastError}</p>` : ''}</div>`,
)}
<form method="post" action="${withLang(`/admin/sync/${stored.id}/preview`, language)}">${csrfField(c)}<button type="submit">${t('Đồng bộ lại…', 'Resync…')}</button></form></div>`;
})}`;
  return adminPage(c, t('Đồng bộ lịch', 'Calendar sync'), body);
});

function noProvider(error: unknown, language: Language) {
  const t = translator(language);
  return html`<p class="error" role="alert">${t('Lịch này chưa được đẩy lên Google Calendar hay Outlook: chưa cấu hình nhà cung cấp lịch nào cho lịch này trên máy chủ (khai báo publish.google hoặc publish.outlook trong lịch trực và tài khoản tương ứng trên máy chủ). Các đường liên kết ICS vẫn hoạt động bình thường.', 'This roster is not pushed to Google Calendar or Outlook: no calendar provider is configured for it on the server (set publish.google or publish.outlook in the roster, and that provider’s credentials on the server). Its ICS links work as usual.')}</p>
${errorBox(error, language)}`;
}

adminTools.post('/admin/sync/:rosterId/preview', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const rosterId = param(c, 'rosterId');
  const back = html`<p><a href="${withLang('/admin/sync', language)}">← ${t('Đồng bộ lịch', 'Calendar sync')}</a></p>`;
  try {
    const preview = await resyncRoster(c.get('deps').sync, rosterId, { dryRun: true });
    const body = html`<p class="notice">${t('Xem trước: chưa có gì được ghi lên lịch.', 'Preview: nothing has been written yet.')}</p>
<div class="scroll"><table><thead><tr><th></th><th>${t('Tạo', 'Create')}</th><th>${t('Sửa', 'Update')}</th><th>${t('Xoá', 'Delete')}</th><th>${t('Nhận lại', 'Adopt')}</th><th>${t('Không đổi', 'Unchanged')}</th></tr></thead>
<tbody>${preview.results.map((result) => html`<tr><td>${result.provider}</td><td>${result.plan.create}</td><td>${result.plan.update}</td><td>${result.plan.delete}</td><td>${result.plan.adopt}</td><td>${result.plan.unchanged}</td></tr>${result.error ? html`<tr><td colspan="6" class="error">${result.error}</td></tr>` : ''}`)}</tbody></table></div>
<form method="post" action="${withLang(`/admin/sync/${rosterId}/run`, language)}">${csrfField(c)}<div class="buttons"><button type="submit">${t('Đồng bộ lại ngay', 'Resync now')}</button></div></form>${back}`;
    return adminPage(c, t('Xem trước đồng bộ lại', 'Resync preview'), body);
  } catch (error) {
    return adminPage(
      c,
      t('Xem trước đồng bộ lại', 'Resync preview'),
      html`${noProvider(error, language)}${back}`,
      422,
    );
  }
});

// A resync can take a while: it runs after the response, and a progress page reloads itself until it is done.
adminTools.post('/admin/sync/:rosterId/run', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const rosterId = param(c, 'rosterId');
  const deps = c.get('deps');
  try {
    // Refuses at once (no provider, unknown roster) before anything runs in the background.
    await resyncRoster(deps.sync, rosterId, { dryRun: true });
  } catch (error) {
    const back = html`<p><a href="${withLang('/admin/sync', language)}">← ${t('Đồng bộ lịch', 'Calendar sync')}</a></p>`;
    return adminPage(
      c,
      t('Đồng bộ lại', 'Resync'),
      html`${noProvider(error, language)}${back}`,
      422,
    );
  }
  await deps.store.putSetting(`resync_requested:${rosterId}`, deps.now().toISOString());
  runAfterResponse(c, resyncRoster(deps.sync, rosterId, { dryRun: false }));
  return c.redirect(withLang(`/admin/sync/${rosterId}/progress`, language), 303);
});

adminTools.get('/admin/sync/:rosterId/progress', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const rosterId = param(c, 'rosterId');
  const deps = c.get('deps');
  const requestedAt = (await deps.store.setting(`resync_requested:${rosterId}`)) ?? '';
  const providers =
    (await syncStatus(deps.sync)).rosters.find((entry) => entry.rosterId === rosterId)?.providers ??
    [];
  const running = providers.filter((provider) => (provider.lastFinishedAt ?? '') < requestedAt);
  const back = html`<p><a href="${withLang('/admin/sync', language)}">← ${t('Đồng bộ lịch', 'Calendar sync')}</a></p>`;
  const rows = providers.map((provider) => {
    const name = provider.provider === 'google' ? 'Google Calendar' : 'Outlook';
    if (running.includes(provider)) {
      const progress = provider.progress
        ? `${provider.progress.done}/${provider.progress.total}`
        : t('đang chuẩn bị', 'preparing');
      return html`<li>${name}: ${t('đang đồng bộ', 'syncing')} (${progress})</li>`;
    }
    const result = provider.lastResult;
    return html`<li>${name}: ${t('xong', 'done')}${result ? html` · ${t('đã ghi', 'written')} ${result.applied ?? 0}, ${t('lỗi', 'failed')} ${result.failed ?? 0}, ${t('còn chờ', 'pending')} ${result.pending ?? 0}` : ''}${provider.lastError ? html`<p class="error">${provider.lastError}</p>` : ''}</li>`;
  });
  const title =
    running.length > 0 ? t('Đang đồng bộ lại…', 'Resyncing…') : t('Đã đồng bộ lại', 'Resync done');
  return adminPage(
    c,
    title,
    html`<ul>${rows}</ul>${back}`,
    200,
    running.length > 0 ? 2 : undefined,
  );
});

adminTools.get('/admin/audit', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const rosterId = c.req.query('rosterId') || undefined;
  const actor = c.req.query('actor')?.trim() || undefined;
  const beforeText = c.req.query('before');
  const before = beforeText && /^\d+$/.test(beforeText) ? Number(beforeText) : undefined;
  const limit = 100;
  const entries = await ctx.store.audit({ rosterId, actor, limit, before });
  const rosters = await ctx.store.listRosters();
  const query = (extra: string) =>
    `/admin/audit?${[rosterId ? `rosterId=${encodeURIComponent(rosterId)}` : '', actor ? `actor=${encodeURIComponent(actor)}` : '', extra].filter(Boolean).join('&')}`;
  const body = html`<form class="stack card" method="get" action="/admin/audit">${language === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<label>${t('Lịch trực', 'Roster')}<select name="rosterId"><option value="">${t('Tất cả', 'All')}</option>${rosters.map((stored) => html`<option value="${stored.id}"${stored.id === rosterId ? ' selected' : ''}>${stored.roster.name}</option>`)}</select></label>
<label>${t('Người thực hiện', 'Actor')}<input name="actor" value="${actor ?? ''}"></label>
<button type="submit">${t('Lọc', 'Filter')}</button></form>
<div class="scroll"><table><thead><tr><th>#</th><th>${t('Lúc', 'When')}</th><th>${t('Người thực hiện', 'Actor')}</th><th>${t('Thao tác', 'Action')}</th><th>${t('Lịch trực', 'Roster')}</th><th>${t('Đối tượng', 'Entity')}</th></tr></thead>
<tbody>${entries.map((entry) => html`<tr><td>${entry.seq}</td><td>${formatInstant(entry.at)}</td><td>${entry.actor}</td><td>${entry.action}</td><td>${entry.rosterId ?? ''}</td><td>${entry.entity}${entry.entityId ? html` <span class="muted">${entry.entityId}</span>` : ''}</td></tr>`)}</tbody></table></div>
${entries.length === limit ? html`<p><a href="${withLang(query(`before=${entries.at(-1)!.seq}`), language)}">${t('Cũ hơn →', 'Older →')}</a></p>` : ''}`;
  return adminPage(c, t('Nhật ký thay đổi', 'Audit log'), body);
});
