/** The notice log (with resend), a roster's notice contacts, and members' notice preferences. */
import { Hono } from 'hono';
import * as z from 'zod';
import {
  addContact,
  deleteContact,
  listContacts,
  memberPreferences,
  noticeLog,
  resendNotice,
  setMemberPreferences,
} from '../../services/notice-admin.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, parseWith, serviceContext } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const TAG = 'Notices';
export const ContactInputSchema = lazySchema(() =>
  z.discriminatedUnion('channel', [
    z.object({ role: z.enum(['admin', 'group']), channel: z.literal('email'), address: z.email() }),
    z.object({
      role: z.enum(['admin', 'group']),
      channel: z.literal('zalo'),
      address: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'expected a Zalo chat id'),
    }),
  ]),
);
export const PreferencesInputSchema = lazySchema(() =>
  z
    .object({
      email: z.email().nullable(),
      emailOn: z.boolean(),
      zaloOn: z.boolean(),
      reminders: z.boolean(),
    })
    .partial()
    .strict(),
);
const LogQuerySchema = lazySchema(() =>
  z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
);
export const notices = new Hono<HonoEnv>();

notices.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}/notices',
    summary: 'The notice log: who was told what, when, through which channel, delivered or failed',
    tag: TAG,
    query: { limit: 'At most this many, newest first (default 100)' },
    responses: { 200: '{ notices }', 404: 'No such roster', 422: 'Invalid limit' },
  }).path,
  async (c) => {
    const { limit } = parseWith(LogQuerySchema, c.req.query(), 'the query');
    return c.json({ notices: await noticeLog(serviceContext(c), param(c, 'id'), limit) });
  },
);

notices.post(
  describe({
    method: 'post',
    path: '/api/rosters/{id}/notices/{noticeId}/resend',
    summary: 'Send a delivered or failed notice again',
    tag: TAG,
    responses: { 202: 'Queued', 404: 'No such notice', 409: 'Still waiting to be sent' },
  }).path,
  async (c) => {
    await resendNotice(serviceContext(c), param(c, 'id'), param(c, 'noticeId'));
    c.get('deps').notices?.kick?.();
    return c.body(null, 202);
  },
);

notices.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}/notice-contacts',
    summary: "The roster's admin contacts (urgent notices) and group channels",
    tag: TAG,
    responses: { 200: '{ contacts }', 404: 'No such roster' },
  }).path,
  async (c) => c.json({ contacts: await listContacts(serviceContext(c), param(c, 'id')) }),
);

const addContactRoute = describe({
  method: 'post',
  path: '/api/rosters/{id}/notice-contacts',
  summary: 'Add an admin contact or a group channel',
  tag: TAG,
  body: ContactInputSchema,
  responses: { 201: 'The contact', 404: 'No such roster', 422: 'Invalid' },
});
notices.post(addContactRoute.path, async (c) => {
  const input = await addContactRoute.body(c);
  return c.json(await addContact(serviceContext(c), param(c, 'id'), input), 201);
});

notices.delete(
  describe({
    method: 'delete',
    path: '/api/rosters/{id}/notice-contacts/{contactId}',
    summary: 'Remove a contact',
    tag: TAG,
    responses: { 204: 'Removed', 404: 'No such roster or contact' },
  }).path,
  async (c) => {
    await deleteContact(serviceContext(c), param(c, 'id'), param(c, 'contactId'));
    return c.body(null, 204);
  },
);

const preferencesPath = '/api/rosters/{id}/members/{memberId}/notice-preferences';
notices.get(
  describe({
    method: 'get',
    path: preferencesPath,
    summary: "A member's notice preferences",
    tag: TAG,
    responses: { 200: '{ email, emailOn, zaloOn, reminders }', 404: 'No such roster' },
  }).path,
  async (c) =>
    c.json(await memberPreferences(serviceContext(c), param(c, 'id'), param(c, 'memberId'))),
);

const preferencesRoute = describe({
  method: 'put',
  path: preferencesPath,
  summary: "Set a member's notice preferences (fields left out keep their value)",
  tag: TAG,
  body: PreferencesInputSchema,
  responses: { 200: 'The preferences', 404: 'No such roster', 422: 'Invalid' },
});
notices.put(preferencesRoute.path, async (c) => {
  const input = await preferencesRoute.body(c);
  const ctx = serviceContext(c);
  return c.json(await setMemberPreferences(ctx, param(c, 'id'), param(c, 'memberId'), input));
});
