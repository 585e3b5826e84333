/** The page of a feed link: upcoming duties and one-tap subscribe links, with a QR code to scan from a desktop. */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import { feedUrls } from '../../services/feed-links.ts';
import { STAFF_WEEKS, type StaffSchedule, type StaffSlot } from '../../services/staff-schedule.ts';
import { formatDate } from '../../domain/vietnamese.ts';
import { page, translator } from './layout.ts';
import { qrSvg } from './qr.ts';
import { dayText, hoursText, placeText, whoText } from './slot-text.ts';

/** The add-by-URL links of the calendar apps people use. */
export function subscribeLinks(publicUrl: string, token: string, name: string) {
  const { url, webcalUrl } = feedUrls(publicUrl, token);
  return {
    url,
    webcalUrl,
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(url)}&name=${encodeURIComponent(name)}`,
  };
}

/** The subscribe buttons and the QR code: on the staff page, and once after an admin creates a link. */
export async function subscribeBlock(
  publicUrl: string,
  token: string,
  name: string,
  language: Language,
) {
  const t = translator(language);
  const links = subscribeLinks(publicUrl, token, name);
  return html`<div class="card subscribe">
<p>${t('Đăng ký lịch này trên điện thoại hoặc máy tính (lịch tự cập nhật khi có thay đổi):', 'Subscribe to this calendar on a phone or computer (it updates itself when something changes):')}</p>
<div class="buttons">
<a class="button" href="${links.webcalUrl}">${t('Đăng ký (webcal)', 'Subscribe (webcal)')}</a>
<a class="button" href="${links.google}" rel="noreferrer">${t('Thêm vào Google Calendar', 'Add to Google Calendar')}</a>
<a class="button" href="${links.outlook}" rel="noreferrer">${t('Thêm vào Outlook', 'Add to Outlook')}</a>
<a class="button secondary" href="${links.url}" download="lich-truc.ics">${t('Tải tệp .ics', 'Download .ics')}</a>
</div>
<p class="muted">${t('Đường liên kết', 'Link')}: <span class="link">${links.url}</span></p>
<p class="muted">${t('Quét mã QR bằng điện thoại để đăng ký:', 'Scan the QR code with a phone to subscribe:')}</p>
<div class="qr" role="img" aria-label="${t('Mã QR của đường liên kết lịch', 'QR code of the calendar link')}">${await qrSvg(links.url)}</div>
</div>`;
}

function dutyList(items: readonly StaffSlot[], language: Language) {
  return html`<ul class="duty">${items.map(
    ({
      roster,
      slot,
    }) => html`<li class="${slot.kind}"><div class="when">${dayText(slot, language)}</div>
<div>${whoText(roster, slot, language)}</div>
<div class="muted">${hoursText(slot)} · ${placeText(roster, slot)}</div></li>`,
  )}</ul>`;
}

export async function staffPage(
  schedule: Extract<StaffSchedule, { status: 200 }>,
  token: string,
  publicUrl: string,
  language: Language,
) {
  const t = translator(language);
  const body = html`<p>${t(`Lịch trực ${STAFF_WEEKS} tuần tới, từ ${formatDate(schedule.from)} đến ${formatDate(schedule.to)}.`, `Duties of the next ${STAFF_WEEKS} weeks, ${formatDate(schedule.from)} to ${formatDate(schedule.to)}.`)}</p>
${await subscribeBlock(publicUrl, token, schedule.name, language)}
<h2>${t('Lịch trực sắp tới', 'Upcoming duties')}</h2>
${schedule.duties.length > 0 ? dutyList(schedule.duties, language) : html`<p class="card">${t('Không có ca trực nào trong thời gian này.', 'No duty in this period.')}</p>`}
${
  schedule.memberId
    ? html`<h2>${t('Người trực thay cho bạn', 'Who covers for you')}</h2>
${schedule.coveredBy.length > 0 ? dutyList(schedule.coveredBy, language) : html`<p class="card">${t('Không có ca nào có người trực thay.', 'Nobody covers for you in this period.')}</p>`}`
    : ''
}`;
  return page({ language, title: schedule.name, path: `/my/${token}`, body });
}
