/** The staff page of a feed link: `/my/{token}` with the feed's secret token, no sign-in (the link is the secret). */
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { saveStaffPreferences, staffNotices } from '../../services/staff-notices.ts';
import { requesterOf, staffFormToken } from '../../services/staff-requester.ts';
import { type ShownSchedule, staffSchedule } from '../../services/staff-schedule.ts';
import { createZaloLinkCode } from '../../services/zalo-link.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, page, translator } from '../pages/layout.ts';
import { staffNoticesBlock } from '../pages/staff-notices.ts';
import { staffPage } from '../pages/staff-page.ts';
import { staffRequests } from '../pages/staff-requests.ts';
import { param, parseForm, serviceContext } from '../request.ts';

export const my = new Hono<HonoEnv>();

/** What a post leaves on the page: a request's refusal, what was done, a fresh Zalo code. */
interface Outcome {
  error?: unknown;
  done?: string | undefined;
  code?: string | undefined;
}

/** A page that only says why it cannot show anything. */
export function staffRefusal(c: Context<HonoEnv>, status: 403 | 404 | 410, body: string) {
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  const titles = {
    403: t('Không thực hiện được', 'Refused'),
    404: t('Không tìm thấy', 'Not found'),
    410: t('Đường liên kết đã bị thu hồi', 'This link was revoked'),
  };
  c.header('cache-control', 'private, no-store');
  return c.html(page({ language, title: titles[status], path: c.req.path, body }), status);
}

/** The requests part of an officer's own page (a roster-wide link has none). */
async function requestsPart(
  c: Context<HonoEnv>,
  token: string,
  schedule: ShownSchedule,
  outcome: Outcome,
) {
  const ctx = serviceContext(c, 'staff');
  const requester = await requesterOf(ctx, token);
  return staffRequests({
    token,
    formToken: await staffFormToken(ctx.store, requester.feedId),
    memberId: requester.memberId,
    rosters: requester.rosters,
    duties: schedule.duties,
    requests: await ctx.store.requests.list({ memberIds: [requester.memberId] }),
    language: languageOf(c.req.query('lang')),
    error: outcome.error,
    done: outcome.done,
  });
}

/** The staff page with a member's requests and notices blocks, and what a post left (`outcome`, at `status`). */
export async function renderStaffPage(
  c: Context<HonoEnv>,
  outcome: Outcome = {},
  status: 200 | 404 | 409 | 410 | 422 = 200,
) {
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  const token = param(c, 'token');
  const schedule = await staffSchedule(serviceContext(c, 'staff'), token);
  if (schedule.kind === 'unknown')
    return staffRefusal(
      c,
      404,
      t('Không có lịch nào ở đường liên kết này.', 'There is no calendar at this link.'),
    );
  if (schedule.kind === 'revoked')
    return staffRefusal(
      c,
      410,
      t(
        'Đường liên kết lịch này đã bị thu hồi. Xin liên hệ quản trị viên để được cấp đường liên kết mới.',
        'This calendar link was revoked; ask an admin for a new one.',
      ),
    );
  c.header('cache-control', 'private, no-store');
  const ctx = serviceContext(c, 'staff');
  const extra = schedule.memberId
    ? html`${await requestsPart(c, token, schedule, outcome)}${staffNoticesBlock(
        await staffNotices(ctx, token),
        token,
        language,
        { zalo: Boolean(c.get('deps').notices?.zalo), code: outcome.code },
      )}`
    : '';
  return c.html(await staffPage(schedule, token, c.get('deps').publicUrl, language, extra), status);
}

my.get('/my/:token', (c) => renderStaffPage(c, { done: c.req.query('done') }));

// Forms posted from another site are refused: the page's own forms are same-origin.
const crossSite = (c: Context<HonoEnv>) => c.req.header('sec-fetch-site') === 'cross-site';

my.post('/my/:token/zalo-code', async (c) => {
  if (crossSite(c) || !c.get('deps').notices?.zalo) return renderStaffPage(c);
  const { code } = await createZaloLinkCode(serviceContext(c, 'staff'), param(c, 'token'));
  return renderStaffPage(c, { code });
});

my.post('/my/:token/notices', async (c) => {
  const token = param(c, 'token');
  if (!crossSite(c)) {
    const form = await parseForm(c);
    const on = (name: string) => form[name] === '1';
    await saveStaffPreferences(serviceContext(c, 'staff'), token, {
      emailOn: on('emailOn'),
      // Without a Zalo bot the box is not on the page: keep what was chosen.
      ...(c.get('deps').notices?.zalo ? { zaloOn: on('zaloOn') } : {}),
      reminders: on('reminders'),
    });
  }
  return c.redirect(`/my/${token}`, 303);
});
