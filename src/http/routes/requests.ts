/** Staff requests over the API (admin token): list a roster's requests, approve or decline one. */
import { Hono } from 'hono';
import * as z from 'zod';
import { DecisionReasonSchema, type RequestState } from '../../domain/staff-request.ts';
import { approveRequest, requireRequest } from '../../services/approve-request.ts';
import { declineRequest } from '../../services/decline-request.ts';
import { requireRoster } from '../../services/roster-state.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, parseWith, serviceContext } from '../request.ts';
import { changedView } from './facts.ts';
import { lazySchema } from '../../domain/lazy.ts';

const TAG = 'Staff requests';
const STATES = ['proposed', 'pending', 'approved', 'declined', 'withdrawn'] as const;
const StateSchema = lazySchema(() => z.enum(STATES));
const ApproveSchema = lazySchema(() => z.object({ reason: DecisionReasonSchema.optional() }));
const DeclineSchema = lazySchema(() => z.object({ reason: DecisionReasonSchema }));

export const requests = new Hono<HonoEnv>();

requests.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}/requests',
    summary: 'List the staff requests of a roster, newest first',
    tag: TAG,
    query: { state: `Only requests in this state: ${STATES.join(', ')}` },
    responses: { 200: 'The requests', 404: 'No such roster', 422: 'Unknown state' },
  }).path,
  async (c) => {
    const ctx = serviceContext(c);
    const rosterId = param(c, 'id');
    await requireRoster(ctx, rosterId);
    const asked = c.req.query('state');
    const states: RequestState[] | undefined =
      asked === undefined ? undefined : [parseWith(StateSchema, asked, 'the state')];
    return c.json({ requests: await ctx.store.requests.list({ rosterId, states }) });
  },
);

const approveRoute = describe({
  method: 'post',
  path: '/api/rosters/{id}/requests/{requestId}/approve',
  summary: 'Approve a pending request: the absence or swap is recorded as an admin’s would be',
  tag: TAG,
  body: ApproveSchema,
  responses: {
    200: 'The request and the slots its approval changed',
    404: 'No such roster or request',
    409: 'Not pending, or the roster no longer allows it (e.g. an overlapping absence)',
    422: 'Touches a closed month',
  },
});
requests.post(approveRoute.path, async (c) => {
  const { reason } = await approveRoute.body(c);
  const ctx = serviceContext(c);
  const stored = await requireRoster(ctx, param(c, 'id'));
  const request = await requireRequest(ctx, stored.id, param(c, 'requestId'));
  const approved = await approveRequest(ctx, request, reason);
  return c.json({
    request: approved.request,
    changedSlots: changedView(stored.roster, approved.changedSlots),
  });
});

const declineRoute = describe({
  method: 'post',
  path: '/api/rosters/{id}/requests/{requestId}/decline',
  summary: 'Decline a pending request, saying why (the officer reads it); nothing else changes',
  tag: TAG,
  body: DeclineSchema,
  responses: { 200: 'The request', 404: 'No such roster or request', 409: 'Not pending' },
});
requests.post(declineRoute.path, async (c) => {
  const { reason } = await declineRoute.body(c);
  const ctx = serviceContext(c);
  const rosterId = param(c, 'id');
  await requireRoster(ctx, rosterId);
  const request = await requireRequest(ctx, rosterId, param(c, 'requestId'));
  return c.json({ request: await declineRequest(ctx, request, reason) });
});
