/**
 * The form an officer asks for an absence with, a page of its own under their link (only they open it): it names
 * every reason, sensitive ones included, which the staff page itself never does.
 */
import { html } from 'hono/html';
import { reasonText } from '../../domain/event-text.ts';
import { AbsenceReasonSchema } from '../../domain/facts-schema.ts';
import type { Language } from '../../domain/vietnamese.ts';
import type { StoredRoster } from '../../storage/records.ts';
import type { Form } from './admin-view.ts';
import { errorBox } from './admin-view.ts';
import { page, translator, withLang } from './layout.ts';
import { rosterField } from './staff-requests.ts';

export interface AbsenceRequestView {
  token: string;
  formToken: string;
  rosters: readonly StoredRoster[];
  language: Language;
  /** A refused post: the reason, and the fields as they were sent. */
  error?: unknown;
  form?: Form;
}

export function absenceRequestPage(view: AbsenceRequestView) {
  const t = translator(view.language);
  const form = view.form ?? {};
  const action = withLang(`/my/${view.token}/requests/absence`, view.language);
  const body = html`${view.error ? errorBox(view.error, view.language) : ''}
<p><a href="${withLang(`/my/${view.token}`, view.language)}#yeu-cau">← ${t('Lịch trực của tôi', 'My duties')}</a></p>
<form class="stack card" method="post" action="${action}"><input type="hidden" name="form" value="${view.formToken}">${rosterField(view.rosters, view.language)}
<label>${t('Từ ngày', 'From')}<input type="date" name="from" required value="${form.from ?? ''}"></label>
<label>${t('Đến ngày', 'To')}<input type="date" name="to" required value="${form.to ?? ''}"></label>
<label>${t('Lý do', 'Reason')}<select name="reason">${AbsenceReasonSchema.options.map((value) => html`<option value="${value}"${form.reason === value ? ' selected' : ''}>${reasonText(value, view.language)}</option>`)}</select></label>
<label>${t('Ghi chú (chỉ người duyệt đọc)', 'Note (only the approver reads it)')}<input name="note" maxlength="500" value="${form.note ?? ''}"></label>
<p class="muted">${t('Ốm đau, việc riêng chỉ hiện là “vắng” với đồng nghiệp.', 'Sick leave and personal matters show as “away” to colleagues.')}</p>
<button type="submit">${t('Gửi đề nghị nghỉ', 'Ask for the absence')}</button></form>`;
  return page({
    language: view.language,
    title: t('Đề nghị nghỉ', 'Ask for an absence'),
    path: `/my/${view.token}/requests/absence`,
    body,
  });
}
