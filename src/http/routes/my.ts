/** The staff page of a feed link: `/my/{token}` with the feed's secret token, no sign-in (the link is the secret). */
import { type Context, Hono } from 'hono';
import { saveStaffPreferences, staffNotices } from '../../services/staff-notices.ts';
import { staffSchedule } from '../../services/staff-schedule.ts';
import { createZaloLinkCode } from '../../services/zalo-link.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, page, translator } from '../pages/layout.ts';
import { staffNoticesBlock } from '../pages/staff-notices.ts';
import { staffPage } from '../pages/staff-page.ts';
import { param, serviceContext } from '../request.ts';

export const my = new Hono<HonoEnv>();

/** The staff page, with a member's notices block (and a fresh Zalo code when one was just asked for). */
async function render(c: Context<HonoEnv>, code?: string) {
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  const token = param(c, 'token');
  const schedule = await staffSchedule(serviceContext(c, 'staff'), token);
  c.header('cache-control', 'private, no-store');
  if (schedule.status === 404) {
    return c.html(
      page({
        language,
        title: t('Không tìm thấy', 'Not found'),
        path: c.req.path,
        body: t('Không có lịch nào ở đường liên kết này.', 'There is no calendar at this link.'),
      }),
      404,
    );
  }
  if (schedule.status === 410) {
    return c.html(
      page({
        language,
        title: t('Đường liên kết đã bị thu hồi', 'This link was revoked'),
        path: c.req.path,
        body: t(
          'Đường liên kết lịch này đã bị thu hồi. Xin liên hệ quản trị viên để được cấp đường liên kết mới.',
          'This calendar link was revoked; ask an admin for a new one.',
        ),
      }),
      410,
    );
  }
  const ctx = serviceContext(c, 'staff');
  const notices = schedule.memberId
    ? staffNoticesBlock(await staffNotices(ctx, token), token, language, {
        zalo: Boolean(c.get('deps').notices?.zalo),
        code,
      })
    : '';
  return c.html(await staffPage(schedule, token, c.get('deps').publicUrl, language, notices));
}

my.get('/my/:token', (c) => render(c));

// Forms posted from another site are refused: the page's own forms are same-origin.
const crossSite = (c: Context<HonoEnv>) => c.req.header('sec-fetch-site') === 'cross-site';

my.post('/my/:token/zalo-code', async (c) => {
  if (crossSite(c) || !c.get('deps').notices?.zalo) return render(c);
  const { code } = await createZaloLinkCode(serviceContext(c, 'staff'), param(c, 'token'));
  return render(c, code);
});

my.post('/my/:token/notices', async (c) => {
  const token = param(c, 'token');
  if (!crossSite(c)) {
    const form = await c.req.parseBody();
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
