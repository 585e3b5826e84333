/**
 * Confirming a month of a roster for the annual evaluation: who served each slot is locked as it stands now. From
 * then on reports of that month read the locked slots, and changes to it are recorded as corrections. Confirming
 * again is a no-op that answers the first confirmation, so nothing is ever counted twice.
 */
import { addDays } from '../domain/dates.ts';
import { formatDate } from '../domain/vietnamese.ts';
import { dateInZone } from '../domain/zone.ts';
import { closeMonthStatements, type MonthClose } from '../storage/month-store.ts';
import { auditStatement } from '../storage/statements.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, invalid } from './errors.ts';
import { formatMonth, lastDayOf } from './month-locks.ts';
import { expandState, loadRosterState } from './roster-state.ts';

const ATTEMPTS = 3;

export async function closeMonth(
  ctx: ServiceContext,
  rosterId: string,
  month: string,
): Promise<{ close: MonthClose; created: boolean }> {
  const last = lastDayOf(month);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const state = await loadRosterState(ctx, rosterId);
    const existing = (await ctx.store.months.closes(rosterId)).find(
      (close) => close.month === month,
    );
    if (existing) return { close: existing, created: false };
    // Records say who actually served: a month can be confirmed once its last day is over where the desk is.
    if (dateInZone(ctx.now(), state.stored.roster.timeZone) <= last) {
      const message = `${formatMonth(month)} is not over yet: it can be closed from ${formatDate(addDays(last, 1))}`;
      throw invalid(message, [{ field: 'month', message }]);
    }
    const { slots } = expandState(state, `${month}-01`, last);
    const stamp = stampOf(ctx);
    const records = slots.map((slot) => ({
      date: slot.date,
      position: slot.position,
      memberId: slot.memberId,
      kind: slot.kind,
    }));
    const statements = [
      ...closeMonthStatements(rosterId, month, slots, stamp),
      auditStatement(
        {
          action: 'month.close',
          rosterId,
          entity: 'month',
          entityId: month,
          after: { month, records },
        },
        stamp,
      ),
    ];
    // Guarded by facts_version: a close and a change of facts racing each other cannot both land unseen.
    const guard = {
      rosterId,
      column: 'facts_version' as const,
      expected: state.stored.factsVersion,
    };
    if (await ctx.store.commit(guard, stamp.now, statements)) {
      return {
        close: {
          rosterId,
          month,
          closedAt: stamp.now,
          closedBy: stamp.actor.name,
          slots: slots.length,
        },
        created: true,
      };
    }
  }
  throw conflict('the roster was changed by someone else at the same moment; try again', [], {
    code: 'concurrent-change',
  });
}
