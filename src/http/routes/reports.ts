/**
 * Duty records for the annual evaluation: the report of a range as JSON, CSV, XLSX or a printable page, and month
 * close (confirm a month; list which months are closed).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Language } from '../../domain/vietnamese.ts';
import { closeMonth } from '../../services/close-month.ts';
import { invalid } from '../../services/errors.ts';
import { loadReport, reportBody } from '../../services/get-report.ts';
import { listMonths } from '../../services/list-months.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, serviceContext } from '../request.ts';
import { reportFile } from './report-files.ts';

const TAG = 'Duty records';
const FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const reports = new Hono<HonoEnv>();

/** `?format=` wins; otherwise `Accept: text/csv` asks for CSV, and anything else gets JSON. */
function formatOf(c: Context<HonoEnv>): Format {
  const asked = c.req.query('format');
  if (asked === undefined)
    return /\btext\/csv\b/i.test(c.req.header('accept') ?? '') ? 'csv' : 'json';
  if (!(FORMATS as readonly string[]).includes(asked))
    throw invalid('the format is not valid', [
      { field: 'format', message: `expected one of ${FORMATS.join(', ')}` },
    ]);
  return asked as Format;
}

reports.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}/report',
    summary:
      'Duty records over an inclusive range: per member and for the roster (closed months from their locked records)',
    tag: TAG,
    query: {
      from: 'First day, YYYY-MM-DD',
      to: 'Last day (inclusive), YYYY-MM-DD',
      format: 'json (default), csv (or Accept: text/csv), xlsx, html (printable A4)',
      lang: 'vi (default) or en',
    },
    responses: {
      200: '{ rosterId, from, to, lockedMonths, members, roster, corrections }, or the file asked for',
      404: 'No such roster',
      422: 'Bad range or format',
      501: 'XLSX asked of a deployment without the writer (Workers)',
    },
  }).path,
  async (c) => {
    const language: Language = c.req.query('lang') === 'en' ? 'en' : 'vi';
    const format = formatOf(c);
    const ctx = serviceContext(c);
    const document = await loadReport(ctx, param(c, 'id'), {
      from: c.req.query('from'),
      to: c.req.query('to'),
    });
    if (format === 'json') return c.json(reportBody(document, language));
    return reportFile(c, document, format, language);
  },
);

reports.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}/months',
    summary: 'Months of a roster: closed (when, by whom, corrections) or open',
    tag: TAG,
    responses: { 200: '{ rosterId, months }', 404: 'No such roster' },
  }).path,
  async (c) => c.json(await listMonths(serviceContext(c), param(c, 'id'))),
);

reports.post(
  describe({
    method: 'post',
    path: '/api/rosters/{id}/months/{month}/close',
    summary:
      'Confirm a month (YYYY-MM): lock who served each slot; later changes become corrections. Idempotent',
    tag: TAG,
    responses: {
      201: 'Closed now',
      200: 'Already closed: the first confirmation, unchanged',
      404: 'No such roster',
      422: 'Bad month, or the month is not over',
    },
  }).path,
  async (c) => {
    const { close, created } = await closeMonth(
      serviceContext(c),
      param(c, 'id'),
      param(c, 'month'),
    );
    return c.json({ ...close, status: 'closed', alreadyClosed: !created }, created ? 201 : 200);
  },
);
