/**
 * The colleague declines a swap proposed to them, from their own page, with an optional note the requester reads.
 * Only a proposal still waiting for them can be declined (once accepted it is the managers' to decide); nothing
 * but the request changes. Audited as `request.decline-swap` with the colleague (`staff:<memberId>`) as the actor;
 * the requester is told (with the note) in the same batch.
 */
import type { StaffRequest } from '../domain/staff-request.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, notFound } from './errors.ts';
import type { Requester } from './staff-requester.ts';

export async function declineSwap(
  ctx: ServiceContext,
  requester: Requester,
  requestId: string,
  note: string | undefined,
): Promise<StaffRequest> {
  const request = await ctx.store.requests.get(requestId);
  // Only the colleague it was proposed to: any other link is told there is no such request.
  if (!request || request.colleagueId !== requester.memberId)
    throw notFound(`request "${requestId}"`);
  const notProposed = () =>
    conflict(`the swap is ${request.state}; it is no longer waiting for you`, [], {
      code: 'swap-not-proposed',
    });
  if (request.state !== 'proposed') throw notProposed();
  const stamp = stampOf(ctx);
  const decisionReason = note ?? null;
  const declined: StaffRequest = {
    ...request,
    state: 'declined',
    decisionReason,
    decidedBy: stamp.actor.name,
    updatedAt: stamp.now,
  };
  const moved = await ctx.store.requests.move(
    { id: request.id, from: 'proposed', to: 'declined', decisionReason },
    {
      action: 'request.decline-swap',
      rosterId: request.rosterId,
      entity: 'request',
      entityId: request.id,
      before: { state: 'proposed' },
      after: { state: 'declined', ...(note ? { note } : {}) },
    },
    stamp,
    { step: 'refused', request: declined, before: 'proposed' },
  );
  if (!moved) throw notProposed();
  ctx.afterChange?.(request.rosterId);
  return declined;
}
