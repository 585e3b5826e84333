/** The admin page of notices: channel health, the notice log with resend, webhooks, and contacts, per roster. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import { addContact, deleteContact, noticeLog, resendNotice } from '../../services/notice-admin.ts';
import { noticeHealth } from '../../services/notice-health.ts';
import {
  addWebhook,
  deleteWebhook,
  enableWebhook,
  listWebhooks,
} from '../../services/notice-webhooks.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, translator, withLang } from '../pages/layout.ts';
import { CHANNEL, healthBlock } from '../pages/notice-health.ts';
import { param } from '../request.ts';
import { csrfInput, errorBox, instantText } from '../pages/admin-view.ts';
import { adminCtx, adminPage, adminView, readForm } from './admin-auth.ts';

export const adminNotices = new Hono<HonoEnv>();

const langOf = (c: Context<HonoEnv>): Language => languageOf(c.req.query('lang'));
const ctxOf = adminCtx;
const csrfField = (c: Context<HonoEnv>) => csrfInput(adminView(c));

adminNotices.get('/admin/notices', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const action = (path: string) => withLang(path, language);
  const cards = await Promise.all(
    (await ctx.store.listRosters()).map(async (stored) => {
      const id = stored.id;
      const [health, log, hooks, contacts] = await Promise.all([
        noticeHealth(ctx, id),
        noticeLog(ctx, id, 30),
        listWebhooks(ctx, id),
        ctx.store.noticeSettings.contacts(id),
      ]);
      return html`<div class="card"><h2>${stored.roster.name}</h2>${healthBlock(health, language)}
<h3>${t('Nhật ký thông báo', 'Notice log')}</h3>
${log.length === 0 ? html`<p class="muted">${t('Chưa có thông báo nào.', 'No notice yet.')}</p>` : html`<ul>${log.map((row) => html`<li>${instantText(row.deliveredAt ?? row.createdAt)} · ${CHANNEL[row.channel]} · ${row.address} · ${row.subject} · <strong>${row.status}</strong>${row.lastError ? html` (${row.lastError})` : ''}${row.status === 'delivered' || row.status === 'failed' ? html` <form class="inline" method="post" action="${action(`/admin/notices/${id}/${row.id}/resend`)}">${csrfField(c)}<button class="secondary" type="submit">${t('Gửi lại', 'Resend')}</button></form>` : ''}</li>`)}</ul>`}
<h3>Webhooks</h3>
<ul>${hooks.map((hook) => html`<li>${hook.url} (${hook.events.join(', ') || t('mọi sự kiện', 'every event')})${hook.disabledAt ? html` · <strong>${t('Tạm dừng', 'Paused')}</strong> <form class="inline" method="post" action="${action(`/admin/notices/${id}/webhooks/${hook.id}/enable`)}">${csrfField(c)}<button type="submit">${t('Bật lại', 'Turn back on')}</button></form>` : ''} <form class="inline" method="post" action="${action(`/admin/notices/${id}/webhooks/${hook.id}/delete`)}">${csrfField(c)}<button class="secondary" type="submit">${t('Xoá', 'Delete')}</button></form></li>`)}</ul>
<form method="post" action="${action(`/admin/notices/${id}/webhooks`)}">${csrfField(c)}<input name="url" type="url" required placeholder="https://…"> <button type="submit">${t('Thêm webhook', 'Add webhook')}</button></form>
<h3>${t('Người nhận tin khẩn (quản trị)', 'Admin contacts (urgent notices)')}</h3>
<ul>${contacts.map((contact) => html`<li>${CHANNEL[contact.channel]}: ${contact.address} (${contact.role}) <form class="inline" method="post" action="${action(`/admin/notices/${id}/contacts/${contact.id}/delete`)}">${csrfField(c)}<button class="secondary" type="submit">${t('Xoá', 'Delete')}</button></form></li>`)}</ul>
<form method="post" action="${action(`/admin/notices/${id}/contacts`)}">${csrfField(c)}<input name="address" type="email" required placeholder="vanphong@…"> <button type="submit">${t('Thêm thư quản trị', 'Add admin e-mail')}</button></form></div>`;
    }),
  );
  return adminPage(c, t('Thông báo', 'Notices'), html`${cards}`);
});

/** Runs an admin action, then back to the page; a refused one shows why and changes nothing. */
async function act(
  c: Context<HonoEnv>,
  run: () => Promise<unknown>,
  secret?: (v: unknown) => string,
) {
  const language = langOf(c);
  const t = translator(language);
  try {
    const result = await run();
    if (secret)
      return adminPage(
        c,
        t('Webhook mới', 'New webhook'),
        html`<p>${t('Khoá ký (chỉ hiện một lần)', 'Signing secret (shown once)')}: <code>${secret(result)}</code></p><p><a href="${withLang('/admin/notices', language)}">← ${t('Thông báo', 'Notices')}</a></p>`,
      );
    return c.redirect(withLang('/admin/notices', language), 303);
  } catch (error) {
    return adminPage(c, t('Thông báo', 'Notices'), errorBox(error, language), 422);
  }
}

adminNotices.post('/admin/notices/:rosterId/:noticeId/resend', (c) =>
  act(c, async () => {
    await resendNotice(ctxOf(c), param(c, 'rosterId'), param(c, 'noticeId'));
    c.get('deps').notices?.kick?.();
  }),
);
adminNotices.post('/admin/notices/:rosterId/webhooks', async (c) => {
  const url = (await readForm(c)).url ?? '';
  const allowPrivate = c.get('deps').notices?.allowPrivateWebhooks ?? false;
  return act(
    c,
    () => addWebhook(ctxOf(c), param(c, 'rosterId'), { url }, allowPrivate),
    (hook) => (hook as { secret: string }).secret,
  );
});
adminNotices.post('/admin/notices/:rosterId/webhooks/:webhookId/enable', (c) =>
  act(c, () => enableWebhook(ctxOf(c), param(c, 'rosterId'), param(c, 'webhookId'))),
);
adminNotices.post('/admin/notices/:rosterId/webhooks/:webhookId/delete', (c) =>
  act(c, () => deleteWebhook(ctxOf(c), param(c, 'rosterId'), param(c, 'webhookId'))),
);
adminNotices.post('/admin/notices/:rosterId/contacts', async (c) => {
  const address = ((await readForm(c)).address ?? '').trim();
  return act(c, () =>
    addContact(ctxOf(c), param(c, 'rosterId'), { role: 'admin', channel: 'email', address }),
  );
});
adminNotices.post('/admin/notices/:rosterId/contacts/:contactId/delete', (c) =>
  act(c, () => deleteContact(ctxOf(c), param(c, 'rosterId'), param(c, 'contactId'))),
);
