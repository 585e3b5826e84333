/**
 * The admin page of the holiday table: a year's entries (official, estimated "dự kiến", pending "chờ hiệu lực") and
 * the forms for a late government notice: a swapped day with its làm bù Saturday, a pending day coming into force,
 * undoing an admin's edit or removing a day. Every change goes through putHolidayEntry, like the API.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { isSupportedYear } from '../../domain/dates.ts';
import type { HolidayEntry } from '../../domain/holiday-schema.ts';
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
import { holidaysPage as renderHolidays, revertConfirmPage } from '../pages/holidays-page.ts';
import { translator, withLang } from '../pages/layout.ts';
import { checkForm, optional, sourceOf } from './holiday-forms.ts';
import { param } from '../request.ts';
import { adminCtx, adminPage, adminView, type Form, readForm } from './admin-auth.ts';

export const adminHolidays = new Hono<HonoEnv>();

const ZONE = 'Asia/Ho_Chi_Minh';

/** The year asked for (`?year=`), else the current one in Vietnam. */
function yearOf(c: Context<HonoEnv>): number {
  const asked = c.req.query('year');
  if (asked && /^\d{4}$/.test(asked) && isSupportedYear(Number(asked))) return Number(asked);
  return Number(dateInZone(c.get('deps').now(), ZONE).slice(0, 4));
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
    const [swapped, makeup] = checkForm(
      form,
      [{ name: 'swappedDate' }, { name: 'makeupDate', saturday: true }],
      true,
    ) as [string, string];
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

// A plain late notice: one more weekday off, citing its document (no làm bù day).
adminHolidays.post('/admin/holidays/day-off', (c) =>
  change(c, async (form) => {
    const ctx = withReason(c, form);
    const [date] = checkForm(form, [{ name: 'dayOffDate', weekday: true }], true) as [string];
    const source = sourceOf(await getHolidayTable(ctx, Number(date.slice(0, 4))), form);
    const entry: HolidayEntry = {
      date,
      kind: 'holiday',
      name: optional(form.dayOffName) ?? 'Ngày nghỉ bổ sung',
      nameEn: optional(form.dayOffName) ? undefined : 'Extra day off',
      status: 'official',
      source: source.id,
    };
    await checkHolidayEntries(ctx, [{ date, entry, source }]);
    await putHolidayEntry(ctx, date, entry, source);
    return Number(date.slice(0, 4));
  }),
);

adminHolidays.post('/admin/holidays/days/:date/in-force', (c) =>
  change(c, async (form) => {
    const ctx = withReason(c, form);
    const [date] = checkForm({ ...form, date: param(c, 'date') }, [{ name: 'date' }], true);
    const table = await getHolidayTable(ctx, Number(date!.slice(0, 4)));
    const entry = table.entries.find((candidate) => candidate.date === date);
    if (entry?.status !== 'pending')
      throw invalid(
        `${formatDate(date!)} is not a pending day of the table`,
        [{ field: 'date', message: 'not pending' }],
        { code: 'not-pending', params: { date: date! } },
      );
    const source = sourceOf(table, form);
    await putHolidayEntry(ctx, date!, { ...entry, status: 'official', source: source.id }, source);
    return Number(date!.slice(0, 4));
  }),
);

/** The confirm step of undo / remove, again with the problem when the change was refused. */
async function revertConfirm(c: Context<HonoEnv>, form: Form, error?: unknown) {
  const view = adminView(c);
  const t = translator(view.language);
  const [date] = checkForm(form, [{ name: 'date' }], false) as [string];
  const year = Number(date.slice(0, 4));
  const entry = (await getHolidayTable(adminCtx(c), year)).entries.find((e) => e.date === date);
  const name = entry && (view.language === 'en' && entry.nameEn ? entry.nameEn : entry.name);
  const remove = form.action === 'remove';
  const body = revertConfirmPage(view, { year, date, remove, name, form, error });
  const title = remove
    ? t('Xoá một ngày nghỉ', 'Remove a day')
    : t('Hoàn tác sửa đổi', 'Undo an edit');
  return adminPage(c, title, body, error ? 422 : 200);
}

adminHolidays.get('/admin/holidays/revert', async (c) => {
  const form: Form = c.req.query();
  try {
    return await revertConfirm(c, form);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return holidaysPage(c, error, { ...form, intent: 'revert' });
  }
});

adminHolidays.post('/admin/holidays/revert', async (c) => {
  const form = await readForm(c);
  try {
    const ctx = withReason(c, form);
    const [date] = checkForm(form, [{ name: 'date' }], false) as [string];
    const entry = form.action === 'remove' ? null : await baseHolidayEntry(ctx, date);
    await putHolidayEntry(ctx, date, entry);
    const year = Number(date.slice(0, 4));
    return c.redirect(withLang(`/admin/holidays?year=${year}&saved=1`, adminView(c).language), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return revertConfirm(c, form, error).catch(() => holidaysPage(c, error, form));
  }
});
