/**
 * The duty report as a file: CSV (UTF-8 with a BOM for Excel), XLSX (through the writer the Node entry gives; absent
 * on Workers) or the printable A4 page. Shared by the API (bearer token) and the admin pages (session).
 */
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
import type { HonoEnv } from '../env.ts';
import { reportPage } from '../pages/report-page.ts';
import { HttpError } from '../request.ts';

export const FILE_FORMATS = ['csv', 'xlsx', 'html'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

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

export async function reportFile(
  c: Context<HonoEnv>,
  document: ReportDocument,
  format: FileFormat,
  language: Language,
): Promise<Response> {
  const now = c.get('deps').now();
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
      const bytes = await renderWorkbook(document, language, now);
      return c.body(bytes, 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': download(document, 'xlsx'),
      });
    }
    case 'html':
      return c.html(reportPage(document, now));
  }
}
