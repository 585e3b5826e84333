/**
 * The public desk page (`/desks/{id}`) and its embeddable snippet (`/desks/{id}/embed`): who is on duty today and in
 * the coming days, hours, place, closed days; subscribe links, a QR code of the page for the department's Zalo
 * group, and the iframe code for its website. Nothing but what public-desk.ts lets through.
 */
import { html } from 'hono/html';
import { effectiveOn } from '../../domain/effective.ts';
import { deskPlace, dutyText, type PublicDay } from '../../domain/public-desk.ts';
import { formatDayAndDate, type Language } from '../../domain/vietnamese.ts';
import type { PublicDesk } from '../../services/public-desk.ts';
import { page, translator, withLang } from './layout.ts';
import { qrSvg } from './qr.ts';
import { calendarAppLinks, subscribeButtons } from './staff-page.ts';

export function deskUrls(publicUrl: string, rosterId: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}/desks/${encodeURIComponent(rosterId)}`;
  return { page: base, feed: `${base}.ics`, embed: `${base}/embed` };
}

function deskTitle(desk: PublicDesk): string {
  const organisation = effectiveOn(desk.roster.organisation.names, desk.today);
  return `${desk.roster.desk.title} – ${organisation.name}`;
}

function dayItem(day: PublicDay, language: Language) {
  const t = translator(language);
  return html`<li class="${day.closed ? 'closed' : 'regular'}"><div class="when">${formatDayAndDate(day.date, language)}</div>
${day.closed ? html`<div>${t('Nghỉ', 'Closed')}: ${day.closed}</div>` : day.duties.map((duty) => html`<div>${dutyText(duty, language)}</div>`)}
${day.closed ? '' : html`<div class="muted">${day.hours} · ${day.place}</div>`}</li>`;
}

function todayBlock(desk: PublicDesk, language: Language) {
  const t = translator(language);
  const today = desk.days.find((day) => day.date === desk.today);
  const heading = html`<h2>${t('Hôm nay', 'Today')}, ${formatDayAndDate(desk.today, language)}</h2>`;
  if (!today)
    return html`${heading}<p class="card">${t(`${desk.roster.desk.title} không làm việc hôm nay.`, `${desk.roster.desk.title} is closed today.`)}</p>`;
  return html`${heading}<ul class="duty today">${dayItem(today, language)}</ul>`;
}

function weekBlock(desk: PublicDesk, language: Language) {
  const t = translator(language);
  const later = desk.days.filter((day) => day.date !== desk.today);
  return html`<h2>${t('Những ngày tới', 'The coming days')}</h2>
${later.length > 0 ? html`<ul class="duty">${later.map((day) => dayItem(day, language))}</ul>` : html`<p class="card">${t('Không có lịch trực trong những ngày tới.', 'No duty in the coming days.')}</p>`}`;
}

async function shareBlock(desk: PublicDesk, publicUrl: string, language: Language) {
  const t = translator(language);
  const urls = deskUrls(publicUrl, desk.roster.id);
  const links = calendarAppLinks(urls.feed, desk.roster.name);
  const snippet = `<iframe src="${urls.embed}" title="${deskTitle(desk)}" width="100%" height="420" style="border:0" loading="lazy"></iframe>`;
  return html`<h2>${t('Theo dõi lịch trực', 'Follow the duty roster')}</h2>
<div class="card">${subscribeButtons(links, language)}
<p class="muted">${t('Chia sẻ trang này vào nhóm Zalo hỗ trợ giải quyết thủ tục hành chính: gửi đường liên kết hoặc mã QR.', 'Share this page in the Zalo group for administrative procedures: post the link or the QR code.')}</p>
<p><span class="link">${urls.page}</span></p>
<div class="qr" role="img" aria-label="${t('Mã QR của trang lịch trực', 'QR code of this page')}">${await qrSvg(urls.page)}</div></div>
<h2>${t('Gắn vào trang web của cơ quan', "Embed in the department's website")}</h2>
<div class="card"><p class="muted">${t('Dán đoạn mã sau vào trang web:', 'Paste this code into the web page:')}</p>
<pre class="scroll"><code>${snippet}</code></pre></div>`;
}

export async function deskPage(desk: PublicDesk, publicUrl: string, language: Language) {
  const t = translator(language);
  const place = deskPlace(desk.roster, desk.today);
  const body = html`<p class="muted">${t('Địa điểm', 'Place')}: ${place}</p>
${todayBlock(desk, language)}
${weekBlock(desk, language)}
${await shareBlock(desk, publicUrl, language)}`;
  return page({ language, title: deskTitle(desk), path: `/desks/${desk.roster.id}`, body });
}

/** The snippet a website frames: today and the coming days, and a link to the full page. */
export function deskEmbed(desk: PublicDesk, publicUrl: string, language: Language) {
  const t = translator(language);
  const full = withLang(deskUrls(publicUrl, desk.roster.id).page, language);
  const body = html`${todayBlock(desk, language)}
${weekBlock(desk, language)}
<p><a href="${full}" target="_blank" rel="noopener">${t('Xem đầy đủ và đăng ký lịch', 'Full page and calendar subscription')}</a></p>`;
  const path = `/desks/${desk.roster.id}/embed`;
  return page({ language, title: deskTitle(desk), path, body, bare: true });
}
