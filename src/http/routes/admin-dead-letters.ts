/**
 * Re-running a dead letter from the admin sync page. A push goes on after the response and the admin lands on that
 * roster's resync progress; anything else lands back on the sync page. A letter re-run already (a second click, a
 * second admin) does nothing more.
 */
import { Hono } from 'hono';
import { rerunDeadLetter } from '../../services/dead-letters.ts';
import { notFound } from '../../services/errors.ts';
import type { HonoEnv } from '../env.ts';
import { withLang } from '../pages/layout.ts';
import { param, runAfterResponse } from '../request.ts';
import { adminCtx, adminView } from './admin-auth.ts';

export const adminDeadLetters = new Hono<HonoEnv>();

adminDeadLetters.post('/admin/sync/dead-letters/:seq/rerun', async (c) => {
  const { language } = adminView(c);
  const text = param(c, 'seq');
  if (!/^\d{1,15}$/.test(text)) throw notFound(`dead letter "${text}"`);
  const deps = c.get('deps');
  const rerun = await rerunDeadLetter(adminCtx(c), deps.sync, Number(text));
  if (rerun?.background) {
    const started = deps.now().toISOString();
    const rosterId = rerun.view.rosterIds[0]!;
    if (rerun.view.work === 'push')
      await deps.store.putSetting(`resync_requested:${rosterId}`, started);
    runAfterResponse(c, rerun.background());
    if (rerun.view.work === 'push')
      return c.redirect(withLang(`/admin/sync/${rosterId}/progress`, language), 303);
  }
  return c.redirect(withLang('/admin/sync', language), 303);
});
