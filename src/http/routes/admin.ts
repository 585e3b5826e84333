/**
 * The admin pages of rosters: the list, a month grid per roster, a day's form to set an override or record an
 * absence with a preview of what changes before it is saved, and the absences with delete.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { isIsoDate, weekdayOf } from '../../domain/dates.ts';
import {
  type Absence,
  AbsenceSchema,
  type Override,
  OverrideSchema,
} from '../../domain/facts-schema.ts';
import { reasonText } from '../../domain/event-text.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { SlotChange } from '../../domain/slot-diff.ts';
import {
  formatDate,
  formatDayAndDate,
  type Language,
  memberName,
} from '../../domain/vietnamese.ts';
import { dateInZone } from '../../domain/zone.ts';
import { addAbsence, planAbsence } from '../../services/add-absence.ts';
import { previewFacts } from '../../services/change-facts.ts';
import { ServiceError } from '../../services/errors.ts';
import { getSchedule } from '../../services/get-schedule.ts';
import { formatMonth, lastDayOf } from '../../services/month-locks.ts';
import { removeFact } from '../../services/remove-fact.ts';
import { requireRoster } from '../../services/roster-state.ts';
import { planOverride, setOverride } from '../../services/set-override.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, type Markup, translator, withLang } from '../pages/layout.ts';
import { kindText, whoText } from '../pages/slot-text.ts';
import { param, parseWith, serviceContext } from '../request.ts';
import { adminPage, csrfField, type Form, readForm, sessionOfRequest } from './admin-auth.ts';

export const admin = new Hono<HonoEnv>();

const REASONS = ['leave', 'training', 'sick', 'business', 'other'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const langOf = (c: Context<HonoEnv>): Language => languageOf(c.req.query('lang'));
const ctxOf = (c: Context<HonoEnv>) => serviceContext(c, sessionOfRequest(c).actor);

/** A service's refusal in words: the Vietnamese title, the message and the failing fields. */
export function errorBox(error: unknown, language: Language): Markup {
  if (!(error instanceof ServiceError)) throw error;
  const t = translator(language);
  const title =
    error.kind === 'conflict'
      ? t('Xung đột dữ liệu', 'Conflict')
      : error.kind === 'not-found'
        ? t('Không tìm thấy', 'Not found')
        : t('Không lưu được', 'Not saved');
  const fields = error.fields.filter((field) => field.message !== error.message);
  return html`<div class="error" role="alert"><strong>${title}:</strong> ${error.message}${fields.length > 0 ? html`<ul>${fields.map((field) => html`<li>${field.field}: ${field.message}</li>`)}</ul>` : ''}</div>`;
}

admin.get('/admin', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const rosters = await ctx.store.listRosters();
  const body = html`<ul class="duty">${rosters.map((stored) => {
    const month = dateInZone(ctx.now(), stored.roster.timeZone).slice(0, 7);
    return html`<li><div class="when">${stored.roster.name}</div>
<div class="muted">${stored.id} · ${stored.roster.members.length} ${t('người', 'members')}</div>
<div class="buttons"><a class="button" href="${withLang(`/admin/rosters/${stored.id}?month=${month}`, language)}">${t('Lịch tháng', 'Month')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${stored.id}/absences`, language)}">${t('Ngày vắng', 'Absences')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${stored.id}/members`, language)}">${t('Thành viên', 'Members')}</a>
<a class="button secondary" href="${withLang(`/admin/audit?rosterId=${stored.id}`, language)}">${t('Nhật ký', 'Audit log')}</a></div></li>`;
  })}</ul>`;
  return adminPage(c, t('Các lịch trực', 'Rosters'), body);
});

function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

