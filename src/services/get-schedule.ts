/** The duty slots and closed days of a roster over an inclusive range, as the API and the web pages show them. */
import { countDays, dateProblem, isIsoDate } from '../domain/dates.ts';
import { gradeSlot, MANAGER, type Reader } from '../domain/reason-privacy.ts';
import { slotView } from '../domain/slot-view.ts';
import type { Language } from '../domain/vietnamese.ts';
import type { ServiceContext } from './context.ts';
import { type FieldProblem, invalid } from './errors.ts';
import { expandState, loadRosterState } from './roster-state.ts';

/** Ten years: enough for any report, small enough that one request cannot tie up the server. */
export const MAX_SCHEDULE_DAYS = 3660;

export function checkRange(
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } {
  const fields: FieldProblem[] = [];
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const problem = dateProblem(value ?? '');
    if (problem) {
      const code = value && isIsoDate(value) ? 'date-out-of-range' : 'not-a-date';
      fields.push({ field, message: problem, code });
    }
  }
  if (fields.length === 0 && to! < from!)
    fields.push({
      field: 'to',
      message: `is before from (${from})`,
      code: 'to-before-from',
      params: { from: from! },
    });
  if (fields.length === 0 && countDays(from!, to!) > MAX_SCHEDULE_DAYS)
    fields.push({
      field: 'to',
      message: `a range spans at most ${MAX_SCHEDULE_DAYS} days`,
      code: 'range-too-long',
      params: { days: MAX_SCHEDULE_DAYS },
    });
  if (fields.length > 0)
    throw invalid('the date range is not valid', fields, { code: 'range-invalid' });
  return { from: from!, to: to! };
}

export async function getSchedule(
  ctx: ServiceContext,
  rosterId: string,
  range: { from?: string; to?: string },
  language: Language = 'vi',
  reader: Reader = MANAGER,
) {
  const { from, to } = checkRange(range.from, range.to);
  const state = await loadRosterState(ctx, rosterId);
  const expansion = expandState(state, from, to);
  return {
    rosterId,
    from,
    to,
    slots: expansion.slots.map((slot) =>
      slotView(state.stored.roster, gradeSlot(slot, reader), language),
    ),
    closedDays: expansion.closedDays,
    conflicts: expansion.conflicts,
  };
}

export type Schedule = Awaited<ReturnType<typeof getSchedule>>;
