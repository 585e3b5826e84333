/** Recording an absence: the member's slots in that range go to cover, and the feeds follow. */
import { checkAbsences } from '../domain/check-facts.ts';
import type { Absence } from '../domain/facts-schema.ts';
import type { StoredAbsence } from '../storage/records.ts';
import { auditStatement, insertAbsence } from '../storage/statements.ts';
import { changeFacts, type FactChange } from './change-facts.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, invalid } from './errors.ts';
import type { RosterState } from './roster-state.ts';

export async function addAbsence(ctx: ServiceContext, rosterId: string, input: Absence) {
  return changeFacts(ctx, rosterId, planAbsence(ctx, rosterId, input));
}

/** The change an absence makes, validated against the stored state (also what the web pages preview). */
export function planAbsence(
  ctx: ServiceContext,
  rosterId: string,
  input: Absence,
): (state: RosterState) => FactChange<StoredAbsence> {
  return (state) => {
    const absence: Absence = {
      memberId: input.memberId,
      from: input.from,
      to: input.to,
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
    };
    const all = [...state.facts.absences, absence];
    const problem = checkAbsences(state.stored.roster, all).find(
      (issue) => issue.index === all.length - 1,
    );
    if (problem) {
      const coded = { code: problem.code, params: problem.params };
      const fields = [{ field: problem.field, message: problem.message, ...coded }];
      throw problem.field === 'memberId'
        ? invalid(problem.message, fields, coded)
        : conflict(problem.message, fields, coded);
    }

    const stamp = stampOf(ctx);
    const id = crypto.randomUUID();
    const stored: StoredAbsence = {
      ...absence,
      id,
      rosterId,
      createdAt: stamp.now,
      createdBy: stamp.actor.name,
    };
    return {
      statements: [
        insertAbsence(rosterId, id, absence, stamp),
        auditStatement(
          { action: 'absence.create', rosterId, entity: 'absence', entityId: id, after: stored },
          stamp,
        ),
      ],
      next: { ...state.facts, absences: [...state.facts.absences, stored] },
      range: { from: absence.from, to: absence.to },
      result: stored,
    };
  };
}
