/** The append-only audit log, newest first, paged by sequence number. */
import { Hono } from 'hono';
import * as z from 'zod';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { parseWith, serviceContext } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const QuerySchema = lazySchema(() =>
  z.object({
    rosterId: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.coerce.number().int().min(1).optional(),
  }),
);

export const audit = new Hono<HonoEnv>();

audit.get(
  describe({
    method: 'get',
    path: '/api/audit',
    summary: 'Who changed what, when (newest first)',
    tag: 'Audit',
    query: {
      rosterId: 'Only this roster',
      limit: '1–500, default 100',
      before: 'Entries older than this seq',
    },
    responses: { 200: '{ entries, next }' },
  }).path,
  async (c) => {
    const query = parseWith(QuerySchema, c.req.query(), 'the query');
    const entries = await serviceContext(c).store.audit(query);
    const next = entries.length === query.limit ? entries.at(-1)!.seq : null;
    return c.json({ entries, next });
  },
);
