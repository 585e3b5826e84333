/**
 * Closed months as the other services see them. A change that touches a closed month (starts or ends in it, or
 * changes one of its slots) is never refused and never silent: it needs a reason, and it lands with one correction
 * per slot of the month it changes, in the same batch as the change. A report of a closed month is its locked slots
 * with the corrections applied in order.
 */
import {
  daysInMonth,
  type IsoDate,
  isSupportedYear,
  SUPPORTED_RANGE_TEXT,
} from '../domain/dates.ts';
import type { SlotChange } from '../domain/slot-diff.ts';
import type { DutySlot } from '../domain/slot.ts';
import {
  type CorrectionInput,
  correctionStatement,
  type MonthCorrection,
} from '../storage/month-store.ts';
import type { GuardedStatement } from '../storage/guarded-write.ts';
import { type AuditInput, auditStatement } from '../storage/statements.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid } from './errors.ts';

/** `2024-05-06` → `2024-05`. */
export const monthOf = (date: IsoDate): string => date.slice(0, 7);

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The last day of `YYYY-MM`, or a 422 naming the field when the month is not written that way. */
export function lastDayOf(month: string): IsoDate {
  const match = MONTH.exec(month);
  if (!match)
    throw invalid('the month is not valid', [
      { field: 'month', message: 'expected a month written YYYY-MM' },
    ]);
  if (!isSupportedYear(Number(match[1])))
    throw invalid('the month is not valid', [
      { field: 'month', message: `expected a month within ${SUPPORTED_RANGE_TEXT}` },
    ]);
  return `${month}-${String(daysInMonth(Number(match[1]), Number(match[2]))).padStart(2, '0')}`;
}

/** `2024-05` → `05/2024`, as people write a month. */
export const formatMonth = (month: string): string => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

export async function closedMonths(ctx: ServiceContext, rosterId: string): Promise<Set<string>> {
  return new Set((await ctx.store.months.closes(rosterId)).map((close) => close.month));
}

/** Locked records with the corrections applied in order: what a report shows for closed months. */
export function applyCorrections(
  records: readonly DutySlot[],
  corrections: readonly MonthCorrection[],
): DutySlot[] {
  const slots = new Map(records.map((slot) => [slot.key, slot]));
  for (const correction of corrections) {
    if (correction.after) slots.set(correction.slotKey, correction.after);
    else slots.delete(correction.slotKey);
  }
  return [...slots.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key),
  );
}

export async function lockedSlots(
  ctx: ServiceContext,
  rosterId: string,
  months: readonly string[],
) {
  const [records, corrections] = await Promise.all([
    ctx.store.months.records(rosterId, months),
    ctx.store.months.corrections(rosterId, months),
  ]);
  return { slots: applyCorrections(records, corrections), corrections };
}

export interface PlannedCorrections {
  /** Closed months the change touches: non-empty means a reason is required. */
  months: string[];
  corrections: CorrectionInput[];
}

/**
 * What a change does to the closed months of a roster: `dates` are the days it names (the ends of an absence, the
 * two days of a swap), `changes` the slots that differ. `before` of a correction is the slot as the report shows it.
 */
export async function planCorrections(
  ctx: ServiceContext,
  rosterId: string,
  closed: ReadonlySet<string>,
  dates: readonly IsoDate[],
  changes: readonly SlotChange[],
): Promise<PlannedCorrections> {
  if (closed.size === 0) return { months: [], corrections: [] };
  const dateOf = (change: SlotChange) => (change.after ?? change.before)!.date;
  const hits = changes.filter((change) => closed.has(monthOf(dateOf(change))));
  const months = [
    ...new Set([...dates.map(monthOf), ...hits.map((change) => monthOf(dateOf(change)))]),
  ]
    .filter((month) => closed.has(month))
    .sort();
  if (hits.length === 0) return { months, corrections: [] };
  const shown = new Map(
    (await lockedSlots(ctx, rosterId, months)).slots.map((slot) => [slot.key, slot]),
  );
  const corrections = hits.flatMap((change): CorrectionInput[] => {
    const before = shown.get(change.key) ?? null;
    if (JSON.stringify(before) === JSON.stringify(change.after)) return [];
    return [
      {
        rosterId,
        month: monthOf(dateOf(change)),
        slotKey: change.key,
        date: dateOf(change),
        before,
        after: change.after,
        reason: ctx.correctionReason ?? '',
      },
    ];
  });
  return { months, corrections };
}

/** Refuses (422, nothing stored) a change to closed months that gives no reason. */
export function requireReason(ctx: ServiceContext, months: readonly string[]): void {
  if (months.length === 0 || ctx.correctionReason) return;
  const message = `${months.map(formatMonth).join(', ')} ${months.length > 1 ? 'are' : 'is'} closed: a change to a closed month is recorded as a correction and needs a reason (correctionReason)`;
  const coded = { code: 'month-reason-required', params: { months: months.join(',') } };
  throw invalid(
    message,
    [{ field: 'correctionReason', message: 'required: why a closed month is changed', ...coded }],
    coded,
  );
}

/** One audit entry per month corrected, with the reason and the slots, beside the audit entry of the change itself. */
export function correctionAudit(
  rosterId: string,
  planned: PlannedCorrections,
  reason: string,
): AuditInput[] {
  return planned.months.map((month) => ({
    action: 'month.correct',
    rosterId,
    entity: 'month',
    entityId: month,
    after: {
      reason,
      slots: planned.corrections
        .filter((correction) => correction.month === month)
        .map((correction) => correction.slotKey),
    },
  }));
}

/**
 * For the shared path of fact changes: the guarded statements recording a change's corrections of closed months,
 * or a 422 when it touches one without a reason.
 */
export async function correctionStatements(
  ctx: ServiceContext,
  rosterId: string,
  dates: readonly IsoDate[],
  changes: readonly SlotChange[],
): Promise<GuardedStatement[]> {
  const planned = await planCorrections(
    ctx,
    rosterId,
    await closedMonths(ctx, rosterId),
    dates,
    changes,
  );
  requireReason(ctx, planned.months);
  if (planned.months.length === 0) return [];
  const stamp = stampOf(ctx);
  return [
    ...planned.corrections.map((correction) => correctionStatement(correction, stamp)),
    ...correctionAudit(rosterId, planned, ctx.correctionReason!).map((audit) =>
      auditStatement(audit, stamp),
    ),
  ];
}
