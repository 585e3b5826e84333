/**
 * The duty report in the admin area, opened with the sign-in session: the page (period picker, table, figures)
 * and its downloads, the same files the API serves to a bearer token.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { dateInZone } from '../../domain/zone.ts';
import { ServiceError } from '../../services/errors.ts';
import { loadReport } from '../../services/get-report.ts';
import { requireRoster } from '../../services/roster-state.ts';
import type { HonoEnv } from '../env.ts';
import { adminReportPage } from '../pages/admin-report-page.ts';
import { translator } from '../pages/layout.ts';
import { param } from '../request.ts';
import { adminCtx, adminPage, adminView } from './admin-auth.ts';
import { FILE_FORMATS, type FileFormat, reportFile } from './report-files.ts';

export const adminReport = new Hono<HonoEnv>();

/** The range asked for; none asked is the current year in the roster's zone (the annual evaluation). */
function rangeOf(c: Context<HonoEnv>, today: string) {
  const from = c.req.query('from');
  const to = c.req.query('to');
  if (from === undefined && to === undefined)
    return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  return { from: from ?? '', to: to ?? '' };
}

adminReport.get('/admin/rosters/:id/report', async (c) => {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const id = param(c, 'id');
  const stored = await requireRoster(ctx, id);
  const today = dateInZone(ctx.now(), stored.roster.timeZone);
  const range = rangeOf(c, today);
  const yearText = /^\d{4}/.exec(range.from)?.[0];
  const year =
    yearText && Number(yearText) >= 1976 && Number(yearText) <= 2199
      ? Number(yearText)
      : Number(today.slice(0, 4));
  const base = {
    rosterId: id,
    roster: stored.roster,
    ...range,
    year,
    xlsx: Boolean(c.get('deps').renderWorkbook),
  };
  const title = translator(view.language)('Báo cáo kết quả trực', 'Duty report');
  try {
    const document = await loadReport(ctx, id, range);
    return adminPage(c, title, adminReportPage(view, { ...base, document }));
  } catch (error) {
    if (!(error instanceof ServiceError) || error.kind !== 'validation') throw error;
    return adminPage(c, title, adminReportPage(view, { ...base, document: undefined, error }), 422);
  }
});

adminReport.get('/admin/rosters/:id/report/file', async (c) => {
  const view = adminView(c);
  const asked = c.req.query('format') ?? 'csv';
  const format: FileFormat = (FILE_FORMATS as readonly string[]).includes(asked)
    ? (asked as FileFormat)
    : 'csv';
  const document = await loadReport(adminCtx(c), param(c, 'id'), {
    from: c.req.query('from'),
    to: c.req.query('to'),
  });
  return reportFile(c, document, format, view.language);
});
