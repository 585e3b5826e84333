/**
 * The colleague accepts a proposed swap on their own page. Where the roster lets agreed swaps through
 * (`requests.swapsWithoutApproval`), it is recorded at once, as an approval would; else it waits for a manager, and
 * the admins (to decide) and the requester (to know) are told in the same batch.
 */
import type { StaffRequest } from '../domain/staff-request.ts';
import { approveRequest } from './approve-request.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, notFound } from './errors.ts';
import type { Requester } from './staff-requester.ts';

export async function acceptSwap(
  ctx: ServiceContext,
  requester: Requester,
  requestId: string,
): Promise<StaffRequest> {
  const request = await ctx.store.requests.get(requestId);
  if (!request || request.colleagueId !== requester.memberId)
    throw notFound(`request "${requestId}"`);
  if (request.state !== 'proposed')
    throw conflict(`the swap is already ${request.state}; it can no longer be accepted`);
  const stored = requester.rosters.find((candidate) => candidate.id === request.rosterId);
  if (stored?.roster.requests?.swapsWithoutApproval)
    return (await approveRequest(ctx, request)).request;
  const stamp = stampOf(ctx);
  const pending: StaffRequest = { ...request, state: 'pending', updatedAt: stamp.now };
  const moved = await ctx.store.requests.move(
    { id: request.id, from: 'proposed', to: 'pending' },
    {
      action: 'request.accept',
      rosterId: request.rosterId,
      entity: 'request',
      entityId: request.id,
      before: { state: 'proposed' },
      after: { state: 'pending' },
    },
    stamp,
    { step: 'accepted', request: pending, before: 'proposed' },
  );
  if (!moved) throw conflict('the swap was withdrawn meanwhile; reload the page');
  ctx.afterChange?.(request.rosterId);
  return pending;
}
