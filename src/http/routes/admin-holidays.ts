/**
 * The admin page of the holiday table: a year's entries (official, estimated "dự kiến", pending "chờ hiệu lực") and
 * the forms for a late government notice: a swapped day with its làm bù Saturday, a pending day coming into force,
 * undoing an admin's edit or removing a day. Every change goes through putHolidayEntry, like the API.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { isIsoDate } from '../../domain/dates.ts';
import type {
  HolidayEntry,
  HolidayKind,
  HolidaySource,
  HolidayStatus,
  HolidayTable,
} from '../../domain/holiday-schema.ts';
import { HolidaySourceSchema } from '../../domain/holiday-schema.ts';
import {
  formatDate,
  formatDayAndDate,
  type Language,
  weekdayName,
} from '../../domain/vietnamese.ts';
import { dateInZone } from '../../domain/zone.ts';
import {
  baseHolidayEntry,
  checkHolidayEntries,
  getHolidayTable,
  holidayEditsOf,
  putHolidayEntry,
} from '../../services/edit-holidays.ts';
import { invalid, ServiceError } from '../../services/errors.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, translator, withLang } from '../pages/layout.ts';
import { param, parseWith, serviceContext } from '../request.ts';
import { errorBox } from './admin.ts';
import { adminPage, csrfField, type Form, readForm, sessionOfRequest } from './admin-auth.ts';
import { slugOf } from '../../domain/schema-primitives.ts';

export const adminHolidays = new Hono<HonoEnv>();

const ZONE = 'Asia/Ho_Chi_Minh';
const langOf = (c: Context<HonoEnv>): Language => languageOf(c.req.query('lang'));
const ctxOf = (c: Context<HonoEnv>) => serviceContext(c, sessionOfRequest(c).actor);

/** The year asked for (`?year=`), else the current one in Vietnam. */
function yearOf(c: Context<HonoEnv>): number {
  const asked = c.req.query('year');
  if (asked && /^\d{4}$/.test(asked) && Number(asked) >= 1976 && Number(asked) <= 2199)
    return Number(asked);
  return Number(dateInZone(c.get('deps').now(), ZONE).slice(0, 4));
}

export function holidayKindText(kind: HolidayKind, language: Language): string {
  const t = translator(language);
  switch (kind) {
    case 'holiday':
      return t('Ngày lễ', 'Public holiday');
    case 'compensatory':
      return t('Nghỉ bù', 'Day in lieu');
    case 'swapped':
      return t('Nghỉ hoán đổi', 'Swapped day off');
    case 'makeup-workday':
      return t('Làm bù', 'Make-up working day');
  }
}

export function holidayStatusText(status: HolidayStatus, language: Language): string {
  const t = translator(language);
  if (status === 'official') return t('chính thức', 'official');
  if (status === 'estimated') return t('dự kiến', 'estimated');
  return t('chờ hiệu lực', 'pending');
}

/** `2024-04-12` → `12/04/2024`, `2026-06` → `06/2026` (a document whose day is not known). */
const documentDate = (date: string) =>
  date.length === 7 ? `${date.slice(5, 7)}/${date.slice(0, 4)}` : formatDate(date);

function sourceText(table: HolidayTable, id: string | undefined, language: Language): string {
  if (!id) return '—';
  const source = table.sources.find((candidate) => candidate.id === id);
  if (!source) return id;
  const t = translator(language);
  return `${source.number} ${t('ngày', 'of')} ${documentDate(source.date)} – ${source.issuer}${source.title ? ` (${source.title})` : ''}`;
}

/** A source id from the document's number: `99/TB-VPCP` → `99-tb-vpcp`; another id when the table holds a different document under it. */
function sourceIdOf(table: HolidayTable, source: Omit<HolidaySource, 'id'>): string {
  const base = slugOf(source.number, 56) || `van-ban-${source.date}`.replace(/[^a-z0-9-]/g, '');
  const same = (known: HolidaySource) =>
    known.number === source.number && known.date === source.date && known.issuer === source.issuer;
  for (let index = 1; ; index++) {
    const id = index === 1 ? base : `${base}-${index}`;
    const known = table.sources.find((candidate) => candidate.id === id);
    if (!known || same(known)) return id;
  }
}

