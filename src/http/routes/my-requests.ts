/**
 * What an officer posts from their staff page: an absence request, a swap proposal, withdrawing a request,
 * accepting a colleague's swap. There is no session: the secret link names the member, the form token (HMAC of the
 * link's feed) proves the form came from its page, and a post from another site (Origin) is refused. A post that
 * succeeds redirects back to the page (Post/Redirect/Get); a refused one shows the page with the reason.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type * as z from 'zod';
import { AbsenceRequestSchema, SwapRequestSchema } from '../../domain/staff-request.ts';
import { acceptSwap } from '../../services/accept-swap.ts';
import type { ServiceContext } from '../../services/context.ts';
import { ServiceError } from '../../services/errors.ts';
import { proposeSwap } from '../../services/propose-swap.ts';
import { requestAbsence } from '../../services/request-absence.ts';
import {
  type Requester,
  requesterOf,
  staffFormTokenMatches,
} from '../../services/staff-requester.ts';
import { withdrawRequest } from '../../services/withdraw-request.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, translator, withLang } from '../pages/layout.ts';
import { param, parseWith, serviceContext } from '../request.ts';
import { type Form, readForm, sameOrigin } from './admin-auth.ts';
import { renderStaffPage, staffRefusal } from './my.ts';

export const myRequests = new Hono<HonoEnv>();

type Action = (
  ctx: ServiceContext,
  requester: Requester,
  form: Form,
  requestId: string,
) => Promise<unknown>;

const STATUS = { validation: 422, conflict: 409, 'not-found': 404, gone: 410 } as const;

/** Empty fields are absent ones (an empty note is no note). */
const filled = (form: Form) =>
  Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== ''));

function staffPost(done: string, action: Action) {
  return async (c: Context<HonoEnv>) => {
    const t = translator(languageOf(c.req.query('lang')));
    const token = param(c, 'token');
    if (!sameOrigin(c))
      return staffRefusal(
        c,
        403,
        t('Yêu cầu đến từ một trang khác.', 'The request came from another site.'),
      );
    let requester: Requester;
    try {
      requester = await requesterOf(serviceContext(c, 'staff'), token);
    } catch (error) {
      if (error instanceof ServiceError)
        return renderStaffPage(c, {}, error.kind === 'gone' ? 410 : 404);
      throw error;
    }
    const ctx = serviceContext(c, `staff:${requester.memberId}`);
    const form = await readForm(c);
    if (!(await staffFormTokenMatches(ctx.store, requester.feedId, form.form)))
      return staffRefusal(
        c,
        403,
        t(
          'Biểu mẫu không hợp lệ hoặc đã cũ; xin tải lại trang và thử lại.',
          'The form is not valid or is stale; reload the page and try again.',
        ),
      );
    try {
      await action(ctx, requester, filled(form), c.req.param('requestId') ?? '');
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const status = STATUS[error.kind as keyof typeof STATUS] ?? 422;
      return renderStaffPage(c, { error }, status);
    }
    const language = languageOf(c.req.query('lang'));
    const back = withLang(`/my/${token}?done=${done}`, language);
    return c.redirect(`${back}#yeu-cau`, 303);
  };
}

function parsed<S extends z.ZodType>(schema: S, form: Form): z.infer<S> {
  return parseWith(schema, form, 'the form');
}

myRequests.post(
  '/my/:token/requests/absence',
  staffPost('absence', (ctx, requester, form) =>
    requestAbsence(ctx, requester, parsed(AbsenceRequestSchema, form)),
  ),
);
myRequests.post(
  '/my/:token/requests/swap',
  staffPost('swap', (ctx, requester, form) =>
    proposeSwap(ctx, requester, parsed(SwapRequestSchema, form)),
  ),
);
myRequests.post(
  '/my/:token/requests/:requestId/withdraw',
  staffPost('withdraw', (ctx, requester, _form, id) => withdrawRequest(ctx, requester, id)),
);
myRequests.post(
  '/my/:token/requests/:requestId/accept',
  staffPost('accept', (ctx, requester, _form, id) => acceptSwap(ctx, requester, id)),
);
