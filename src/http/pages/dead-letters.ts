/**
 * Dead letters on the admin sync page (Workers' queue messages that failed every retry): what did not happen, for
 * which roster, in words a person can act on, and a Chạy lại (Run again) button.
 */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import type { DeadLetterView } from '../../services/dead-letters.ts';
import { type AdminView, csrfInput, instantText } from './admin-view.ts';
import { translator, withLang } from './layout.ts';

/** "Lịch của … không được cập nhật sau 5 lần thử (lỗi cuối …); bấm Chạy lại." */
function letterText(language: Language, letter: DeadLetterView, name: (id: string) => string) {
  const vi = language === 'vi';
  const n = letter.attempts;
  const last = letter.lastError ? ` (${vi ? 'lỗi cuối' : 'last error'}: ${letter.lastError})` : '';
  const roster = name(letter.rosterIds[0] ?? '');
  const after = vi
    ? `sau ${n} lần thử${last}; bấm Chạy lại.`
    : `after ${n} attempts${last}; press Run again.`;
  switch (letter.work) {
    case 'feed':
      return vi
        ? `Lịch của ${roster} (đường liên kết ICS) không được cập nhật ${after}`
        : `The feed of ${roster} was not updated ${after}`;
    case 'member-feed':
      return vi
        ? `Lịch riêng của thành viên ${letter.memberId} (${roster}) không được cập nhật ${after}`
        : `The personal feed of member ${letter.memberId} (${roster}) was not updated ${after}`;
    case 'push':
      return vi
        ? `Lịch của ${roster} không được đẩy lên Google Calendar hay Outlook ${after} Chạy lại là đồng bộ lại toàn bộ lịch này.`
        : `${roster} was not pushed to Google Calendar or Outlook ${after} Running again resyncs the whole roster.`;
    case 'notice': {
      const names = letter.rosterIds.map(name).join(', ');
      return vi
        ? `Thông báo đổi ngày nghỉ lễ cho ${names} không được tạo ${after}`
        : `The holiday-change notices of ${names} were not written ${after}`;
    }
    default:
      return vi
        ? `Một lượt chia việc nền không thành công ${after} Lịch chạy định kỳ sẽ tự làm lại.`
        : `A background fan-out failed ${after} The cron starts it again by itself.`;
  }
}

export function deadLetterLines(
  view: AdminView,
  letters: readonly DeadLetterView[],
  name: (rosterId: string) => string,
) {
  const t = translator(view.language);
  return letters.map(
    (letter) =>
      html`<div class="error" data-dead-letter="${letter.seq}"><p>${letterText(view.language, letter, name)} <span class="muted">(${instantText(letter.failedAt)})</span></p>
<form method="post" action="${withLang(`/admin/sync/dead-letters/${letter.seq}/rerun`, view.language)}">${csrfInput(view)}<button type="submit">${t('Chạy lại', 'Run again')}</button></form></div>`,
  );
}

/** Letters not tied to one roster's card: fan-outs, and holiday notice pages of several rosters. */
export function deadLettersCard(
  view: AdminView,
  letters: readonly DeadLetterView[],
  name: (rosterId: string) => string,
) {
  if (letters.length === 0) return '';
  const t = translator(view.language);
  return html`<div class="card" id="dead-letters"><h2>${t('Việc nền không thành công', 'Background work that failed')}</h2>${deadLetterLines(view, letters, name)}</div>`;
}