const optional = (value: string | undefined) =>
  value && value.trim() !== '' ? value.trim() : undefined;

/** The notice a form cites: number, date, issuer (and an optional title), validated like the API's. */
function sourceOf(table: HolidayTable, form: Form): HolidaySource {
  const fields = {
    number: optional(form.sourceNumber),
    date: optional(form.sourceDate),
    issuer: optional(form.sourceIssuer),
    title: optional(form.sourceTitle),
  };
  const { number, date, issuer } = fields;
  if (!number || !date || !issuer) {
    const missing = (['sourceNumber', 'sourceDate', 'sourceIssuer'] as const).filter(
      (name) => !optional(form[name]),
    );
    throw invalid(
      'the source document needs its number, its date and its issuer',
      missing.map((field) => ({ field, message: 'required' })),
    );
  }
  return parseWith(
    HolidaySourceSchema,
    { id: sourceIdOf(table, { number, date, issuer }), ...fields },
    'the source document',
  );
}

function dateField(form: Form, name: string): string {
  const value = form[name]?.trim() ?? '';
  if (!isIsoDate(value))
    throw invalid('the date is not valid', [
      { field: name, message: 'expected a real date written YYYY-MM-DD' },
    ]);
  return value;
}

const withReason = (c: Context<HonoEnv>, form: Form) => ({
  ...ctxOf(c),
  correctionReason: optional(form.correctionReason),
});