admin.get('/admin/rosters/:id', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const id = param(c, 'id');
  const stored = await requireRoster(ctx, id);
  const asked = c.req.query('month');
  const month =
    asked && MONTH.test(asked) ? asked : dateInZone(ctx.now(), stored.roster.timeZone).slice(0, 7);
  const first = `${month}-01`;
  const last = lastDayOf(month);
  const schedule = await getSchedule(ctx, id, { from: first, to: last }, language);
  const days: string[] = [];
  for (let day = 1; day <= Number(last.slice(8)); day++)
    days.push(`${month}-${String(day).padStart(2, '0')}`);
  const cells: (string | null)[] = [
    ...Array.from({ length: weekdayOf(first) - 1 }, () => null),
    ...days,
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, index) =>
    cells.slice(index * 7, index * 7 + 7),
  );
  const weekdays =
    language === 'en'
      ? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
      : ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
  const cell = (date: string | null) => {
    if (!date) return html`<td class="out"></td>`;
    const closed = schedule.closedDays.find((day) => day.date === date);
    const slots = schedule.slots.filter((slot) => slot.date === date);
    return html`<td class="${closed ? 'closed' : ''}" data-date="${date}"><a class="day" href="${withLang(`/admin/rosters/${id}/days/${date}`, language)}">${formatDate(date).slice(0, 5)}</a>
${closed ? html`<div class="holiday">${closed.name}</div>` : ''}
${slots.map((slot) => html`<div class="slot"><span class="kind ${slot.kind}">${kindText(slot.kind, language)}</span> ${slot.memberName ?? '—'}</div>`)}</td>`;
  };
  const saved = c.req.query('saved');
  const body = html`<p>${stored.roster.name}</p>
${saved ? html`<p class="notice" role="status">${t('Đã lưu thay đổi.', 'The change was saved.')}</p>` : ''}
<div class="buttons"><a class="button secondary" href="${withLang(`/admin/rosters/${id}?month=${shiftMonth(month, -1)}`, language)}">← ${formatMonth(shiftMonth(month, -1))}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}?month=${shiftMonth(month, 1)}`, language)}">${formatMonth(shiftMonth(month, 1))} →</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/absences`, language)}">${t('Ngày vắng', 'Absences')}</a>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/members`, language)}">${t('Thành viên', 'Members')}</a></div>
<p class="muted">${t('Chọn một ngày để phân công trực hoặc ghi nhận ngày vắng.', 'Pick a day to set an override or record an absence.')}</p>
<div class="scroll"><table class="month"><thead><tr>${weekdays.map((name) => html`<th>${name}</th>`)}</tr></thead>
<tbody>${weeks.map((week) => html`<tr>${week.map(cell)}</tr>`)}</tbody></table></div>
${schedule.conflicts.length > 0 ? html`<h2>${t('Không áp dụng được', 'Could not apply')}</h2><ul>${schedule.conflicts.map((conflict) => html`<li>${formatDate(conflict.date)}: ${conflict.message}</li>`)}</ul>` : ''}`;
  return adminPage(c, `${t('Lịch tháng', 'Month')} ${formatMonth(month)}`, body);
});

function memberOptions(roster: Roster, language: Language, selected?: string) {
  return roster.members.map(
    (member) =>
      html`<option value="${member.id}"${member.id === selected ? ' selected' : ''}>${memberName(member, language)}</option>`,
  );
}

