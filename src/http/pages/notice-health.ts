/** Failing notice channels in words an admin can act on: on the notices page and the sync page. */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import type { ChannelHealth, PausedWebhook } from '../../services/notice-health.ts';
import { instantText } from './admin-view.ts';
import { translator, withLang } from './layout.ts';

export const CHANNEL = { email: 'Thư điện tử / E-mail', zalo: 'Zalo', webhook: 'Webhook' };

/** "Webhook … bị tạm dừng vì lỗi liên tục từ …; kiểm tra … rồi bấm Bật lại": what happened and what to do. */
function pausedLine(hook: PausedWebhook, language: Language) {
  const since = instantText(hook.failingSince ?? hook.disabledAt);
  const last = hook.lastError
    ? ` (${language === 'vi' ? 'lỗi cuối' : 'last error'}: ${hook.lastError})`
    : '';
  const page = withLang('/admin/notices', language);
  return language === 'vi'
    ? html`<p class="error">Webhook ${hook.url} bị tạm dừng vì lỗi liên tục từ ${since}${last}; không tin nào được gửi tới nó nữa. Kiểm tra URL và máy nhận (phải trả lời 2xx trong 10 giây) rồi bấm Bật lại trên trang <a href="${page}">Thông báo</a>.</p>`
    : html`<p class="error">Webhook ${hook.url} is paused: every call failed since ${since}${last}; nothing is sent to it any more. Check the URL and the receiver (it must answer 2xx within 10 seconds), then press Turn back on on the <a href="${page}">Notices</a> page.</p>`;
}

export function healthBlock(health: readonly ChannelHealth[], language: Language) {
  const t = translator(language);
  return health.map(
    (h) =>
      html`${h.failed + h.retrying > 0 ? html`<p class="error">${t('Thông báo', 'Notices')} – ${CHANNEL[h.channel]}: ${h.failed} ${t('không gửi được', 'failed')}, ${h.retrying} ${t('đang thử lại', 'being retried')}. ${h.lastError ?? ''} ${language === 'vi' ? h.advice[0] : h.advice[1]}</p>` : ''}${(h.paused ?? []).map((hook) => pausedLine(hook, language))}`,
  );
}
