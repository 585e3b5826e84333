/**
 * The admin page that turns an assignment letter into a roster: paste or upload it, see what was read where, fix
 * the draft (a roster file, every field editable), then create the roster (API-managed) or download the file.
 * The letter travels with the form, so each step shows it again with its highlights.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { draftYaml } from '../../domain/letter/draft-yaml.ts';
import { parseDocumentWith } from '../../domain/parse-document.ts';
import { RosterSchema } from '../../domain/roster-schema.ts';
import type { Language } from '../../domain/vietnamese.ts';
import { createRoster } from '../../services/roster-definitions.ts';
import { readLetter } from '../../services/read-letter.ts';
import { ServiceError } from '../../services/errors.ts';
import type { HonoEnv } from '../env.ts';
import { csrfInput, errorBox } from '../pages/admin-view.ts';
import { findingList, highlightedLetter, IMPORT_STYLE, pasteForm } from '../pages/import-page.ts';
import { languageOf, type Markup, translator, withLang } from '../pages/layout.ts';
import { adminCtx, adminPage, adminView } from './admin-auth.ts';

export const adminImport = new Hono<HonoEnv>();

const PATH = '/admin/import';
const langOf = (c: Context<HonoEnv>): Language => languageOf(c.req.query('lang'));

function render(c: Context<HonoEnv>, body: Markup, status: 200 | 409 | 422 = 200) {
  const t = translator(langOf(c));
  return adminPage(
    c,
    t('Nhập công văn phân công', 'Import an assignment letter'),
    html`<style>${raw(IMPORT_STYLE)}</style>${body}`,
    status,
  );
}

interface Review {
  text: string;
  yaml: string;
  findings: Parameters<typeof findingList>[0];
  complete: boolean;
  problem?: Markup | undefined;
  notice?: string | undefined;
}

function reviewBody(c: Context<HonoEnv>, review: Review): Markup {
  const language = langOf(c);
  const t = translator(language);
  return html`${review.problem ?? ''}${review.notice ? html`<p class="notice" role="status">${review.notice}</p>` : ''}
<div class="import"><section><h2>${t('Công văn', 'The letter')}</h2>${highlightedLetter(review.text, review.findings)}
<h2>${t('Cần xem', 'To check')}</h2>${findingList(review.findings, language)}</section>
<section><h2>${t('Bản nháp lịch trực', 'Roster draft')}</h2>
<form method="post" action="${withLang(PATH, language)}" enctype="multipart/form-data">${csrfInput(adminView(c))}
<textarea name="text" hidden>${review.text}</textarea>
<textarea name="yaml" aria-label="${t('Bản nháp (YAML)', 'Draft (YAML)')}">${review.yaml}</textarea>
<div class="buttons"><button type="submit" name="action" value="check" class="secondary">${t('Kiểm tra', 'Check')}</button>
<button type="submit" name="action" value="create">${t('Tạo lịch trực', 'Create the roster')}</button>
<button type="submit" name="action" value="download" class="secondary">${t('Tải tệp YAML', 'Download YAML')}</button></div></form></section></div>`;
}

adminImport.get(PATH, (c) => {
  const language = langOf(c);
  const t = translator(language);
  return render(
    c,
    html`<p>${t('Công văn phân công trực (bản chữ) được đọc thành bản nháp lịch trực; không có gì được lưu cho đến khi bạn bấm Tạo lịch trực.', 'An assignment letter (its text) is read into a roster draft; nothing is stored until you press Create the roster.')}</p>${pasteForm(csrfInput(adminView(c)), withLang(PATH, language), language)}`,
  );
});

async function readUpload(form: Record<string, string | File>) {
  const file = form.file;
  if (file instanceof File && file.size > 0)
    return readLetter({ bytes: new Uint8Array(await file.arrayBuffer()) });
  return readLetter({ text: typeof form.text === 'string' ? form.text : '' });
}

/** The draft as edited: a roster file, checked by the same schema as calendars/ (line and column in the errors). */
function checkDraft(yaml: string, language: Language) {
  const parsed = parseDocumentWith(RosterSchema, yaml);
  if (parsed.ok) return { roster: parsed.value, problem: undefined };
  const t = translator(language);
  return {
    roster: undefined,
    problem: html`<div class="error" role="alert"><strong>${t('Bản nháp chưa hợp lệ', 'The draft is not valid yet')}:</strong><ul>${parsed.issues.map((issue) => html`<li>${t('dòng', 'line')} ${issue.line}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}</li>`)}</ul></div>`,
  };
}

adminImport.post(PATH, async (c) => {
  const language = langOf(c);
  const t = translator(language);
  const form = (await c.req.parseBody()) as Record<string, string | File>;
  const action = typeof form.action === 'string' ? form.action : 'read';
  let letter: Awaited<ReturnType<typeof readLetter>>;
  try {
    letter = await readUpload(action === 'read' ? form : { text: form.text ?? '' });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return render(
      c,
      html`${errorBox(error, language)}${pasteForm(csrfInput(adminView(c)), withLang(PATH, language), language)}`,
      422,
    );
  }
  if (action === 'read')
    return render(c, reviewBody(c, { ...letter, yaml: draftYaml(letter.draft) }));
  const yaml = typeof form.yaml === 'string' ? form.yaml : '';
  const review = { ...letter, yaml };
  const { roster, problem } = checkDraft(yaml, language);
  if (!roster) return render(c, reviewBody(c, { ...review, problem }), 422);
  if (action === 'download') {
    c.header('content-disposition', `attachment; filename="${roster.id}.yaml"`);
    return c.body(yaml, 200, { 'content-type': 'application/yaml; charset=utf-8' });
  }
  if (action !== 'create')
    return render(
      c,
      reviewBody(c, {
        ...review,
        notice: t(
          'Bản nháp hợp lệ: có thể tạo lịch trực.',
          'The draft is valid: the roster can be created.',
        ),
      }),
    );
  try {
    await createRoster(adminCtx(c), roster);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return render(
      c,
      reviewBody(c, { ...review, problem: errorBox(error, language) }),
      error.kind === 'conflict' ? 409 : 422,
    );
  }
  const month = roster.periods[0]?.from.slice(0, 7);
  return c.redirect(
    withLang(`/admin/rosters/${roster.id}${month ? `?month=${month}&saved=1` : ''}`, language),
    303,
  );
});
