/** Failing notice channels in words an admin can act on: on the notices page and the sync page. */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import type { ChannelHealth } from '../../services/notice-health.ts';
import { translator } from './layout.ts';

export const CHANNEL = { email: 'Thư điện tử / E-mail', zalo: 'Zalo', webhook: 'Webhook' };

export function healthBlock(health: readonly ChannelHealth[], language: Language) {
  const t = translator(language);
  return health.map(
    (h) =>
      html`<p class="error">${t('Thông báo', 'Notices')} – ${CHANNEL[h.channel]}: ${h.failed} ${t('không gửi được', 'failed')}, ${h.retrying} ${t('đang thử lại', 'being retried')}. ${h.lastError ?? ''} ${language === 'vi' ? h.advice[0] : h.advice[1]}</p>`,
  );
}
