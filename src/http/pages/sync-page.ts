/** The calendar push in the admin area: the status per roster and provider, a resync's dry run, its progress. */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import type { PushProgress } from '../../services/push-progress.ts';
import type { resyncRoster, syncStatus, unreadableRosters } from '../../services/sync-admin.ts';
import type { ChannelHealth } from '../../services/notice-health.ts';
import type { DeadLetterView } from '../../services/dead-letters.ts';
import type { StoredRoster } from '../../storage/records.ts';
import { type AdminView, backLink, csrfInput, errorBox, instantText } from './admin-view.ts';
import { translator, withLang } from './layout.ts';
import { deadLetterLines, deadLettersCard } from './dead-letters.ts';
import { healthBlock } from './notice-health.ts';

type Status = Awaited<ReturnType<typeof syncStatus>>;
type ProviderStatus = Status['rosters'][number]['providers'][number];
type Resync = Awaited<ReturnType<typeof resyncRoster>>;
type Unreadable = Awaited<ReturnType<typeof unreadableRosters>>[number];

const providerName = (provider: string) => (provider === 'google' ? 'Google Calendar' : 'Outlook');

function providerLine(language: Language, provider: ProviderStatus) {
  const t = translator(language);
  return html`<div><strong>${providerName(provider.provider)}</strong>:
${t('lần chạy cuối', 'last run')} ${instantText(provider.lastFinishedAt ?? provider.lastStartedAt)}
${provider.lastResult ? html` · ${t('tạo', 'created')} ${provider.lastResult.create}, ${t('sửa', 'updated')} ${provider.lastResult.update}, ${t('xoá', 'deleted')} ${provider.lastResult.delete}` : ''}
${provider.stopped ? html`<p class="error">${t('Đã tạm dừng cho đến khi sửa quyền truy cập hoặc chia sẻ lịch; bấm Đồng bộ lại sau khi sửa.', 'Stopped until the credentials or the calendar sharing are fixed; press Resync once fixed.')}</p>` : ''}
${provider.lastError ? html`<p class="error">${provider.lastError}</p>` : ''}</div>`;
}

/** "2 giờ 10 phút" / "2 h 10 min". */
function durationText(language: Language, minutes: number) {
  const t = translator(language);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    ...(hours > 0 ? [`${hours} ${t('giờ', 'h')}`] : []),
    ...(rest > 0 || hours === 0 ? [`${rest} ${t('phút', 'min')}`] : []),
  ];
  return parts.join(' ');
}

/** "Next 30 days: 100 % of rosters; whole horizon: 37 %", and the time left at the current rate. */
function progressLine(language: Language, progress: PushProgress) {
  const t = translator(language);
  const left =
    progress.minutesLeft === null
      ? ''
      : ` · ${t('còn khoảng', 'about')} ${durationText(language, progress.minutesLeft)}${t('', ' left')} (${progress.remainingWrites} ${t('lượt ghi', 'writes')})`;
  return html`<p class="card" id="push-progress">${t('30 ngày tới', 'Next 30 days')}: ${progress.nearPercent} % ${t('lịch trực', 'of rosters')}; ${t('toàn bộ khoảng đồng bộ', 'whole horizon')}: ${progress.horizonPercent} %${left}</p>`;
}

/** Deleted rosters whose events are still being taken back from a calendar. */
function withdrawalsCard(language: Language, withdrawals: Status['withdrawals']) {
  const t = translator(language);
  if (withdrawals.length === 0) return '';
  return html`<div class="card" id="withdrawals"><h2>${t('Đang gỡ lịch của các lịch trực đã xoá', 'Taking back the events of deleted rosters')}</h2>
<ul>${withdrawals.map((entry) => html`<li>${entry.rosterId} · ${providerName(entry.provider)} · ${t('xoá lúc', 'deleted')} ${instantText(entry.requestedAt)}${entry.lastError ? html`<p class="error">${entry.lastError}</p>` : ''}</li>`)}</ul></div>`;
}