async function holidaysPage(
  c: Context<HonoEnv>,
  error?: unknown,
  form: Form = {},
  year = yearOf(c),
) {
  const language = langOf(c);
  const t = translator(language);
  const ctx = ctxOf(c);
  const table = await getHolidayTable(ctx, year);
  const edits = await holidayEditsOf(ctx, year);
  const editOf = (date: string) => edits.find((edit) => edit.date === date);
  const pending = table.entries.filter((entry) => entry.status === 'pending');
  const action = (path: string) => withLang(`${path}?year=${year}`, language);
  const name = (entry: HolidayEntry) =>
    language === 'en' && entry.nameEn ? entry.nameEn : entry.name;
  const reasonField = html`<label>${t('Lý do sửa tháng đã chốt (chỉ khi tháng đã chốt số liệu)', 'Why a closed month is changed (only when the month is closed)')}<input name="correctionReason" maxlength="500" value="${form.correctionReason ?? ''}"></label>`;
  const sourceFields = html`<fieldset class="stack"><legend>${t('Văn bản', 'Source document')}</legend>
<label>${t('Số hiệu văn bản', 'Document number')}<input name="sourceNumber" required maxlength="200" placeholder="5015/TB-LĐTBXH" value="${form.sourceNumber ?? ''}"></label>
<label>${t('Ngày ban hành (YYYY-MM-DD, hoặc YYYY-MM nếu chưa rõ ngày)', 'Date issued (YYYY-MM-DD, or YYYY-MM when the day is not known)')}<input name="sourceDate" required maxlength="10" placeholder="${year}-04-12" value="${form.sourceDate ?? ''}"></label>
<label>${t('Cơ quan ban hành', 'Issuer')}<input name="sourceIssuer" required maxlength="200" placeholder="Bộ Nội vụ" value="${form.sourceIssuer ?? ''}"></label>
<label>${t('Trích yếu (tuỳ chọn)', 'Title (optional)')}<input name="sourceTitle" maxlength="400" value="${form.sourceTitle ?? ''}"></label></fieldset>`;
  const saved = c.req.query('saved');
  const body = html`${error ? errorBox(error, language) : ''}
${saved && !error ? html`<p class="notice" role="status">${t('Đã lưu bảng ngày nghỉ; các lịch trực và đường liên kết đã được cập nhật.', 'The holiday table was saved; rosters and feeds follow it.')}</p>` : ''}
<div class="buttons"><a class="button secondary" href="${withLang(`/admin/holidays?year=${year - 1}`, language)}">← ${year - 1}</a>
<a class="button secondary" href="${withLang(`/admin/holidays?year=${year + 1}`, language)}">${year + 1} →</a></div>
${table.estimated ? html`<p class="card">${t(`Chưa có thông báo chính thức cho năm ${year}: bảng dưới đây là dự kiến, tính theo âm lịch.`, `No official notice covers ${year} yet: the table below is estimated from the lunar calendar.`)}</p>` : ''}
<div class="scroll"><table class="holidays"><thead><tr><th>${t('Ngày', 'Date')}</th><th>${t('Thứ', 'Weekday')}</th><th>${t('Tên', 'Name')}</th><th>${t('Loại', 'Kind')}</th><th>${t('Trạng thái', 'Status')}</th><th>${t('Văn bản', 'Source')}</th></tr></thead>
<tbody>${table.entries.map((entry) => {
    const edit = editOf(entry.date);
    return html`<tr data-date="${entry.date}" class="${entry.status}"><td>${formatDate(entry.date)}</td><td>${weekdayName(entry.date, language)}</td>
<td>${name(entry)}${entry.replaces ? html`<div class="muted">${t('làm bù cho', 'makes up for')} ${formatDayAndDate(entry.replaces, language)}</div>` : ''}${entry.swappedWith ? html`<div class="muted">${t('làm bù vào', 'made up on')} ${formatDayAndDate(entry.swappedWith, language)}</div>` : ''}${entry.note ? html`<div class="muted">${entry.note}</div>` : ''}</td>
<td><span class="kind ${entry.kind === 'makeup-workday' ? 'makeup' : ''}">${holidayKindText(entry.kind, language)}</span></td>
<td>${holidayStatusText(entry.status, language)}${edit ? html`<div class="muted">${t('sửa bởi', 'edited by')} ${edit.updatedBy}</div>` : ''}</td>
<td>${sourceText(table, entry.source, language)}</td></tr>`;
  })}</tbody></table></div>
${
  edits.some((edit) => edit.entry === null)
    ? html`<p class="muted">${t('Đã xoá khỏi bảng', 'Removed from the table')}: ${edits
        .filter((edit) => edit.entry === null)
        .map((edit) => formatDate(edit.date))
        .join(', ')}</p>`
    : ''
}

<h2>${t('Thông báo hoán đổi ngày nghỉ (làm bù)', 'A notice swapping a day off (làm bù)')}</h2>
<p class="muted">${t('Một ngày làm việc được nghỉ, đổi lại một Thứ Bảy đi làm bù. Cả hai ngày được kiểm tra cùng nhau trước khi lưu.', 'A working day becomes a day off, made up on a Saturday. Both days are checked together before anything is saved.')}</p>
<form class="stack card" method="post" action="${action('/admin/holidays/notice')}">${csrfField(c)}
<label>${t('Ngày được nghỉ', 'Day off')}<input type="date" name="swappedDate" required value="${form.swappedDate ?? ''}"></label>
<label>${t('Ngày làm bù (Thứ Bảy)', 'Make-up day (a Saturday)')}<input type="date" name="makeupDate" required value="${form.makeupDate ?? ''}"></label>
${sourceFields}
${reasonField}
<button type="submit">${t('Lưu thông báo', 'Save the notice')}</button></form>

${
  pending.length > 0
    ? html`<h2>${t('Đưa ngày chờ hiệu lực vào áp dụng', 'Put a pending day in force')}</h2>
${pending.map(
  (
    entry,
  ) => html`<form class="stack card" method="post" action="${action(`/admin/holidays/days/${entry.date}/in-force`)}">${csrfField(c)}
<p><strong>${formatDayAndDate(entry.date, language)}</strong> – ${name(entry)}</p>
${sourceFields}
${reasonField}
<button type="submit">${t('Áp dụng chính thức', 'Make it official')}</button></form>`,
)}`
    : ''
}

<h2>${t('Hoàn tác sửa đổi hoặc xoá một ngày', 'Undo an edit or remove a day')}</h2>
<form class="stack card" method="post" action="${action('/admin/holidays/revert')}">${csrfField(c)}
<label>${t('Ngày', 'Day')}<select name="date">${[...new Set([...table.entries.map((entry) => entry.date), ...edits.map((edit) => edit.date)])].sort().map((date) => html`<option value="${date}"${form.date === date ? ' selected' : ''}>${formatDayAndDate(date, language)}${editOf(date) ? ` (${t('đã sửa', 'edited')})` : ''}</option>`)}</select></label>
<label>${t('Thao tác', 'Action')}<select name="action"><option value="undo">${t('Hoàn tác: trở về bảng gốc (calendars/holidays)', 'Undo: back to the base table (calendars/holidays)')}</option><option value="remove"${form.action === 'remove' ? ' selected' : ''}>${t('Xoá ngày này khỏi bảng', 'Remove this day from the table')}</option></select></label>
${reasonField}
<button class="danger" type="submit">${t('Thực hiện', 'Apply')}</button></form>`;
  return adminPage(c, `${t('Bảng ngày nghỉ', 'Holiday table')} ${year}`, body, error ? 422 : 200);
}

