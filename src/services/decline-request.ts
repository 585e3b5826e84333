/**
 * A roster manager declines a staff request, saying why: the officer reads it on their page and is told, with the
 * reason, in the same batch; nothing else changes.
 */
import { canMove, type StaffRequest } from '../domain/staff-request.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, invalid } from './errors.ts';

export async function declineRequest(
  ctx: ServiceContext,
  request: StaffRequest,
  reason: string,
): Promise<StaffRequest> {
  if (reason.trim() === '') {
    const message = 'say why the request is declined';
    const coded = { code: 'decline-reason-required' };
    throw invalid(message, [{ field: 'reason', message, ...coded }], coded);
  }
  if (!canMove(request.state, 'declined', request.detail.kind))
    throw conflict(`the request is ${request.state}; only a pending request can be declined`, [], {
      code: 'request-not-pending',
    });
  const stamp = stampOf(ctx);
  const declined: StaffRequest = {
    ...request,
    state: 'declined',
    decisionReason: reason,
    decidedBy: stamp.actor.name,
    updatedAt: stamp.now,
  };
  const moved = await ctx.store.requests.move(
    { id: request.id, from: request.state, to: 'declined', decisionReason: reason },
    {
      action: 'request.decline',
      rosterId: request.rosterId,
      entity: 'request',
      entityId: request.id,
      before: { state: request.state },
      after: { state: 'declined', reason },
    },
    stamp,
    { step: 'declined', request: declined, before: request.state },
  );
  if (!moved) throw conflict('the request was withdrawn or decided meanwhile; reload the page');
  ctx.afterChange?.(request.rosterId);
  return declined;
}
