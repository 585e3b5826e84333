/**
 * What an officer posts from their staff page: an absence request, a swap proposal, withdrawing a request,
 * accepting or declining a colleague's swap. There is no session: the secret link names the member, the form token (HMAC of the
 * link's feed) proves the form came from its page, and a post from another site (Origin) is refused. A post that
 * succeeds redirects back to the page (Post/Redirect/Get); a refused one shows its form again with the reason.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  AbsenceRequestSchema,
  DeclineSwapSchema,
  SwapRequestSchema,
  staffActor,
} from '../../domain/staff-request.ts';
import { acceptSwap } from '../../services/accept-swap.ts';
import type { ServiceContext } from '../../services/context.ts';
import { declineSwap } from '../../services/decline-swap.ts';
import { ServiceError } from '../../services/errors.ts';
import { proposeSwap } from '../../services/propose-swap.ts';
import { requestAbsence } from '../../services/request-absence.ts';
import {
  type Requester,
  requesterOf,
  staffFormToken,
  staffFormTokenMatches,
} from '../../services/staff-requester.ts';
import { withdrawRequest } from '../../services/withdraw-request.ts';
import type { HonoEnv } from '../env.ts';
import { absenceRequestPage } from '../pages/absence-request-page.ts';
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
type Status = 404 | 409 | 410 | 422;
type Refused = (
  c: Context<HonoEnv>,
  error: ServiceError,
  status: Status,
  form: Form,
) => Response | Promise<Response>;

const STATUS = { validation: 422, conflict: 409, 'not-found': 404, gone: 410 } as const;

/** Empty fields are absent ones (an empty note is no note). */
const filled = (form: Form) =>
  Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== ''));

/** The member of the link, or the page saying why this link cannot make requests. */
async function requesterOfLink(c: Context<HonoEnv>): Promise<Requester | Response> {
  const t = translator(languageOf(c.req.query('lang')));
  try {
    return await requesterOf(serviceContext(c, 'staff'), param(c, 'token'));
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (error.kind === 'gone')
      return staffRefusal(
        c,
        410,
        t('Đường liên kết lịch này đã bị thu hồi.', 'This calendar link was revoked.'),
      );
    if (error.kind === 'not-found')
      return staffRefusal(
        c,
        404,
        t('Không có lịch nào ở đường liên kết này.', 'There is no calendar at this link.'),
      );
    return staffRefusal(
      c,
      403,
      t(
        'Chỉ đường liên kết riêng của cán bộ mới gửi được đề nghị.',
        'Only an officer’s own link can make requests.',
      ),
    );
  }
}

const staffPageAgain: Refused = (c, error, status) => renderStaffPage(c, { error }, status);

function staffPost(done: string, action: Action, refused: Refused = staffPageAgain) {
  return async (c: Context<HonoEnv>) => {
    const t = translator(languageOf(c.req.query('lang')));
    if (!sameOrigin(c))
      return staffRefusal(
        c,
        403,
        t('Yêu cầu đến từ một trang khác.', 'The request came from another site.'),
      );
    const requester = await requesterOfLink(c);
    if (requester instanceof Response) return requester;
    const ctx = serviceContext(c, staffActor(requester.memberId));
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
      return refused(c, error, STATUS[error.kind as keyof typeof STATUS] ?? 422, form);
    }
    const back = withLang(`/my/${param(c, 'token')}?done=${done}`, languageOf(c.req.query('lang')));
    return c.redirect(`${back}#yeu-cau`, 303);
  };
}

async function absenceForm(
  c: Context<HonoEnv>,
  refusal?: { error: unknown; form: Form; status: Status },
) {
  const requester = await requesterOfLink(c);
  if (requester instanceof Response) return requester;
  const { store } = c.get('deps');
  c.header('cache-control', 'private, no-store');
  const markup = absenceRequestPage({
    token: param(c, 'token'),
    formToken: await staffFormToken(store, requester.feedId),
    rosters: requester.rosters,
    language: languageOf(c.req.query('lang')),
    ...(refusal ? { error: refusal.error, form: refusal.form } : {}),
  });
  return c.html(markup, refusal?.status ?? 200);
}

myRequests.get('/my/:token/requests/absence', (c) => absenceForm(c));
myRequests.post(
  '/my/:token/requests/absence',
  staffPost(
    'absence',
    (ctx, requester, form) =>
      requestAbsence(ctx, requester, parseWith(AbsenceRequestSchema, form, 'the form')),
    (c, error, status, form) => absenceForm(c, { error, form, status }),
  ),
);
myRequests.post(
  '/my/:token/requests/swap',
  staffPost('swap', (ctx, requester, form) =>
    proposeSwap(ctx, requester, parseWith(SwapRequestSchema, form, 'the form')),
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
myRequests.post(
  '/my/:token/requests/:requestId/decline',
  staffPost('decline', (ctx, requester, form, id) => {
    const { note } = parseWith(DeclineSwapSchema, { note: form.note }, 'the form');
    return declineSwap(ctx, requester, id, note);
  }),
);