/** Rosters set aside by the push and the notices: what happened, what waits, and how to mend it. */
function unreadableCards(language: Language, unreadable: readonly Unreadable[]) {
  return unreadable.map((roster) => {
    const fix = `PUT /api/rosters/${roster.id}`;
    const text =
      language === 'vi'
        ? `Không đọc được định nghĩa đã lưu của lịch trực này (${roster.reason}), nên lịch không được đẩy lên Google Calendar hay Outlook và không gửi thông báo nào; ${roster.pendingChanges} thay đổi đang chờ. Sửa định nghĩa rồi lưu lại lịch trực (tệp trong calendars/, hoặc ${fix}); các thay đổi đang chờ sẽ được đẩy đi sau đó.`
        : `The stored definition of this roster no longer reads (${roster.reason}), so it is not pushed to Google Calendar or Outlook and no notice goes out; ${roster.pendingChanges} changes are waiting. Correct the definition and store the roster again (its file in calendars/, or ${fix}); the waiting changes go out then.`;
    return html`<div class="card" data-roster="${roster.id}" data-unreadable><h2>${roster.name ?? roster.id}</h2><p class="error">${text}</p></div>`;
  });
}

/** How to make lichtruc push a roster: credentials on the server, and the calendar named in the roster. */
function howToConfigure(language: Language, serverHasProvider: boolean) {
  const t = translator(language);
  return html`<div class="muted"><p>${t('Lịch này chưa được đẩy lên Google Calendar hay Outlook; các đường liên kết ICS vẫn hoạt động bình thường. Để đẩy lên:', 'This roster is not pushed to Google Calendar or Outlook; its ICS links work as usual. To push it:')}</p>
<ol>${serverHasProvider ? '' : html`<li>${t('trên máy chủ, đặt GOOGLE_SERVICE_ACCOUNT_KEY (Google Calendar), hoặc MS_TENANT_ID, MS_CLIENT_ID và MS_CLIENT_SECRET (Outlook), rồi khởi động lại;', 'on the server, set GOOGLE_SERVICE_ACCOUNT_KEY (Google Calendar), or MS_TENANT_ID, MS_CLIENT_ID and MS_CLIENT_SECRET (Outlook), then restart;')}</li>`}
<li>${t('trong lịch trực, khai báo publish.google.calendarId hoặc publish.outlook.mailbox (xem README, mục “Push to Google Calendar” và “Push to Outlook”).', 'in the roster, set publish.google.calendarId or publish.outlook.mailbox (see the README, "Push to Google Calendar" and "Push to Outlook").')}</li></ol></div>`;
}

export function syncPage(
  view: AdminView,
  data: {
    status: Status;
    rosters: readonly StoredRoster[];
    progress: PushProgress | null;
    /** Rosters whose stored definition no longer reads (shown even with no calendar provider). */
    unreadable: readonly Unreadable[];
    /** Workers' queue messages that failed every retry (none on Node). */
    deadLetters: readonly DeadLetterView[];
    /** Failing notice channels per roster. */
    notices?: ReadonlyMap<string, readonly ChannelHealth[]>;
  },
) {
  const { language } = view;
  const t = translator(language);
  const { status } = data;
  const serverHasProvider = status.providers.length > 0;
  const names = new Map(data.rosters.map((stored) => [stored.id, stored.roster.name]));
  const name = (id: string) => names.get(id) ?? id;
  // A letter of one shown roster goes in its card; the others (fan-outs, several rosters) in a card of their own.
  const own = (letter: DeadLetterView) =>
    letter.rosterIds.length === 1 && names.has(letter.rosterIds[0]!) ? letter.rosterIds[0] : null;
  return html`${serverHasProvider ? '' : html`<p class="card">${t('Máy chủ chưa cấu hình Google Calendar hay Outlook: lịch chỉ được công bố qua các đường liên kết ICS.', 'No Google Calendar or Outlook account is configured on the server: rosters are published through the ICS links only.')}</p>`}
${data.progress ? progressLine(language, data.progress) : ''}
${withdrawalsCard(language, status.withdrawals)}
${unreadableCards(language, data.unreadable)}
${deadLettersCard(
  view,
  data.deadLetters.filter((letter) => own(letter) === null),
  name,
)}
${data.rosters.map((stored) => {
  const roster = status.rosters.find((entry) => entry.rosterId === stored.id);
  const providers = roster?.providers ?? [];
  // Resync only where there is something to push to; otherwise say how to set it up.
  const action =
    providers.length > 0
      ? html`<form method="post" action="${withLang(`/admin/sync/${stored.id}/preview`, language)}">${csrfInput(view)}<button type="submit">${t('Đồng bộ lại…', 'Resync…')}</button></form>`
      : howToConfigure(language, serverHasProvider);
  return html`<div class="card" data-roster="${stored.id}"><h2>${stored.roster.name}</h2>
${providers.length > 0 ? html`<p>${t('Thay đổi chờ đẩy lên', 'Changes waiting to be pushed')}: ${roster?.pendingChanges ?? 0}</p>` : ''}
${deadLetterLines(
  view,
  data.deadLetters.filter((letter) => own(letter) === stored.id),
  name,
)}
${healthBlock(data.notices?.get(stored.id) ?? [], language)}
${providers.map((provider) => providerLine(language, provider))}
${action}</div>`;
})}`;
}

