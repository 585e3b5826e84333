/**
 * The admin pages of rosters: the list, a month grid per roster, a day's form to set an override or record an
 * absence with a preview of what changes before it is saved, and the absences with delete.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { isIsoDate, isSupportedDate, SUPPORTED_YEARS } from '../../domain/dates.ts';
import {
  type Absence,
  AbsenceSchema,
  type Override,
  OverrideSchema,
} from '../../domain/facts-schema.ts';
import { formatDayAndDate, type Language } from '../../domain/vietnamese.ts';
import { dateInZone } from '../../domain/zone.ts';
import { addAbsence, planAbsence } from '../../services/add-absence.ts';
import { previewFacts } from '../../services/change-facts.ts';
import { ServiceError } from '../../services/errors.ts';
import { getSchedule } from '../../services/get-schedule.ts';
import { formatMonth, lastDayOf } from '../../services/month-locks.ts';
import { outsideFeeds } from '../../services/publish-feeds.ts';
import { requireRoster } from '../../services/roster-state.ts';
import { planOverride, setOverride } from '../../services/set-override.ts';
import type { HonoEnv } from '../env.ts';
import { dayPage, previewPage } from '../pages/day-page.ts';
import { translator, withLang } from '../pages/layout.ts';
import { badMonthPage, monthPage } from '../pages/month-page.ts';
import { brokenFilesBox, rostersPage } from '../pages/rosters-page.ts';
import { param, parseWith, readerOf, visibleRosters } from '../request.ts';
import { adminCtx, adminPage, adminView, type Form, readForm } from './admin-auth.ts';

export const admin = new Hono<HonoEnv>();

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

admin.get('/admin', async (c) => {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const rosters = visibleRosters(c, await ctx.store.listRosters()).map((stored) => ({
    stored,
    currentMonth: dateInZone(ctx.now(), stored.roster.timeZone).slice(0, 7),
  }));
  const broken = (await ctx.store.calendarFiles.list()).filter((file) => file.issues.length > 0);
  return adminPage(
    c,
    translator(view.language)('Các lịch trực', 'Rosters'),
    html`${brokenFilesBox(view, broken)}${rostersPage(view, rosters)}`,
  );
});

/** A day or month the address asks for that lichtruc cannot work out (its holidays are unknown there). */
function outsideRange(c: Context<HonoEnv>) {
  const t = translator(adminView(c).language);
  const { first, last } = SUPPORTED_YEARS;
  return adminPage(
    c,
    t('Ngoài khoảng thời gian hỗ trợ', 'Outside the supported range'),
    html`<p class="error" role="alert">${t(`Chỉ xem được lịch từ 01/01/${first} đến 31/12/${last}.`, `Only dates from 01/01/${first} to 31/12/${last} can be shown.`)}</p>`,
    422,
  );
}

/** The month asked for: `?month=YYYY-MM`, or the picker's `?year=&mon=`; undefined when none is asked. */
function askedMonth(c: Context<HonoEnv>): string | undefined {
  const year = c.req.query('year');
  const mon = c.req.query('mon');
  if (year !== undefined || mon !== undefined) return `${year ?? ''}-${mon ?? ''}`;
  return c.req.query('month');
}

admin.get('/admin/rosters/:id', async (c) => {
  const view = adminView(c);
  const t = translator(view.language);
  const ctx = adminCtx(c);
  const id = param(c, 'id');
  const stored = await requireRoster(ctx, id);
  const current = dateInZone(ctx.now(), stored.roster.timeZone).slice(0, 7);
  const asked = askedMonth(c);
  if (asked !== undefined && !MONTH.test(asked))
    return adminPage(c, t('Lịch tháng', 'Month'), badMonthPage(view, id, asked, current), 422);
  const month = asked ?? current;
  if (!isSupportedDate(`${month}-01`)) return outsideRange(c);
  const range = { from: `${month}-01`, to: lastDayOf(month) };
  const schedule = await getSchedule(ctx, id, range, view.language, readerOf(c));
  const outside = c.req.query('outside');
  const body = monthPage(view, {
    rosterId: id,
    roster: stored.roster,
    month,
    schedule,
    saved: Boolean(c.req.query('saved')),
    outsideFeeds: outside === 'past' || outside === 'future' ? outside : null,
  });
  return adminPage(c, `${t('Lịch tháng', 'Month')} ${formatMonth(month)}`, body);
});

