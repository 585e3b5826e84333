/**
 * An officer asks for an absence from their staff page. It is checked now exactly as the manager's approval will
 * record it (same validation, overlapping absences and closed months refused), so a request that cannot be approved
 * is refused at once rather than left for a manager to find out; nothing changes on the roster until approval.
 */
import type { Absence } from '../domain/facts-schema.ts';
import type { AbsenceRequestInput, StaffRequest } from '../domain/staff-request.ts';
import { dateInZone } from '../domain/zone.ts';
import { planAbsence } from './add-absence.ts';
import { previewFacts } from './change-facts.ts';
import type { ServiceContext } from './context.ts';
import { invalid } from './errors.ts';
import { fileRequest, type Requester, requesterRoster } from './staff-requester.ts';

export async function requestAbsence(
  ctx: ServiceContext,
  requester: Requester,
  input: AbsenceRequestInput,
): Promise<StaffRequest> {
  const stored = requesterRoster(requester, input.rosterId);
  const today = dateInZone(ctx.now(), stored.roster.timeZone);
  if (input.from < today) {
    const message = 'an absence can be asked for from today on';
    const coded = { code: 'request-past', params: { today } };
    throw invalid(message, [{ field: 'from', message, ...coded }], coded);
  }
  const absence: Absence = {
    memberId: requester.memberId,
    from: input.from,
    to: input.to,
    reason: input.reason,
    ...(input.note ? { note: input.note } : {}),
  };
  await previewFacts(ctx, stored.id, planAbsence(ctx, stored.id, absence));
  return fileRequest(ctx, requester, {
    rosterId: stored.id,
    colleagueId: null,
    detail: { kind: 'absence', absence },
    state: 'pending',
  });
}