/** A resync refused (no provider for the roster, or no such roster), in words. */
export function noProviderPage(view: AdminView, error: unknown) {
  const t = translator(view.language);
  return html`${errorBox(error, view.language)}${backLink(view, '/admin/sync', t('Đồng bộ lịch', 'Calendar sync'))}`;
}

export function resyncPreviewPage(view: AdminView, preview: Resync) {
  const { language } = view;
  const t = translator(language);
  return html`<p class="notice">${t('Xem trước: chưa có gì được ghi lên lịch.', 'Preview: nothing has been written yet.')}</p>
<div class="scroll"><table><thead><tr><th></th><th>${t('Tạo', 'Create')}</th><th>${t('Sửa', 'Update')}</th><th>${t('Xoá', 'Delete')}</th><th>${t('Nhận lại', 'Adopt')}</th><th>${t('Không đổi', 'Unchanged')}</th></tr></thead>
<tbody>${preview.results.map((result) => html`<tr><td>${providerName(result.provider)}</td><td>${result.plan.create}</td><td>${result.plan.update}</td><td>${result.plan.delete}</td><td>${result.plan.adopt}</td><td>${result.plan.unchanged}</td></tr>${result.error ? html`<tr><td colspan="6" class="error">${result.error}</td></tr>` : ''}`)}</tbody></table></div>
<form method="post" action="${withLang(`/admin/sync/${preview.rosterId}/run`, language)}">${csrfInput(view)}<div class="buttons"><button type="submit">${t('Đồng bộ lại ngay', 'Resync now')}</button></div></form>
${backLink(view, '/admin/sync', t('Đồng bộ lịch', 'Calendar sync'))}`;
}

/** Each provider's line while a resync runs (`running`) or once it is done. */
export function progressPage(
  view: AdminView,
  data: { providers: readonly ProviderStatus[]; running: readonly ProviderStatus[] },
) {
  const t = translator(view.language);
  const rows = data.providers.map((provider) => {
    const name = providerName(provider.provider);
    if (data.running.includes(provider)) {
      const progress = provider.progress
        ? `${provider.progress.done}/${provider.progress.total}`
        : t('đang chuẩn bị', 'preparing');
      return html`<li>${name}: ${t('đang đồng bộ', 'syncing')} (${progress})</li>`;
    }
    const result = provider.lastResult;
    return html`<li>${name}: ${t('xong', 'done')}${result ? html` · ${t('đã ghi', 'written')} ${result.applied ?? 0}, ${t('lỗi', 'failed')} ${result.failed ?? 0}, ${t('còn chờ', 'pending')} ${result.pending ?? 0}` : ''}${provider.lastError ? html`<p class="error">${provider.lastError}</p>` : ''}</li>`;
  });
  return html`<ul>${rows}</ul>${backLink(view, '/admin/sync', t('Đồng bộ lịch', 'Calendar sync'))}`;
}