async function showDay(c: Context<HonoEnv>, error?: unknown, form: Form = {}) {
  const view = adminView(c);
  const t = translator(view.language);
  const ctx = adminCtx(c);
  const id = param(c, 'id');
  const date = param(c, 'date');
  if (!isIsoDate(date))
    return adminPage(
      c,
      t('Không tìm thấy', 'Not found'),
      html`<p class="error">${t('Ngày không hợp lệ.', 'Not a valid date.')}</p>`,
      404,
    );
  if (!isSupportedDate(date)) return outsideRange(c);
  const stored = await requireRoster(ctx, id);
  const schedule = await getSchedule(ctx, id, { from: date, to: date }, view.language, readerOf(c));
  const body = dayPage(view, { rosterId: id, roster: stored.roster, date, schedule, error, form });
  return adminPage(c, formatDayAndDate(date, view.language), body, error ? 422 : 200);
}

admin.get('/admin/rosters/:id/days/:date', (c) => showDay(c));

type Planned = { kind: 'absence'; input: Absence } | { kind: 'override'; input: Override };

/** The days a change is about: an absence's own range (which may be far from the day page it was made on). */
const daysOf = (planned: Planned) =>
  planned.kind === 'absence'
    ? { from: planned.input.from, to: planned.input.to }
    : { from: planned.input.date, to: planned.input.date };

function daysText(days: { from: string; to: string }, language: Language): string {
  const first = formatDayAndDate(days.from, language);
  return days.from === days.to ? first : `${first} – ${formatDayAndDate(days.to, language)}`;
}

/** The change a day form asks for, validated by the same schemas as the API. */
function plannedOf(c: Context<HonoEnv>, form: Form): Planned {
  const optional = (value: string | undefined) =>
    value && value.trim() !== '' ? value.trim() : undefined;
  if (form.kind === 'override') {
    const override = {
      date: param(c, 'date'),
      position: optional(form.position),
      memberId: form.memberId,
      note: optional(form.note),
    };
    return { kind: 'override', input: parseWith(OverrideSchema, override, 'the form') };
  }
  const absence = {
    memberId: form.memberId,
    from: form.from,
    to: form.to,
    reason: form.reason,
    note: optional(form.note),
  };
  return { kind: 'absence', input: parseWith(AbsenceSchema, absence, 'the form') };
}

/** The service context of a change, with the reason a closed month needs. */
export const withReason = (c: Context<HonoEnv>, form: Form) => ({
  ...adminCtx(c),
  correctionReason: form.correctionReason?.trim() || undefined,
});

admin.get('/admin/rosters/:id/days/:date/preview', async (c) => {
  const view = adminView(c);
  const t = translator(view.language);
  const form: Form = c.req.query();
  const id = param(c, 'id');
  const date = param(c, 'date');
  const ctx = withReason(c, form);
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
    const body = previewPage(view, {
      rosterId: id,
      roster: state.stored.roster,
      date,
      changes: changedSlots,
      form,
    });
    return adminPage(
      c,
      `${t('Xem trước', 'Preview')} – ${daysText(daysOf(planned), view.language)}`,
      body,
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return showDay(c, error, form);
  }
});

admin.post('/admin/rosters/:id/days/:date/confirm', async (c) => {
  const form = await readForm(c);
  const id = param(c, 'id');
  const ctx = withReason(c, form);
  try {
    const planned = plannedOf(c, form);
    const { from, to } = daysOf(planned);
    if (planned.kind === 'absence') await addAbsence(ctx, id, planned.input);
    else await setOverride(ctx, id, planned.input);
    const stored = await requireRoster(ctx, id);
    const outside = outsideFeeds(dateInZone(ctx.now(), stored.roster.timeZone), from, to);
    const query = `month=${from.slice(0, 7)}&saved=1${outside ? `&outside=${outside}` : ''}`;
    return c.redirect(withLang(`/admin/rosters/${id}?${query}`, adminView(c).language), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return showDay(c, error, form);
  }
});
