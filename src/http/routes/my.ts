/** The staff page of a feed link: `/my/{token}` with the feed's secret token, no sign-in (the link is the secret). */
import { Hono } from 'hono';
import { staffSchedule } from '../../services/staff-schedule.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, page, translator } from '../pages/layout.ts';
import { staffPage } from '../pages/staff-page.ts';
import { param, serviceContext } from '../request.ts';

export const my = new Hono<HonoEnv>();

my.get('/my/:token', async (c) => {
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
  return c.html(await staffPage(schedule, token, c.get('deps').publicUrl, language));
});
