/** The notices part of a member's staff page: preferences, and linking Zalo with a one-time code. */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import type { StaffNotices } from '../../services/staff-notices.ts';
import { LINK_CODE_MINUTES } from '../../services/zalo-link.ts';
import { translator } from './layout.ts';

const checkbox = (name: string, on: boolean, label: string) =>
  html`<label><input type="checkbox" name="${name}" value="1"${on ? html` checked` : ''}> ${label}</label><br>`;

export function staffNoticesBlock(
  state: StaffNotices,
  token: string,
  language: Language,
  options: { zalo: boolean; code?: string | undefined },
) {
  const t = translator(language);
  const p = state.preferences;
  const zalo = !options.zalo
    ? ''
    : state.zaloLinked
      ? html`<p>${t('Zalo đã được liên kết. Gửi "dừng" cho bot để ngừng nhận thông báo.', 'Zalo is linked. Send "dừng" to the bot to stop.')}</p>`
      : options.code
        ? html`<p>${t('Gửi mã này cho bot lịch trực trên Zalo', 'Send this code to the duty bot on Zalo')} (${t(`trong ${LINK_CODE_MINUTES} phút`, `within ${LINK_CODE_MINUTES} minutes`)}): <strong class="code">${options.code}</strong></p>`
        : html`<form method="post" action="/my/${token}/zalo-code"><button type="submit">${t('Nhận thông báo qua Zalo', 'Get notices on Zalo')}</button></form>`;
  return html`<h2>${t('Thông báo khi lịch trực thay đổi', 'Notices when the duty changes')}</h2>
<div class="card">
<form method="post" action="/my/${token}/notices">
${checkbox('emailOn', p.emailOn, t('Nhận thư điện tử', 'By e-mail'))}
${options.zalo ? checkbox('zaloOn', p.zaloOn, t('Nhận tin Zalo', 'On Zalo')) : ''}
${checkbox('reminders', p.reminders, t('Nhắc chiều hôm trước ngày trực', 'Remind me the afternoon before a duty'))}
<button type="submit">${t('Lưu', 'Save')}</button>
</form>
${zalo}
</div>`;
}
