/** `lichtruc preview`: the duty slots of a roster over a range, with an optional what-if absences file. */
import { existsSync, readFileSync } from 'node:fs';
import { checkAbsences } from '../domain/check-facts.ts';
import { provisionalSuffix, slotLabel, slotRemarks } from '../domain/event-text.ts';
import { expandRoster } from '../domain/expand.ts';
import { type Absence, AbsenceListSchema, NO_FACTS } from '../domain/facts-schema.ts';
import { parseDocumentWith } from '../domain/parse-document.ts';
import type { Roster } from '../domain/roster-schema.ts';
import type { ClosedDay, Expansion } from '../domain/slot.ts';
import { slotView } from '../domain/slot-view.ts';
import { formatDate, type Language, weekdayName } from '../domain/vietnamese.ts';
import { UsageError } from './calendar-files.ts';
import { renderCsv, renderTable } from './format.ts';
import { formatIssues } from './issues.ts';
import { loadRoster } from './load-roster.ts';
import { expansionWarnings } from './warnings.ts';

export interface PreviewOptions {
  roster: string;
  from: string;
  to: string;
  absences?: string | undefined;
  format: 'table' | 'json' | 'csv';
  language: Language;
  calendars?: string | undefined;
}

export interface PreviewOutput {
  stdout: string;
  warnings: string[];
}

export function preview(options: PreviewOptions): PreviewOutput {
  const { roster, holidays } = loadRoster(options.roster, options.calendars);
  const absences = options.absences ? readAbsences(roster, options.absences) : [];
  const expansion = expandRoster({
    roster,
    holidays,
    facts: { ...NO_FACTS, absences },
    from: options.from,
    to: options.to,
  });
  return {
    stdout: render(roster, expansion, options),
    warnings: expansionWarnings(roster, expansion, options.language),
  };
}

export function readAbsences(roster: Roster, path: string): Absence[] {
  if (!existsSync(path)) throw new UsageError(`absences file ${path} does not exist`);
  const result = parseDocumentWith(AbsenceListSchema, readFileSync(path, 'utf8'));
  if (!result.ok)
    throw new UsageError(formatIssues(result.issues.map((issue) => ({ file: path, ...issue }))));
  const problems = checkAbsences(roster, result.value);
  if (problems.length > 0) {
    throw new UsageError(
      problems
        .map((problem) => `${path}: entry ${problem.index + 1}: ${problem.message}`)
        .join('\n'),
    );
  }
  return result.value;
}

function render(roster: Roster, expansion: Expansion, options: PreviewOptions): string {
  const { language } = options;
  if (options.format === 'json') {
    return `${JSON.stringify(
      expansion.slots.map((slot) => slotView(roster, slot, language)),
      null,
      2,
    )}\n`;
  }
  if (options.format === 'csv') {
    const rows = expansion.slots.map((slot) => {
      const json = slotView(roster, slot, language);
      return [
        json.date,
        json.weekday,
        json.position,
        json.memberId ?? '',
        json.memberName ?? '',
        json.kind,
        json.coversFor ?? '',
        json.start,
        json.end,
        String(json.hoursConfirmed),
      ];
    });
    return renderCsv(
      [
        'date',
        'weekday',
        'position',
        'memberId',
        'memberName',
        'kind',
        'coversFor',
        'start',
        'end',
        'hoursConfirmed',
      ],
      rows,
    );
  }
  return `${renderPreviewTable(roster, expansion, options)}\n`;
}

type Row = { date: string; cells: string[] };

function renderPreviewTable(roster: Roster, expansion: Expansion, options: PreviewOptions): string {
  const vi = options.language === 'vi';
  const time = (iso: string) => iso.slice(11, 16);
  const slotRows = expansion.slots.map(
    (slot): Row => ({
      date: slot.date,
      cells: [
        formatDate(slot.date),
        weekdayName(slot.date, options.language),
        `${time(slot.start)}–${time(slot.end)}${provisionalSuffix(roster, slot, options.language)}`,
        slotLabel(roster, slot, options.language),
        slotRemarks(roster, slot, options.language).join('; '),
      ],
    }),
  );
  const closedRows = expansion.closedDays.map(
    (day: ClosedDay): Row => ({
      date: day.date,
      cells: [
        formatDate(day.date),
        weekdayName(day.date, options.language),
        '',
        vi ? 'Nghỉ' : 'Closed',
        day.status === 'official' ? day.name : `${day.name} (${vi ? 'dự kiến' : 'estimated'})`,
      ],
    }),
  );
  const rows = [...slotRows, ...closedRows]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((row) => row.cells);
  const header = vi
    ? ['Ngày', 'Thứ', 'Giờ', 'Người trực', 'Ghi chú']
    : ['Date', 'Day', 'Hours', 'On duty', 'Remarks'];
  const title = `${roster.name}\n${vi ? 'Từ' : 'From'} ${formatDate(options.from)} ${vi ? 'đến' : 'to'} ${formatDate(options.to)}\n`;
  return `${title}\n${renderTable(header, rows)}`;
}
