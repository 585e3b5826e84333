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
import { type ServiceContext, stampOf } from './context.ts';
import { invalid } from './errors.ts';
import { type Requester, requesterRoster } from './staff-requester.ts';

export async function requestAbsence(
  ctx: ServiceContext,
  requester: Requester,
  input: AbsenceRequestInput,
): Promise<StaffRequest> {
  const stored = requesterRoster(requester, input.rosterId);
  const today = dateInZone(ctx.now(), stored.roster.timeZone);
  if (input.from < today) {
    const message = 'an absence can be asked for from today on';
    throw invalid(message, [{ field: 'from', message }]);
  }
  const absence: Absence = {
    memberId: requester.memberId,
    from: input.from,
    to: input.to,
    reason: input.reason,
    ...(input.note ? { note: input.note } : {}),
  };
  await previewFacts(ctx, stored.id, planAbsence(ctx, stored.id, absence));
  const stamp = stampOf(ctx);
  const request: StaffRequest = {
    id: crypto.randomUUID(),
    rosterId: stored.id,
    memberId: requester.memberId,
    colleagueId: null,
    detail: { kind: 'absence', absence },
    state: 'pending',
    decisionReason: null,
    decidedBy: null,
    factId: null,
    createdAt: stamp.now,
    updatedAt: stamp.now,
  };
  await ctx.store.requests.insert(request, stamp);
  return request;
}
