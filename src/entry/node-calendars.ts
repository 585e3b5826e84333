/**
 * Applying calendars/ after the Node server listens: files read and hashed, the changed ones parsed and applied a
 * chunk at a time (yielding to requests between chunks), progress in the log, and a readiness check that fails
 * until it is done. A broken file is logged with its location and skipped; a failure of the whole step keeps
 * readiness failing with the reason, while the service goes on serving what the database holds.
 */
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { ReadinessCheck } from '../http/routes/health.ts';
import { applyCalendarFiles, type FilesReport } from '../services/apply-calendar-files.ts';
import type { ServiceContext } from '../services/context.ts';
import { readCalendarDirectory } from '../cli/calendar-files.ts';

export interface CalendarsStartup {
  readiness: ReadinessCheck;
  /** Begins applying (call it once the server listens). */
  start(): void;
  /** Resolves with the report once applied (undefined when the step failed; the log says why). */
  applied: Promise<FilesReport | undefined>;
}

const LOG_EVERY_MS = 2000;

export function applyCalendarsLater(
  ctx: ServiceContext,
  directory: string,
  log: (line: string) => void,
): CalendarsStartup {
  let state: { ok: boolean; detail: string } = { ok: false, detail: 'calendars/ not read yet' };
  let lastLog = 0;
  const progress = async (phase: 'parsing' | 'applying', done: number, total: number) => {
    state = { ok: false, detail: `${phase} calendars/: ${done} of ${total} changed files` };
    const now = Date.now();
    if (now - lastLog >= LOG_EVERY_MS || done === total) {
      lastLog = now;
      log(`  ${state.detail}`);
    }
    await yieldToRequests();
  };
  let start!: () => void;
  const started = new Promise<void>((resolve) => {
    start = resolve;
  });
  const applied = (async () => {
    await started;
    const files = readCalendarDirectory(directory);
    state = { ok: false, detail: `calendars/: ${files.length} files read` };
    const report = await applyCalendarFiles(ctx, files, progress);
    state = { ok: true, detail: calendarsSummary(report) };
    return report;
  })().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    state = { ok: false, detail: `calendars/ could not be applied: ${reason}` };
    log(`lichtruc: ${state.detail}`);
    return undefined;
  });
  return { readiness: { name: 'calendars', check: () => state }, start, applied };
}

function calendarsSummary(report: FilesReport): string {
  const applied = report.rosters.filter((roster) => roster.result !== 'unchanged').length;
  const broken = report.broken.length;
  return `calendars/ applied: ${applied} changed, ${report.unchanged} unchanged${broken ? `, ${broken} broken (see the log and /admin)` : ''}`;
}

/** The lines the operator reads once calendars/ is applied: each roster's result, missing files, broken files. */
export function calendarsReportLines(report: FilesReport, directory: string): string[] {
  const lines = report.rosters.map(
    (roster) =>
      `  roster ${roster.id} from calendars/${roster.path}: ${roster.result}${roster.reason ? ` (${roster.reason})` : ''}`,
  );
  if (report.unchanged > 0)
    lines.push(`  ${report.unchanged} files unchanged since the last start`);
  for (const id of report.missing)
    lines.push(`  roster ${id}: its file is gone from ${directory}; kept with its data`);
  for (const file of report.broken)
    lines.push(
      `  calendars/${file.path} was not applied (its roster keeps its last good state):`,
      ...file.issues.map((issue) => `    ${file.path}:${issue}`),
    );
  return lines;
}