async function dayPage(c: Context<HonoEnv>, error?: unknown, form: Form = {}) {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const id = param(c, 'id');
  const date = param(c, 'date');
  if (!isIsoDate(date))
    return adminPage(
      c,
      t('Không tìm thấy', 'Not found'),
      html`<p class="error">${t('Ngày không hợp lệ.', 'Not a valid date.')}</p>`,
      404,
    );
  const stored = await requireRoster(ctx, id);
  const roster = stored.roster;
  const schedule = await getSchedule(ctx, id, { from: date, to: date }, language);
  const closed = schedule.closedDays[0];
  const action = withLang(`/admin/rosters/${id}/days/${date}/preview`, language);
  const reason = html`<label>${t('Lý do sửa tháng đã chốt (chỉ khi tháng đã chốt số liệu)', 'Why a closed month is changed (only when the month is closed)')}<input name="correctionReason" value="${form.correctionReason ?? ''}"></label>`;
  const body = html`${error ? errorBox(error, language) : ''}
<p><a href="${withLang(`/admin/rosters/${id}?month=${date.slice(0, 7)}`, language)}">← ${t('Lịch tháng', 'Month')} ${formatMonth(date.slice(0, 7))}</a></p>
${closed ? html`<p class="card">${t('Ngày nghỉ', 'Closed')}: ${closed.name}</p>` : ''}
<ul class="duty">${schedule.slots.map((slot) => html`<li class="${slot.kind}"><span class="kind ${slot.kind}">${kindText(slot.kind, language)}</span> ${slot.title}</li>`)}</ul>
${
  schedule.slots.length > 0
    ? html`<h2>${t('Phân công người trực', 'Set who serves')}</h2>
<form class="stack card" method="post" action="${action}">${csrfField(c)}<input type="hidden" name="kind" value="override">
${schedule.slots.length > 1 ? html`<label>${t('Vị trí', 'Position')}<select name="position">${schedule.slots.map((slot) => html`<option value="${slot.position}">${slot.position}</option>`)}</select></label>` : ''}
<label>${t('Người trực', 'Officer')}<select name="memberId">${memberOptions(roster, language, form.kind === 'override' ? form.memberId : undefined)}</select></label>
<label>${t('Ghi chú', 'Note')}<input name="note" maxlength="500" value="${form.kind === 'override' ? (form.note ?? '') : ''}"></label>
${reason}
<button type="submit">${t('Xem trước thay đổi', 'Preview the change')}</button></form>`
    : ''
}
<h2>${t('Ghi nhận ngày vắng', 'Record an absence')}</h2>
<form class="stack card" method="post" action="${action}">${csrfField(c)}<input type="hidden" name="kind" value="absence">
<label>${t('Người vắng', 'Who is away')}<select name="memberId">${memberOptions(roster, language, form.kind === 'absence' ? form.memberId : (schedule.slots[0]?.memberId ?? undefined))}</select></label>
<label>${t('Từ ngày', 'From')}<input type="date" name="from" required value="${form.from ?? date}"></label>
<label>${t('Đến ngày', 'To')}<input type="date" name="to" required value="${form.to ?? date}"></label>
<label>${t('Lý do', 'Reason')}<select name="reason">${REASONS.map((value) => html`<option value="${value}"${form.reason === value ? ' selected' : ''}>${reasonText(value, language)}</option>`)}</select></label>
<label>${t('Ghi chú', 'Note')}<input name="note" maxlength="500" value="${form.kind === 'absence' ? (form.note ?? '') : ''}"></label>
${reason}
<button type="submit">${t('Xem trước thay đổi', 'Preview the change')}</button></form>`;
  return adminPage(c, formatDayAndDate(date, language), body, error ? 422 : 200);
}

admin.get('/admin/rosters/:id/days/:date', (c) => dayPage(c));

type Planned = { kind: 'absence'; input: Absence } | { kind: 'override'; input: Override };

/** The change a day form asks for, validated by the same schemas as the API. */
function plannedOf(c: Context<HonoEnv>, form: Form): Planned {
  const optional = (value: string | undefined) =>
    value && value.trim() !== '' ? value.trim() : undefined;
  if (form.kind === 'override') {
    return {
      kind: 'override',
      input: parseWith(
        OverrideSchema,
        {
          date: param(c, 'date'),
          position: optional(form.position),
          memberId: form.memberId,
          note: optional(form.note),
        },
        'the form',
      ),
    };
  }
  return {
    kind: 'absence',
    input: parseWith(
      AbsenceSchema,
      {
        memberId: form.memberId,
        from: form.from,
        to: form.to,
        reason: form.reason,
        note: optional(form.note),
      },
      'the form',
    ),
  };
}

function changesTable(roster: Roster, changes: readonly SlotChange[], language: Language) {
  const t = translator(language);
  if (changes.length === 0)
    return html`<p class="card">${t('Không ca trực nào thay đổi.', 'No duty slot changes.')}</p>`;
  return html`<div class="scroll"><table class="changes"><thead><tr><th>${t('Ngày', 'Day')}</th><th>${t('Trước', 'Before')}</th><th>${t('Sau', 'After')}</th></tr></thead>
<tbody>${changes.map((change) => {
    const slot = change.after ?? change.before!;
    return html`<tr><td>${formatDayAndDate(slot.date, language)}</td><td class="before">${change.before ? whoText(roster, change.before, language) : '—'}</td><td class="after">${change.after ? whoText(roster, change.after, language) : '—'}</td></tr>`;
  })}</tbody></table></div>`;
}

