/**
 * The admin page of a roster's members: who they are, how the calendars reach them, and how many live feed links
 * they have. An API-managed roster is edited here through editRoster, each form naming the version it was read at
 * (If-Match), so a stale form is refused in words; a roster defined by a file is read-only (edit the file).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { type Member, MemberSchema, type Roster } from '../../domain/roster-schema.ts';
import { slugOf } from '../../domain/schema-primitives.ts';
import { notFound, ServiceError } from '../../services/errors.ts';
import { editRoster, rosterEtag } from '../../services/roster-definitions.ts';
import { requireRoster } from '../../services/roster-state.ts';
import type { HonoEnv } from '../env.ts';
import { translator, withLang } from '../pages/layout.ts';
import { membersPage as renderMembers, removeMemberPage } from '../pages/members-page.ts';
import { param, parseWith } from '../request.ts';
import { adminCtx, adminPage, adminView, type Form, readForm } from './admin-auth.ts';

export const adminMembers = new Hono<HonoEnv>();

/** A member from a form, validated by the API's schema; empty optional fields are left out. */
function memberOf(form: Form, id: string): Member {
  const optional = (value: string | undefined) =>
    value && value.trim() !== '' ? value.trim() : undefined;
  return parseWith(
    MemberSchema,
    {
      id,
      honorific: form.honorific,
      fullName: optional(form.fullName),
      title: optional(form.title),
      unit: optional(form.unit),
      role: form.role,
      email: optional(form.email),
      googleAccount: optional(form.googleAccount),
      outlookAddress: optional(form.outlookAddress),
      phone: optional(form.phone),
    },
    'the member',
  );
}

async function membersPage(c: Context<HonoEnv>, error?: unknown, form: Form = {}) {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const id = param(c, 'id');
  const stored = await requireRoster(ctx, id);
  const feeds = (await ctx.store.feeds.list({ rosterId: id })).filter((feed) => !feed.revokedAt);
  const saved = Boolean(c.req.query('saved'));
  const etag = rosterEtag(stored);
  const body = renderMembers(view, { stored, etag, feeds, saved, error, form });
  const status = !error
    ? 200
    : error instanceof ServiceError &&
        (error.kind === 'precondition-failed' ||
          error.kind === 'read-only' ||
          error.kind === 'conflict')
      ? 409
      : 422;
  return adminPage(c, translator(view.language)('Thành viên', 'Members'), body, status);
}

adminMembers.get('/admin/rosters/:id/members', (c) => membersPage(c));

/** Runs an edit of the roster with the version the form was read at; a refusal shows the page again, in words. */
async function edit(c: Context<HonoEnv>, change: (roster: Roster, form: Form) => Roster) {
  const form = await readForm(c);
  const id = param(c, 'id');
  try {
    await editRoster(adminCtx(c), id, form.ifMatch || undefined, (roster) => change(roster, form));
    return c.redirect(withLang(`/admin/rosters/${id}/members?saved=1`, adminView(c).language), 303);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return membersPage(c, error, form);
  }
}

const requireMember = (roster: Roster, memberId: string) => {
  if (!roster.members.some((member) => member.id === memberId))
    throw notFound(`member "${memberId}" of roster "${roster.id}"`, {
      entity: 'member',
      id: memberId,
    });
};

adminMembers.post('/admin/rosters/:id/members', (c) =>
  edit(c, (roster, form) => {
    const member = memberOf(form, form.id?.trim() || slugOf(form.fullName ?? ''));
    return { ...roster, members: [...roster.members, member] };
  }),
);

adminMembers.post('/admin/rosters/:id/members/:memberId', (c) =>
  edit(c, (roster, form) => {
    const memberId = param(c, 'memberId');
    requireMember(roster, memberId);
    const member = memberOf(form, memberId);
    return {
      ...roster,
      members: roster.members.map((existing) => (existing.id === memberId ? member : existing)),
    };
  }),
);

adminMembers.get('/admin/rosters/:id/members/:memberId/delete', async (c) => {
  const view = adminView(c);
  const id = param(c, 'id');
  const stored = await requireRoster(adminCtx(c), id);
  const memberId = param(c, 'memberId');
  const member = stored.roster.members.find((candidate) => candidate.id === memberId);
  if (!member) throw notFound(`member "${memberId}"`, { entity: 'member', id: memberId });
  // The version the members page was read at, so a remove confirmed after someone else's edit is refused.
  const ifMatch = c.req.query('ifMatch') ?? rosterEtag(stored);
  const body = removeMemberPage(view, { rosterId: id, member, ifMatch });
  return adminPage(c, translator(view.language)('Bớt người', 'Remove a member'), body);
});

adminMembers.post('/admin/rosters/:id/members/:memberId/delete', (c) =>
  edit(c, (roster) => {
    const memberId = param(c, 'memberId');
    requireMember(roster, memberId);
    return { ...roster, members: roster.members.filter((existing) => existing.id !== memberId) };
  }),
);