adminHolidays.get('/admin/holidays', (c) => holidaysPage(c));

/** Runs a change; a refusal shows the page again with the reason in words (422) and the form as it was sent. */
async function change(c: Context<HonoEnv>, work: (form: Form) => Promise<number>) {
  const form = await readForm(c);
  try {
    const year = await work(form);
    return c.redirect(withLang(`/admin/holidays?year=${year}&saved=1`, langOf(c)), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return holidaysPage(c, error, form);
  }
}

adminHolidays.post('/admin/holidays/notice', (c) =>
  change(c, async (form) => {
    const ctx = withReason(c, form);
    const swapped = dateField(form, 'swappedDate');
    const makeup = dateField(form, 'makeupDate');
    const source = sourceOf(await getHolidayTable(ctx, Number(swapped.slice(0, 4))), form);
    const day: HolidayEntry = {
      date: swapped,
      kind: 'swapped',
      name: `Nghỉ hoán đổi (làm bù ${formatDayAndDate(makeup)})`,
      nameEn: `Day off swapped with ${formatDayAndDate(makeup, 'en')}`,
      status: 'official',
      source: source.id,
      swappedWith: makeup,
    };
    const workday: HolidayEntry = {
      date: makeup,
      kind: 'makeup-workday',
      name: `Làm bù cho ${formatDayAndDate(swapped)}`,
      nameEn: `Make-up working day for ${formatDayAndDate(swapped, 'en')}`,
      status: 'official',
      source: source.id,
      replaces: swapped,
    };
    // Both days are checked together first, so a bad làm bù day leaves the table as it was.
    await checkHolidayEntries(ctx, [
      { date: swapped, entry: day, source },
      { date: makeup, entry: workday, source },
    ]);
    await putHolidayEntry(ctx, swapped, day, source);
    await putHolidayEntry(ctx, makeup, workday, source);
    return Number(swapped.slice(0, 4));
  }),
);

adminHolidays.post('/admin/holidays/days/:date/in-force', (c) =>
  change(c, async (form) => {
    const ctx = withReason(c, form);
    const date = param(c, 'date');
    if (!isIsoDate(date))
      throw invalid('the date is not valid', [
        { field: 'date', message: 'expected a real date written YYYY-MM-DD' },
      ]);
    const table = await getHolidayTable(ctx, Number(date.slice(0, 4)));
    const entry = table.entries.find((candidate) => candidate.date === date);
    if (entry?.status !== 'pending')
      throw invalid(`${formatDate(date)} is not a pending day of the table`, [
        { field: 'date', message: 'not pending' },
      ]);
    const source = sourceOf(table, form);
    await putHolidayEntry(ctx, date, { ...entry, status: 'official', source: source.id }, source);
    return Number(date.slice(0, 4));
  }),
);

adminHolidays.post('/admin/holidays/revert', (c) =>
  change(c, async (form) => {
    const ctx = withReason(c, form);
    const date = dateField(form, 'date');
    const entry = form.action === 'remove' ? null : await baseHolidayEntry(ctx, date);
    await putHolidayEntry(ctx, date, entry);
    return Number(date.slice(0, 4));
  }),
);
