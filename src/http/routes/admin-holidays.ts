/**
 * The admin page of the holiday table: a year's entries (official, estimated "dự kiến", pending "chờ hiệu lực") and
 * the forms for a late government notice: a swapped day with its làm bù Saturday, a pending day coming into force,
 * undoing an admin's edit or removing a day. Every change goes through putHolidayEntry, like the API.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { dateProblem, isSupportedYear } from '../../domain/dates.ts';
import { slugOf } from '../../domain/schema-primitives.ts';
import type { HolidayEntry, HolidaySource, HolidayTable } from '../../domain/holiday-schema.ts';
import { HolidaySourceSchema } from '../../domain/holiday-schema.ts';
import { formatDate, formatDayAndDate } from '../../domain/vietnamese.ts';
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
import { holidaysPage as renderHolidays } from '../pages/holidays-page.ts';
import { translator, withLang } from '../pages/layout.ts';
import { param, parseWith } from '../request.ts';
import { adminCtx, adminPage, adminView, type Form, readForm } from './admin-auth.ts';

export const adminHolidays = new Hono<HonoEnv>();

const ZONE = 'Asia/Ho_Chi_Minh';

/** The year asked for (`?year=`), else the current one in Vietnam. */
function yearOf(c: Context<HonoEnv>): number {
  const asked = c.req.query('year');
  if (asked && /^\d{4}$/.test(asked) && isSupportedYear(Number(asked))) return Number(asked);
  return Number(dateInZone(c.get('deps').now(), ZONE).slice(0, 4));
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
  const problem = dateProblem(value);
  if (problem) throw invalid('the date is not valid', [{ field: name, message: problem }]);
  return value;
}

const withReason = (c: Context<HonoEnv>, form: Form) => ({
  ...adminCtx(c),
  correctionReason: optional(form.correctionReason),
});

async function holidaysPage(
  c: Context<HonoEnv>,
  error?: unknown,
  form: Form = {},
  year = yearOf(c),
) {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const table = await getHolidayTable(ctx, year);
  const edits = await holidayEditsOf(ctx, year);
  const saved = Boolean(c.req.query('saved'));
  const body = renderHolidays(view, { year, table, edits, saved, error, form });
  const title = `${translator(view.language)('Bảng ngày nghỉ', 'Holiday table')} ${year}`;
  return adminPage(c, title, body, error ? 422 : 200);
}

adminHolidays.get('/admin/holidays', (c) => holidaysPage(c));

/** Runs a change; a refusal shows the page again with the reason in words (422) and the form as it was sent. */
async function change(c: Context<HonoEnv>, work: (form: Form) => Promise<number>) {
  const form = await readForm(c);
  try {
    const year = await work(form);
    return c.redirect(withLang(`/admin/holidays?year=${year}&saved=1`, adminView(c).language), 303);
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
    const problem = dateProblem(date);
    if (problem) throw invalid('the date is not valid', [{ field: 'date', message: problem }]);
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
