/**
 * Duty records of a roster over an inclusive range, for the annual evaluation. Months an admin has closed are read
 * from their locked slots with the corrections made since; the other months are computed live from the roster, its
 * facts and the holiday table, exactly as the schedule shows them.
 */
import { buildDutyReport } from '../domain/duty-report.ts';
import { memberRecordView } from '../domain/duty-report-view.ts';
import { correctionView, type ReportDocument } from '../domain/report-document.ts';
import { gradeSlot, gradeSlots, OTHERS } from '../domain/reason-privacy.ts';
import type { DutySlot } from '../domain/slot.ts';
import type { Language } from '../domain/vietnamese.ts';
import type { ServiceContext } from './context.ts';
import { checkRange } from './get-schedule.ts';
import { closedMonths, lockedSlots, monthOf } from './month-locks.ts';
import { expandState, loadRosterState } from './roster-state.ts';

export async function loadReport(
  ctx: ServiceContext,
  rosterId: string,
  range: { from?: string; to?: string },
): Promise<ReportDocument> {
  const { from, to } = checkRange(range.from, range.to);
  const state = await loadRosterState(ctx, rosterId);
  const lockedMonths = [...(await closedMonths(ctx, rosterId))]
    .filter((month) => monthOf(from) <= month && month <= monthOf(to))
    .sort();
  const locked = await lockedSlots(ctx, rosterId, lockedMonths);
  const inRange = (date: string) => from <= date && date <= to;
  const isLocked = new Set(lockedMonths);
  const live = expandState(state, from, to).slots.filter(
    (slot) => !isLocked.has(monthOf(slot.date)),
  );
  // Reports are exported for people outside the roster's management: sensitive reasons read "vắng".
  const slots = gradeSlots(
    [...live, ...locked.slots.filter((slot) => inRange(slot.date))],
    OTHERS,
  ).sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  const graded = (slot: DutySlot | null) => slot && gradeSlot(slot, OTHERS);
  return {
    roster: state.stored.roster,
    from,
    to,
    report: buildDutyReport(state.stored.roster, slots, state.facts.absences),
    lockedMonths,
    corrections: locked.corrections
      .filter((correction) => inRange(correction.date))
      .map((correction) => ({
        ...correction,
        before: graded(correction.before),
        after: graded(correction.after),
      })),
  };
}

/** The JSON answer: members (counts, and the days behind them), the roster's figures, and corrections. */
export function reportBody(document: ReportDocument, language: Language = 'vi') {
  const { roster, report } = document;
  return {
    rosterId: roster.id,
    from: document.from,
    to: document.to,
    lockedMonths: document.lockedMonths,
    members: report.members.map((record) => memberRecordView(roster, record, language)),
    roster: { name: roster.name, ...report.roster },
    corrections: document.corrections.map((correction) =>
      correctionView(roster, correction, language),
    ),
  };
}
