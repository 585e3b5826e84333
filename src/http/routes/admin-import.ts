/**
 * The admin page that turns an assignment letter into a roster: paste or upload it, see what was read where, fix
 * the draft (a roster file, every field editable), then create the roster (API-managed, createRoster) or download
 * the file. Nothing is stored before "create"; the letter travels with the form, so each step shows it again.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { JSON_DRAFT } from '../../domain/json-document.ts';
import { RosterSchema } from '../../domain/roster-schema.ts';
import { ServiceError } from '../../services/errors.ts';
import { readLetter } from '../../services/read-letter.ts';
import { createRoster } from '../../services/roster-definitions.ts';
import type { HonoEnv } from '../env.ts';
import { errorBox } from '../pages/admin-view.ts';
import {
  draftProblems,
  IMPORT_PATH,
  IMPORT_STYLE,
  importIntro,
  type Review,
  reviewPage,
} from '../pages/import-page.ts';
import { type Markup, translator, withLang } from '../pages/layout.ts';
import { parseForm } from '../request.ts';
import { adminCtx, adminPage, adminView } from './admin-auth.ts';

export const adminImport = new Hono<HonoEnv>();

function render(c: Context<HonoEnv>, body: Markup, status: 200 | 409 | 422 = 200) {
  const t = translator(adminView(c).language);
  return adminPage(
    c,
    t('Nhập công văn phân công', 'Import an assignment letter'),
    html`<style>${raw(IMPORT_STYLE)}</style>${body}`,
    status,
  );
}

adminImport.get(IMPORT_PATH, (c) => render(c, importIntro(adminView(c))));

type Posted = Record<string, string | File>;

/** The letter of the first step (a chosen file wins over pasted text) or the one carried by the review form. */
async function letterOf(form: Posted) {
  const file = form.file;
  if (form.action === 'read' && file instanceof File && file.size > 0)
    return readLetter({ bytes: new Uint8Array(await file.arrayBuffer()) });
  return readLetter({ text: typeof form.text === 'string' ? form.text : '' });
}

const formatOf = (c: Context<HonoEnv>) => c.var.deps.draftFormat ?? JSON_DRAFT;

/** Checks the edited draft, then downloads it, says it is valid, or creates the roster and opens its month. */
async function act(c: Context<HonoEnv>, action: string, review: Review) {
  const view = adminView(c);
  const format = formatOf(c);
  const parsed = format.read(RosterSchema, review.yaml);
  if (!parsed.ok)
    return render(
      c,
      reviewPage(view, { ...review, problem: draftProblems(parsed.issues, view.language) }),
      422,
    );
  const roster = parsed.value;
  if (action === 'download') {
    c.header('content-disposition', `attachment; filename="${roster.id}.${format.extension}"`);
    return c.body(review.yaml, 200, { 'content-type': format.mediaType });
  }
  if (action !== 'create') return render(c, reviewPage(view, { ...review, valid: true }));
  try {
    await createRoster(adminCtx(c), roster);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const problem = errorBox(error, view.language);
    return render(
      c,
      reviewPage(view, { ...review, problem }),
      error.kind === 'conflict' ? 409 : 422,
    );
  }
  const month = roster.periods[0]!.from.slice(0, 7);
  return c.redirect(
    withLang(`/admin/rosters/${roster.id}?month=${month}&saved=1`, view.language),
    303,
  );
}

adminImport.post(IMPORT_PATH, async (c) => {
  const view = adminView(c);
  const form = (await parseForm(c)) as Posted;
  const action = typeof form.action === 'string' ? form.action : 'read';
  let letter: Awaited<ReturnType<typeof readLetter>>;
  try {
    letter = await letterOf({ ...form, action });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return render(c, importIntro(view, errorBox(error, view.language)), 422);
  }
  const format = formatOf(c).name;
  if (action === 'read')
    return render(
      c,
      reviewPage(view, { ...letter, format, yaml: formatOf(c).write(letter.draft) }),
    );
  return act(c, action, {
    ...letter,
    format,
    yaml: typeof form.yaml === 'string' ? form.yaml : '',
  });
});