admin.post('/admin/rosters/:id/days/:date/preview', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const form = await readForm(c);
  const id = param(c, 'id');
  const ctx = { ...ctxOf(c), correctionReason: form.correctionReason?.trim() || undefined };
  try {
    const planned = plannedOf(c, form);
    const plan =
      planned.kind === 'absence'
        ? planAbsence(ctx, id, planned.input)
        : planOverride(ctx, id, planned.input);
    const { state, changedSlots } = await previewFacts(
      ctx,
      id,
      plan as Parameters<typeof previewFacts>[2],
    );
    const hidden = Object.entries(form)
      .filter(([key]) => key !== 'csrf')
      .map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}">`);
    const body = html`<p class="notice">${t('Xem trước: chưa có gì được lưu. Kiểm tra các ca thay đổi rồi bấm Xác nhận.', 'Preview: nothing is saved yet. Check the changed slots, then confirm.')}</p>
${changesTable(state.stored.roster, changedSlots, language)}
<form method="post" action="${withLang(`/admin/rosters/${id}/days/${param(c, 'date')}/confirm`, language)}">${csrfField(c)}${hidden}
<div class="buttons"><button type="submit">${t('Xác nhận và lưu', 'Confirm and save')}</button>
<a class="button secondary" href="${withLang(`/admin/rosters/${id}/days/${param(c, 'date')}`, language)}">${t('Huỷ', 'Cancel')}</a></div></form>`;
    return adminPage(
      c,
      `${t('Xem trước', 'Preview')} – ${formatDayAndDate(param(c, 'date'), language)}`,
      body,
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return dayPage(c, error, form);
  }
});

admin.post('/admin/rosters/:id/days/:date/confirm', async (c) => {
  const language = langOf(c);
  const form = await readForm(c);
  const id = param(c, 'id');
  const ctx = { ...ctxOf(c), correctionReason: form.correctionReason?.trim() || undefined };
  try {
    const planned = plannedOf(c, form);
    if (planned.kind === 'absence') await addAbsence(ctx, id, planned.input);
    else await setOverride(ctx, id, planned.input);
    return c.redirect(
      withLang(`/admin/rosters/${id}?month=${param(c, 'date').slice(0, 7)}&saved=1`, language),
      303,
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return dayPage(c, error, form);
  }
});

admin.get('/admin/rosters/:id/absences', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const id = param(c, 'id');
  const roster = (await requireRoster(ctx, id)).roster;
  const absences = (await ctx.store.factsOf(id)).absences;
  const name = (memberId: string) => {
    const member = roster.members.find((candidate) => candidate.id === memberId);
    return member ? memberName(member, language) : memberId;
  };
  const body = html`<p>${roster.name}</p>${c.req.query('deleted') ? html`<p class="notice" role="status">${t('Đã xoá.', 'Deleted.')}</p>` : ''}
${
  absences.length === 0
    ? html`<p class="card">${t('Chưa có ngày vắng nào.', 'No absences yet.')}</p>`
    : html`<div class="scroll"><table><thead><tr><th>${t('Người vắng', 'Who')}</th><th>${t('Từ ngày', 'From')}</th><th>${t('Đến ngày', 'To')}</th><th>${t('Lý do', 'Reason')}</th><th></th></tr></thead>
<tbody>${absences.map(
        (
          absence,
        ) => html`<tr><td>${name(absence.memberId)}</td><td>${formatDate(absence.from)}</td><td>${formatDate(absence.to)}</td><td>${reasonText(absence.reason, language)}${absence.note ? html`<div class="muted">${absence.note}</div>` : ''}</td>
<td><form method="post" action="${withLang(`/admin/rosters/${id}/absences/${absence.id}/delete`, language)}">${csrfField(c)}<input name="correctionReason" placeholder="${t('Lý do (nếu tháng đã chốt)', 'Reason (if the month is closed)')}"><button class="danger" type="submit">${t('Xoá', 'Delete')}</button></form></td></tr>`,
      )}</tbody></table></div>`
}`;
  return adminPage(c, t('Ngày vắng', 'Absences'), body);
});

admin.post('/admin/rosters/:id/absences/:absenceId/delete', async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const form = await readForm(c);
  const id = param(c, 'id');
  try {
    await removeFact(
      { ...ctxOf(c), correctionReason: form.correctionReason?.trim() || undefined },
      id,
      'absences',
      param(c, 'absenceId'),
    );
    return c.redirect(withLang(`/admin/rosters/${id}/absences?deleted=1`, language), 303);
  } catch (error) {
    return adminPage(
      c,
      t('Ngày vắng', 'Absences'),
      html`${errorBox(error, language)}<p><a href="${withLang(`/admin/rosters/${id}/absences`, language)}">${t('Quay lại', 'Back')}</a></p>`,
      422,
    );
  }
});
