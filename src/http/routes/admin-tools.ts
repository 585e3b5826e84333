/** The admin pages of feed links (create, rotate, revoke, with QR codes), the calendar push, and the audit log. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import {
  type CreatedFeed,
  createFeed,
  liveFeedOfToken,
  revokeFeed,
} from '../../services/feed-links.ts';
import { listDeadLetters } from '../../services/dead-letters.ts';
import { notFound } from '../../services/errors.ts';
import { pushProgress } from '../../services/push-progress.ts';
import { noticeHealth } from '../../services/notice-health.ts';
import { resyncRoster, syncStatus, unreadableRosters } from '../../services/sync-admin.ts';
import type { HonoEnv } from '../env.ts';
import { auditPage } from '../pages/audit-page.ts';
import { backLink, errorBox } from '../pages/admin-view.ts';
import { confirmFeedPage, feedsPage, newFeedGonePage, shownOncePage } from '../pages/feeds-page.ts';
import { translator, withLang } from '../pages/layout.ts';
import { noProviderPage, progressPage, resyncPreviewPage, syncPage } from '../pages/sync-page.ts';
import { param, runAfterResponse } from '../request.ts';
import { adminCtx, adminPage, adminView, type Form, readForm } from './admin-auth.ts';

export const adminTools = new Hono<HonoEnv>();

adminTools.get('/admin/feeds', async (c) => {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const rosters = (await ctx.store.listRosters()).map((stored) => stored.roster);
  const feeds = await ctx.store.feeds.list({});
  const body = feedsPage(view, { rosters, feeds, revoked: Boolean(c.req.query('revoked')) });
  return adminPage(c, translator(view.language)('Đường liên kết lịch', 'Feed links'), body);
});

// Post/Redirect/Get for a new link: the token rides in a short-lived cookie of the admin's browser (never stored
// here in clear), so reloading the page that shows it creates nothing and the back button re-posts nothing.
const NEW_FEED_COOKIE = 'lichtruc_new_feed';

function rememberNewFeed(c: Context<HonoEnv>, created: CreatedFeed, replaced: boolean) {
  const token = /\/feeds\/([A-Za-z0-9_-]+)\.ics$/.exec(created.url)?.[1] ?? '';
  setCookie(c, NEW_FEED_COOKIE, `${replaced ? 'r' : 'n'}.${token}`, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/admin/feeds',
    secure: c.get('deps').publicUrl.startsWith('https:'),
    maxAge: 600,
  });
  return c.redirect(withLang('/admin/feeds/new', adminView(c).language), 303);
}

adminTools.get('/admin/feeds/new', async (c) => {
  const view = adminView(c);
  const t = translator(view.language);
  const [mark, token] = (getCookie(c, NEW_FEED_COOKIE) ?? '').split('.');
  const created = token ? await liveFeedOfToken(adminCtx(c), token) : null;
  c.header('cache-control', 'no-store');
  if (!created || !token) {
    const body = newFeedGonePage(view);
    return adminPage(c, t('Đường liên kết mới', 'New feed link'), body, 404);
  }
  const roster = created.rosterId
    ? (await adminCtx(c).store.getRoster(created.rosterId))?.roster
    : undefined;
  const body = await shownOncePage(view, {
    publicUrl: c.get('deps').publicUrl,
    token,
    roster,
    memberId: created.memberId,
    replaced: mark === 'r',
  });
  return adminPage(c, t('Đường liên kết mới', 'New feed link'), body);
});

adminTools.post('/admin/feeds', async (c) => {
  const view = adminView(c);
  const t = translator(view.language);
  const form: Form = await readForm(c);
  try {
    const created = await createFeed(adminCtx(c), {
      rosterId: form.rosterId ?? '',
      memberId: form.memberId || undefined,
      label: form.label?.trim() || undefined,
    });
    return rememberNewFeed(c, created, false);
  } catch (error) {
    const back = backLink(view, '/admin/feeds', t('Đường liên kết lịch', 'Feed links'));
    const body = html`${errorBox(error, view.language)}${back}`;
    return adminPage(c, t('Đường liên kết lịch', 'Feed links'), body, 422);
  }
});

/** The confirm step of rotating or revoking a link. */
async function confirmFeed(c: Context<HonoEnv>, verb: 'rotate' | 'revoke') {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const feed = await ctx.store.feeds.get(param(c, 'feedId'));
  if (!feed)
    throw notFound(`feed "${param(c, 'feedId')}"`, { entity: 'feed', id: param(c, 'feedId') });
  const rosters = (await ctx.store.listRosters()).map((stored) => stored.roster);
  const t = translator(view.language);
  const title =
    verb === 'rotate'
      ? t('Đổi mới đường liên kết', 'Rotate a link')
      : t('Thu hồi đường liên kết', 'Revoke a link');
  return adminPage(c, title, confirmFeedPage(view, { feed, rosters, verb }));
}

