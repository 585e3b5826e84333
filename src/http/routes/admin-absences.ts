/** The absences of a roster: the list, and deleting one after a confirm step. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { notFound, ServiceError } from '../../services/errors.ts';
import { removeFact } from '../../services/remove-fact.ts';
import { requireRoster } from '../../services/roster-state.ts';
import type { HonoEnv } from '../env.ts';
import { absencesPage, deleteAbsencePage } from '../pages/absences-page.ts';
import { translator, withLang } from '../pages/layout.ts';
import { param } from '../request.ts';
import { withReason } from './admin.ts';
import { adminCtx, adminPage, adminView, type Form, readForm } from './admin-auth.ts';

export const adminAbsences = new Hono<HonoEnv>();

adminAbsences.get('/admin/rosters/:id/absences', async (c) => {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const id = param(c, 'id');
  const roster = (await requireRoster(ctx, id)).roster;
  const absences = (await ctx.store.factsOf(id)).absences;
  const body = absencesPage(view, {
    rosterId: id,
    roster,
    absences,
    deleted: Boolean(c.req.query('deleted')),
  });
  return adminPage(c, translator(view.language)('Ngày vắng', 'Absences'), body);
});

/** The confirm step of deleting an absence (again with the problem when the delete was refused). */
async function confirmDelete(c: Context<HonoEnv>, form: Form = {}, error?: unknown) {
  const view = adminView(c);
  const ctx = adminCtx(c);
  const id = param(c, 'id');
  const absenceId = param(c, 'absenceId');
  const roster = (await requireRoster(ctx, id)).roster;
  const absence = (await ctx.store.factsOf(id)).absences.find((entry) => entry.id === absenceId);
  if (!absence) throw notFound(`absence "${absenceId}"`, { entity: 'absence', id: absenceId });
  const body = deleteAbsencePage(view, { rosterId: id, roster, absence, form, error });
  return adminPage(
    c,
    translator(view.language)('Xoá ngày vắng', 'Delete an absence'),
    body,
    error ? 422 : 200,
  );
}

adminAbsences.get('/admin/rosters/:id/absences/:absenceId/delete', (c) => confirmDelete(c));

adminAbsences.post('/admin/rosters/:id/absences/:absenceId/delete', async (c) => {
  const form = await readForm(c);
  const id = param(c, 'id');
  try {
    await removeFact(withReason(c, form), id, 'absences', param(c, 'absenceId'));
    return c.redirect(
      withLang(`/admin/rosters/${id}/absences?deleted=1`, adminView(c).language),
      303,
    );
  } catch (error) {
    if (!(error instanceof ServiceError) || error.kind === 'not-found') throw error;
    return confirmDelete(c, form, error);
  }
});
