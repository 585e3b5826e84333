/**
 * A roster manager approves a staff request: the request is claimed first (pending → approved, so a withdrawal or a
 * second approval racing it loses), then recorded through the very verbs an admin's change uses (addAbsence,
 * addSwap), so covers, feeds, the calendar push and month-close corrections follow. If recording fails (the roster
 * changed since: an overlapping absence, a closed month), the request goes back to where it was and the refusal is
 * reported; nothing else is stored. The requester is told once the approval is complete: with the link to the
 * recorded fact, in one batch (an approval undone for a refusal tells nobody).
 */
import type { SlotChange } from '../domain/slot-diff.ts';
import { canMove, type StaffRequest } from '../domain/staff-request.ts';
import { addAbsence, planAbsence } from './add-absence.ts';
import { previewFacts } from './change-facts.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, notFound } from './errors.ts';
import { addSwap, planSwap } from './set-override.ts';

/** The request of a roster, or "not found" (also for another roster's request). */
export async function requireRequest(
  ctx: ServiceContext,
  rosterId: string,
  requestId: string,
): Promise<StaffRequest> {
  const request = await ctx.store.requests.get(requestId);
  if (!request || request.rosterId !== rosterId) throw notFound(`request "${requestId}"`);
  return request;
}

/** The slots approving `request` would change now, computed as the approval will (nothing stored). */
export async function previewRequest(ctx: ServiceContext, request: StaffRequest) {
  const { detail, rosterId } = request;
  const plan =
    detail.kind === 'absence'
      ? planAbsence(ctx, rosterId, detail.absence)
      : planSwap(ctx, rosterId, detail.swap);
  return (await previewFacts<unknown>(ctx, rosterId, plan)).changedSlots;
}

function record(ctx: ServiceContext, request: StaffRequest) {
  const { detail, rosterId } = request;
  return detail.kind === 'absence'
    ? addAbsence(ctx, rosterId, detail.absence)
    : addSwap(ctx, rosterId, detail.swap);
}

export async function approveRequest(
  ctx: ServiceContext,
  request: StaffRequest,
  reason?: string,
): Promise<{ request: StaffRequest; changedSlots: SlotChange[] }> {
  if (!canMove(request.state, 'approved', request.detail.kind))
    throw conflict(`the request is ${request.state}; only a pending request can be approved`, [], {
      code: 'request-not-pending',
    });
  const audit = (action: string, after: unknown) => ({
    action,
    rosterId: request.rosterId,
    entity: 'request',
    entityId: request.id,
    before: { state: request.state },
    after,
  });
  const claim = { id: request.id, from: request.state, to: 'approved' as const };
  const claimed = await ctx.store.requests.move(
    { ...claim, decisionReason: reason ?? null },
    audit('request.approve', { state: 'approved', reason: reason ?? null }),
    stampOf(ctx),
  );
  if (!claimed) throw conflict('the request was withdrawn or decided meanwhile; reload the page');
  try {
    const { result, changedSlots } = await record(ctx, request);
    const stamp = stampOf(ctx);
    const decided: StaffRequest = {
      ...request,
      state: 'approved',
      decisionReason: reason ?? null,
      decidedBy: stamp.actor.name,
      factId: result.id,
    };
    await ctx.store.requests.setFact(request.id, result.id, {
      event: { step: 'approved', request: decided, before: request.state },
      now: stamp.now,
    });
    ctx.afterChange?.(request.rosterId);
    const approved = await ctx.store.requests.get(request.id);
    return { request: approved ?? request, changedSlots };
  } catch (error) {
    await ctx.store.requests.move(
      { id: request.id, from: 'approved', to: request.state },
      audit('request.reopen', { state: request.state, why: (error as Error).message }),
      stampOf(ctx),
    );
    throw error;
  }
}
