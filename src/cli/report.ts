/**
 * `lichtruc report`: duty records of a roster over a range, per member and for the roster, from the roster file
 * (and an optional what-if absences file). The same numbers, columns and CSV as the API's report; closed months
 * live in the service's database, so the command computes every month from the files.
 */
import { renderCsv } from '../domain/csv.ts';
import { buildDutyReport } from '../domain/duty-report.ts';
import {
  columnTitle,
  memberRecordView,
  REPORT_COLUMNS,
  type ReportColumn,
  reportRows,
  rowCells,
  summaryLines,
} from '../domain/duty-report-view.ts';
import { expandRoster } from '../domain/expand.ts';
import { NO_FACTS } from '../domain/facts-schema.ts';
import { formatDate, type Language } from '../domain/vietnamese.ts';
import { renderTable } from './format.ts';
import { loadRoster } from './load-roster.ts';
import { readAbsences } from './preview.ts';
import { expansionWarnings } from './warnings.ts';

export interface ReportOptions {
  roster: string;
  from: string;
  to: string;
  absences?: string | undefined;
  format: 'table' | 'json' | 'csv';
  language: Language;
  calendars?: string | undefined;
}

/** The table leaves out the ids and units the CSV carries, and shortens the long Vietnamese titles: it is read on a terminal. */
const TABLE_COLUMNS: readonly ReportColumn[] = [
  'index',
  'memberName',
  'scheduled',
  'served',
  'coversGiven',
  'coversReceived',
  'overrides',
  'uncovered',
  'remarks',
];
const SHORT_TITLES: Partial<Record<ReportColumn, string>> = {
  scheduled: 'Theo lịch',
  served: 'Đã trực',
  coversGiven: 'Trực thay',
  coversReceived: 'Được trực thay',
  overrides: 'Phân công, đổi ca',
  uncovered: 'Không người trực',
};
const tableTitle = (column: ReportColumn, language: Language) =>
  (language === 'vi' ? SHORT_TITLES[column] : undefined) ?? columnTitle(column, language);

export function report(options: ReportOptions): { stdout: string; warnings: string[] } {
  const { roster, holidays } = loadRoster(options.roster, options.calendars);
  const absences = options.absences ? readAbsences(roster, options.absences) : [];
  const expansion = expandRoster({
    roster,
    holidays,
    facts: { ...NO_FACTS, absences },
    from: options.from,
    to: options.to,
  });
  const warnings = expansionWarnings(roster, expansion, options.language);
  const records = buildDutyReport(roster, expansion.slots, absences);
  const { language } = options;
  if (options.format === 'json') {
    return {
      stdout: `${JSON.stringify(
        records.members.map((record) => memberRecordView(roster, record, language)),
        null,
        2,
      )}\n`,
      warnings,
    };
  }
  const rows = reportRows(roster, records, language);
  if (options.format === 'csv') {
    return {
      stdout: renderCsv(
        REPORT_COLUMNS.map((column) => columnTitle(column, language)),
        rows.map((row) => rowCells(row)),
      ),
      warnings,
    };
  }
  const vi = language === 'vi';
  const title = `${vi ? 'Báo cáo kết quả trực' : 'Duty report'} – ${roster.name}\n${vi ? 'Từ' : 'From'} ${formatDate(options.from)} ${vi ? 'đến' : 'to'} ${formatDate(options.to)}`;
  const table = renderTable(
    TABLE_COLUMNS.map((column) => tableTitle(column, language)),
    rows.map((row) => rowCells(row, TABLE_COLUMNS)),
  );
  return {
    stdout: `${title}\n\n${table}\n\n${summaryLines(records, language).join('\n')}\n`,
    warnings,
  };
}
