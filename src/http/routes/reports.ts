/**
 * Duty records for the annual evaluation: the report of a range as JSON, CSV, XLSX or a printable page, and month
 * close (confirm a month; list which months are closed).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { renderCsv } from '../../domain/csv.ts';
import {
  columnTitle,
  REPORT_COLUMNS,
  reportRows,
  rowCells,
} from '../../domain/duty-report-view.ts';
import type { ReportDocument } from '../../domain/report-document.ts';
import type { Language } from '../../domain/vietnamese.ts';
import { closeMonth } from '../../services/close-month.ts';
import { invalid } from '../../services/errors.ts';
import { loadReport, reportBody } from '../../services/get-report.ts';
import { listMonths } from '../../services/list-months.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { reportPage } from '../pages/report-page.ts';
import { HttpError, param, serviceContext } from '../request.ts';

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

function download(document: ReportDocument, extension: string): string {
  return `attachment; filename="bao-cao-truc-${document.roster.id}-${document.from}-${document.to}.${extension}"`;
}

function reportCsv(document: ReportDocument, language: Language): string {
  const rows = reportRows(document.roster, document.report, language);
  return renderCsv(
    REPORT_COLUMNS.map((column) => columnTitle(column, language)),
    rows.map((row) => rowCells(row)),
  );
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
    switch (format) {
      case 'csv':
        return c.body(reportCsv(document, language), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': download(document, 'csv'),
        });
      case 'xlsx': {
        // A port, not an import: the spreadsheet writer stays out of the Worker bundle (see AppDeps.renderWorkbook).
        const renderWorkbook = c.get('deps').renderWorkbook;
        if (!renderWorkbook)
          throw new HttpError(
            'not-implemented',
            'XLSX downloads are not available on this deployment; ask for format=csv, which Excel opens too',
          );
        const bytes = await renderWorkbook(document, language, ctx.now());
        return c.body(bytes, 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': download(document, 'xlsx'),
        });
      }
      case 'html':
        return c.html(reportPage(document, ctx.now()));
      default:
        return c.json(reportBody(document, language));
    }
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
