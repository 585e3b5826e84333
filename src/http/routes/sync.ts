/** The calendar push for admins: preview or run a resync, and read the sync status. */
import { Hono } from 'hono';
import * as z from 'zod';
import { pushProgress } from '../../services/push-progress.ts';
import { resyncAll, resyncRoster, syncStatus } from '../../services/sync-admin.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const TAG = 'Calendar push';
const SyncRequestSchema = lazySchema(() =>
  z.object({
    dryRun: z
      .boolean()
      .optional()
      .describe('Only count what a resync would create, update and delete'),
    providers: z
      .array(z.enum(['google', 'outlook']))
      .min(1)
      .optional(),
  }),
);

export const sync = new Hono<HonoEnv>();

const resyncRosterRoute = describe({
  method: 'post',
  path: '/api/rosters/{id}/sync',
  summary: 'Resync a roster against its calendars (drift repair); dryRun for the plan only',
  tag: TAG,
  body: SyncRequestSchema,
  responses: {
    200: 'Per provider: plan counts and what was applied',
    404: 'No such roster',
    422: 'No provider configured',
  },
});
sync.post(resyncRosterRoute.path, async (c) =>
  c.json(await resyncRoster(c.get('deps').sync, param(c, 'id'), await resyncRosterRoute.body(c))),
);

const resyncAllRoute = describe({
  method: 'post',
  path: '/api/sync',
  summary: 'Resync every roster',
  tag: TAG,
  body: SyncRequestSchema,
  responses: { 200: 'Per roster and provider: plan counts and what was applied' },
});
sync.post(resyncAllRoute.path, async (c) =>
  c.json(await resyncAll(c.get('deps').sync, await resyncAllRoute.body(c))),
);

sync.get(
  describe({
    method: 'get',
    path: '/api/sync/status',
    summary:
      'Per roster and provider: last run, pending changes, last error, progress; deleted rosters still being withdrawn; how far the push has come (next 30 days, whole horizon, time left)',
    tag: TAG,
    responses: { 200: 'Status' },
  }).path,
  async (c) => {
    const { sync } = c.get('deps');
    return c.json({
      ...(await syncStatus(sync)),
      progress: sync ? await pushProgress(sync) : null,
    });
  },
);