adminTools.get('/admin/feeds/:feedId/rotate', (c) => confirmFeed(c, 'rotate'));
adminTools.get('/admin/feeds/:feedId/revoke', (c) => confirmFeed(c, 'revoke'));

adminTools.post('/admin/feeds/:feedId/rotate', async (c) => {
  const ctx = adminCtx(c);
  const feed = await ctx.store.feeds.get(param(c, 'feedId'));
  if (!feed?.rosterId)
    throw notFound(`feed "${param(c, 'feedId')}"`, { entity: 'feed', id: param(c, 'feedId') });
  await revokeFeed(ctx, feed.id);
  const created = await createFeed(ctx, {
    rosterId: feed.rosterId,
    memberId: feed.memberId ?? undefined,
    label: feed.label ?? undefined,
  });
  return rememberNewFeed(c, created, true);
});

adminTools.post('/admin/feeds/:feedId/revoke', async (c) => {
  await revokeFeed(adminCtx(c), param(c, 'feedId'));
  return c.redirect(withLang('/admin/feeds?revoked=1', adminView(c).language), 303);
});

adminTools.get('/admin/sync', async (c) => {
  const view = adminView(c);
  const deps = c.get('deps');
  const status = await syncStatus(deps.sync);
  const rosters = await deps.store.listRosters();
  const progress = deps.sync ? await pushProgress(deps.sync) : null;
  const notices = new Map(
    await Promise.all(
      rosters.map(async (r) => [r.id, await noticeHealth(adminCtx(c), r.id)] as const),
    ),
  );
  const unreadable = await unreadableRosters(deps.store);
  const deadLetters = await listDeadLetters(adminCtx(c));
  const body = syncPage(view, { status, rosters, progress, notices, unreadable, deadLetters });
  return adminPage(c, translator(view.language)('Đồng bộ lịch', 'Calendar sync'), body);
});

adminTools.post('/admin/sync/:rosterId/preview', async (c) => {
  const view = adminView(c);
  const title = translator(view.language)('Xem trước đồng bộ lại', 'Resync preview');
  try {
    const preview = await resyncRoster(c.get('deps').sync, param(c, 'rosterId'), {
      dryRun: true,
    });
    return adminPage(c, title, resyncPreviewPage(view, preview));
  } catch (error) {
    return adminPage(c, title, noProviderPage(view, error), 422);
  }
});

// A resync can take a while: it runs after the response, and a progress page reloads itself until it is done.
adminTools.post('/admin/sync/:rosterId/run', async (c) => {
  const view = adminView(c);
  const rosterId = param(c, 'rosterId');
  const deps = c.get('deps');
  try {
    // Refuses at once (no provider, unknown roster) before anything runs in the background.
    await resyncRoster(deps.sync, rosterId, { dryRun: true });
  } catch (error) {
    const title = translator(view.language)('Đồng bộ lại', 'Resync');
    return adminPage(c, title, noProviderPage(view, error), 422);
  }
  await deps.store.putSetting(`resync_requested:${rosterId}`, deps.now().toISOString());
  runAfterResponse(c, resyncRoster(deps.sync, rosterId, { dryRun: false }));
  return c.redirect(withLang(`/admin/sync/${rosterId}/progress`, view.language), 303);
});

adminTools.get('/admin/sync/:rosterId/progress', async (c) => {
  const view = adminView(c);
  const t = translator(view.language);
  const rosterId = param(c, 'rosterId');
  const deps = c.get('deps');
  const requestedAt = (await deps.store.setting(`resync_requested:${rosterId}`)) ?? '';
  const providers =
    (await syncStatus(deps.sync)).rosters.find((entry) => entry.rosterId === rosterId)?.providers ??
    [];
  const running = providers.filter((provider) => (provider.lastFinishedAt ?? '') < requestedAt);
  const title =
    running.length > 0 ? t('Đang đồng bộ lại…', 'Resyncing…') : t('Đã đồng bộ lại', 'Resync done');
  const body = progressPage(view, { providers, running });
  return adminPage(c, title, body, 200, running.length > 0 ? 2 : undefined);
});

adminTools.get('/admin/audit', async (c) => {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const rosterId = c.req.query('rosterId') || undefined;
  const actor = c.req.query('actor')?.trim() || undefined;
  const beforeText = c.req.query('before');
  const before = beforeText && /^\d+$/.test(beforeText) ? Number(beforeText) : undefined;
  const limit = 100;
  const entries = await ctx.store.audit({ rosterId, actor, limit, before });
  const rosters = await ctx.store.listRosters();
  const filter = [
    rosterId ? `rosterId=${encodeURIComponent(rosterId)}` : '',
    actor ? `actor=${encodeURIComponent(actor)}` : '',
  ];
  const older =
    entries.length === limit
      ? `/admin/audit?${[...filter, `before=${entries.at(-1)!.seq}`].filter(Boolean).join('&')}`
      : undefined;
  const body = auditPage(view, { rosters, entries, rosterId, actor, older });
  return adminPage(c, translator(view.language)('Nhật ký thay đổi', 'Audit log'), body);
});
