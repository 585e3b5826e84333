/**
 * The requester takes back a request nobody has decided yet; a decided one stays as it was decided. Whoever was
 * asked to act (the admins of a pending request, the colleague of a swap) is told, in the same batch.
 */
import { OPEN_STATES, type StaffRequest } from '../domain/staff-request.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, notFound } from './errors.ts';
import type { Requester } from './staff-requester.ts';

export async function withdrawRequest(
  ctx: ServiceContext,
  requester: Requester,
  requestId: string,
): Promise<StaffRequest> {
  const request = await ctx.store.requests.get(requestId);
  // Another officer's request is "not found": a link never learns what others asked for.
  if (!request || request.memberId !== requester.memberId) throw notFound(`request "${requestId}"`);
  if (!OPEN_STATES.includes(request.state))
    throw conflict(`the request is already ${request.state}; it can no longer be withdrawn`);
  const stamp = stampOf(ctx);
  const withdrawn: StaffRequest = { ...request, state: 'withdrawn', updatedAt: stamp.now };
  const moved = await ctx.store.requests.move(
    { id: request.id, from: request.state, to: 'withdrawn' },
    {
      action: 'request.withdraw',
      rosterId: request.rosterId,
      entity: 'request',
      entityId: request.id,
      before: { state: request.state },
      after: { state: 'withdrawn' },
    },
    stamp,
    { step: 'withdrawn', request: withdrawn, before: request.state },
  );
  if (!moved) throw conflict('the request was decided meanwhile; reload the page');
  ctx.afterChange?.(request.rosterId);
  return withdrawn;
}
