/** The audit log, filterable by roster and actor, a hundred entries a page. */
import { html } from 'hono/html';
import type { AuditRecord, StoredRoster } from '../../storage/records.ts';
import { type AdminView, instantText } from './admin-view.ts';
import { actionText, subjectText } from './audit-words.ts';
import { translator, withLang } from './layout.ts';

export interface AuditPageData {
  rosters: readonly StoredRoster[];
  entries: readonly AuditRecord[];
  rosterId: string | undefined;
  actor: string | undefined;
  /** The link to the next (older) page, when there may be one. */
  older: string | undefined;
}

export function auditPage(view: AdminView, data: AuditPageData) {
  const { language } = view;
  const t = translator(language);
  const { rosterId, actor } = data;
  const rosters = data.rosters.map((stored) => stored.roster);
  const rosterName = (id: string | null) =>
    data.rosters.find((stored) => stored.id === id)?.roster.name ?? id ?? '';
  return html`<form class="stack card" method="get" action="/admin/audit">${language === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<label>${t('Lịch trực', 'Roster')}<select name="rosterId"><option value="">${t('Tất cả', 'All')}</option>${data.rosters.map((stored) => html`<option value="${stored.id}"${stored.id === rosterId ? ' selected' : ''}>${stored.roster.name}</option>`)}</select></label>
<label>${t('Người thực hiện', 'Actor')}<input name="actor" value="${actor ?? ''}"></label>
<button type="submit">${t('Lọc', 'Filter')}</button></form>
<div class="scroll"><table><thead><tr><th scope="col">#</th><th scope="col">${t('Lúc', 'When')}</th><th scope="col">${t('Người thực hiện', 'Actor')}</th><th scope="col">${t('Thao tác', 'Action')}</th><th scope="col">${t('Lịch trực', 'Roster')}</th><th scope="col">${t('Nội dung', 'About')}</th></tr></thead>
<tbody>${data.entries.map((entry) => html`<tr data-action="${entry.action}"><td>${entry.seq}</td><td>${instantText(entry.at)}</td><td>${entry.actor}</td><td>${actionText(entry.action, language)}</td><td>${rosterName(entry.rosterId)}</td><td>${subjectText(entry, rosters, language)}</td></tr>`)}</tbody></table></div>
${data.older ? html`<p><a href="${withLang(data.older, language)}">${t('Cũ hơn →', 'Older →')}</a></p>` : ''}`;
}
