/** The staff requests of a roster on the admin pages: pending ones with their preview, approve or decline. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { DecisionReasonSchema } from '../../domain/staff-request.ts';
import { approveRequest, previewRequest, requireRequest } from '../../services/approve-request.ts';
import { declineRequest } from '../../services/decline-request.ts';
import { ServiceError } from '../../services/errors.ts';
import { requireRoster } from '../../services/roster-state.ts';
import type { HonoEnv } from '../env.ts';
import { translator, withLang } from '../pages/layout.ts';
import { type PendingRequest, requestsPage } from '../pages/requests-page.ts';
import { param, parseWith } from '../request.ts';
import { adminCtx, adminPage, adminView, readForm } from './admin-auth.ts';

export const adminRequests = new Hono<HonoEnv>();

async function showRequests(
  c: Context<HonoEnv>,
  error?: unknown,
  status: 200 | 404 | 409 | 422 = 200,
) {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const stored = await requireRoster(ctx, param(c, 'id'));
  const all = await ctx.store.requests.list({ rosterId: stored.id });
  const pending: PendingRequest[] = [];
  for (const request of all.filter((candidate) => candidate.state === 'pending')) {
    try {
      pending.push({ request, preview: { changes: await previewRequest(ctx, request) } });
    } catch (refusal) {
      if (!(refusal instanceof ServiceError)) throw refusal;
      pending.push({ request, preview: { error: refusal } });
    }
  }
  const body = requestsPage(view, {
    rosterId: stored.id,
    roster: stored.roster,
    pending,
    others: all.filter((candidate) => candidate.state !== 'pending'),
    error,
    done: c.req.query('done'),
  });
  return adminPage(
    c,
    translator(view.language)('Đề nghị của cán bộ', 'Staff requests'),
    body,
    status,
  );
}

adminRequests.get('/admin/rosters/:id/requests', (c) => showRequests(c));

const STATUS = { validation: 422, conflict: 409, 'not-found': 404 } as const;

function decide(verb: 'approved' | 'declined') {
  return async (c: Context<HonoEnv>) => {
    const ctx = adminCtx(c);
    const rosterId = param(c, 'id');
    try {
      const request = await requireRequest(ctx, rosterId, param(c, 'requestId'));
      const typed = (await readForm(c)).reason?.trim() ?? '';
      if (verb === 'approved')
        await approveRequest(
          ctx,
          request,
          typed === '' ? undefined : parseWith(DecisionReasonSchema, typed, 'the comment'),
        );
      else
        await declineRequest(
          ctx,
          request,
          typed === '' ? '' : parseWith(DecisionReasonSchema, typed, 'the reason'),
        );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return showRequests(c, error, STATUS[error.kind as keyof typeof STATUS] ?? 422);
    }
    const back = withLang(
      `/admin/rosters/${rosterId}/requests?done=${verb}`,
      adminView(c).language,
    );
    return c.redirect(back, 303);
  };
}

adminRequests.post('/admin/rosters/:id/requests/:requestId/approve', decide('approved'));
adminRequests.post('/admin/rosters/:id/requests/:requestId/decline', decide('declined'));
