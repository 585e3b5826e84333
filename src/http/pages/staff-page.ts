/**
 * The page of a feed link, phone first: the coming duties at the top (the next ones fit a 390 × 844 screen), then
 * how to subscribe, with one button per calendar people actually have, the https link for apps that refuse
 * webcal, and a QR code shown on large screens (where a phone can scan it) and folded on small ones.
 * Formal address throughout, as in official writing: the officer by honorific and name, never "bạn".
 */
import { html } from 'hono/html';
import { formatDate, type Language, memberName } from '../../domain/vietnamese.ts';
import { feedUrls } from '../../services/feed-links.ts';
import { type ShownSchedule, STAFF_WEEKS } from '../../services/staff-schedule.ts';
import { type Markup, page, translator } from './layout.ts';
import { qrSvg } from './qr.ts';
import { dutyList } from './staff-duties.ts';

/** Duties listed before the rest are folded: enough for two weeks of a primary officer. */
const FIRST_DUTIES = 6;

/** The add-by-URL links of the calendar apps people use, for the feed at `url`. */
export function calendarAppLinks(url: string, name: string) {
  const webcalUrl = url.replace(/^https?:/, 'webcal:');
  const addFromWeb = (host: string) =>
    `https://${host}/calendar/0/addfromweb?url=${encodeURIComponent(url)}&name=${encodeURIComponent(name)}`;
  return {
    url,
    webcalUrl,
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl)}`,
    /** Outlook on the web of a work or school account (Microsoft 365), as government offices use. */
    outlookWork: addFromWeb('outlook.office.com'),
    /** Outlook.com, a personal Microsoft account. */
    outlookPersonal: addFromWeb('outlook.live.com'),
  };
}

/** The links of a secret feed link. */
export function subscribeLinks(publicUrl: string, token: string, name: string) {
  return calendarAppLinks(feedUrls(publicUrl, token).url, name);
}

/** One button per calendar app people have (also on the public desk page). */
export function subscribeButtons(links: ReturnType<typeof calendarAppLinks>, language: Language) {
  const t = translator(language);
  return html`<div class="buttons">
<a class="button" href="${links.webcalUrl}">iPhone / iPad</a>
<a class="button" href="${links.google}" rel="noreferrer">Android – Google Calendar</a>
<a class="button" href="${links.outlookWork}" rel="noreferrer">${t('Outlook (cơ quan)', 'Outlook (work)')}</a>
<a class="button" href="${links.outlookPersonal}" rel="noreferrer">Outlook.com</a>
<a class="button secondary" href="${links.url}" download="lich-truc.ics">${t('Tải tệp .ics', 'Download .ics')}</a>
</div>`;
}

/** The subscribe buttons, the https link and the QR code: on the staff page, and once after an admin creates a link. */
export async function subscribeBlock(
  publicUrl: string,
  token: string,
  name: string,
  language: Language,
) {
  const t = translator(language);
  const links = subscribeLinks(publicUrl, token, name);
  const qr = await qrSvg(links.url);
  const qrLabel = t('Mã QR của đường liên kết lịch', 'QR code of the calendar link');
  return html`<div class="card subscribe" id="dang-ky">
<p>${t('Chọn ứng dụng lịch đang dùng; lịch sẽ tự cập nhật khi có thay đổi.', 'Choose the calendar app you use; the calendar updates itself when something changes.')}</p>
${subscribeButtons(links, language)}
<label class="copy">${t('Nếu ứng dụng không mở được các nút trên, xin sao chép đường liên kết này vào mục “Thêm lịch từ URL” (Add calendar from URL):', 'If the app cannot open the buttons above, copy this link into its “Add calendar from URL”:')}
<input type="text" readonly value="${links.url}" inputmode="url" spellcheck="false"></label>
<div class="qr-wide"><p class="muted">${t('Quét mã QR bằng điện thoại để đăng ký:', 'Scan the QR code with a phone to subscribe:')}</p>
<div class="qr" role="img" aria-label="${qrLabel}">${qr}</div></div>
<details class="qr-fold"><summary>${t('Mã QR (để quét từ máy khác)', 'QR code (to scan from another device)')}</summary>
<div class="qr" role="img" aria-label="${qrLabel}">${qr}</div></details>
</div>`;
}

export async function staffPage(
  schedule: ShownSchedule,
  token: string,
  publicUrl: string,
  language: Language,
  extra: Markup | '' = '',
) {
  const t = translator(language);
  const mine = schedule.memberId !== null;
  const whom = schedule.member ? memberName(schedule.member, language) : '';
  const period = `${formatDate(schedule.from)} – ${formatDate(schedule.to)}`;
  const body = html`<p class="lead">${t(`Lịch trực ${STAFF_WEEKS} tuần tới (${period}).`, `Duties of the next ${STAFF_WEEKS} weeks (${period}).`)} <a href="#dang-ky">${t('Đăng ký lịch vào điện thoại', 'Add to your phone’s calendar')}</a></p>
<h2>${t('Lịch trực sắp tới', 'Upcoming duties')}</h2>
${schedule.duties.length > 0 ? dutyList(schedule.duties, { mine, language, shown: FIRST_DUTIES }) : html`<p class="card">${t('Không có ca trực nào trong thời gian này.', 'No duty in this period.')}</p>`}
<h2>${t('Đăng ký lịch', 'Subscribe')}</h2>
${await subscribeBlock(publicUrl, token, schedule.name, language)}
${
  mine
    ? html`<h2>${whom ? t(`Người trực thay ${whom}`, `Who covers for ${whom}`) : t('Người trực thay', 'Covers')}</h2>
${schedule.coveredBy.length > 0 ? dutyList(schedule.coveredBy, { mine: false, language }) : html`<p class="card">${t('Không có ngày nào cần người trực thay trong thời gian này.', 'No cover is needed in this period.')}</p>`}`
    : ''
}
${extra}`;
  return page({ language, title: schedule.name, path: `/my/${token}`, body });
}
