/**
 * The markup of the letter import page: the letter with each fact the rules read highlighted (hover shows the
 * field), the findings in words (gaps first), and the draft as an editable roster file with its three actions.
 * Server-rendered like every admin page (the CSP allows no script): each action is a form post.
 */
import { html } from 'hono/html';
import type { Finding } from '../../domain/letter/findings.ts';
import type { DocumentIssue } from '../../domain/draft-format.ts';
import type { Language } from '../../domain/vietnamese.ts';
import { type AdminView, csrfInput } from './admin-view.ts';
import { type Markup, translator, withLang } from './layout.ts';

export const IMPORT_PATH = '/admin/import';

export const IMPORT_STYLE = `
.import{display:grid;gap:1rem}@media(min-width:60rem){.import{grid-template-columns:1fr 1fr}}
pre.letter{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #dde1e6;border-radius:.4rem;padding:.6rem .8rem;font:14px/1.5 system-ui,sans-serif;max-height:40rem;overflow:auto}
pre.letter mark{background:#fff1a8;border-bottom:2px solid #c9a400}pre.letter mark.low{background:#ffe0c2;border-bottom-color:#c05a00}
textarea{font:13px/1.4 ui-monospace,monospace;width:100%;min-height:28rem;padding:.5rem;border:1px solid #aab2bb;border-radius:.3rem}
textarea.paste{min-height:14rem;font:inherit}
.findings li.gap{color:#7a1010}.findings li.ambiguity{color:#8a4b00}.findings li.correction{color:#5b2a86}
`;

const KIND: Record<Finding['kind'], [string, string]> = {
  gap: ['Còn thiếu', 'Missing'],
  ambiguity: ['Cần xem lại', 'Check'],
  correction: ['Đã sửa', 'Corrected'],
  fact: ['Đã đọc', 'Read'],
};

/**
 * The letter with the spans of the facts marked. Spans overlap (a member's item holds their name), so the
 * narrowest win: the name is marked, not the whole item around it.
 */
export function highlightedLetter(text: string, findings: Finding[]): Markup {
  const chosen: Finding[] = [];
  const byWidth = findings
    .filter(
      (finding) => finding.kind === 'fact' && finding.span && finding.span.end > finding.span.start,
    )
    .sort((a, b) => a.span!.end - a.span!.start - (b.span!.end - b.span!.start));
  for (const fact of byWidth)
    if (!chosen.some(({ span }) => span!.start < fact.span!.end && fact.span!.start < span!.end))
      chosen.push(fact);
  const facts = chosen.sort((a, b) => a.span!.start - b.span!.start);
  const parts: (string | Markup)[] = [];
  let at = 0;
  for (const fact of facts) {
    const { start, end } = fact.span!;
    parts.push(text.slice(at, start));
    const low = (fact.confidence ?? 1) < 0.9 ? 'low' : '';
    parts.push(
      html`<mark class="${low}" data-field="${fact.field}" title="${fact.message} (${Math.round((fact.confidence ?? 1) * 100)}%)">${text.slice(start, end)}</mark>`,
    );
    at = end;
  }
  parts.push(text.slice(at));
  return html`<pre class="letter">${parts}</pre>`;
}

export function findingList(findings: Finding[], language: Language): Markup {
  const t = translator(language);
  const order: Finding['kind'][] = ['gap', 'ambiguity', 'correction'];
  const shown = findings
    .filter((finding) => finding.kind !== 'fact')
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  if (shown.length === 0)
    return html`<p class="notice">${t('Không thiếu gì.', 'Nothing missing.')}</p>`;
  return html`<ul class="findings">${shown.map(
    (finding) =>
      html`<li class="${finding.kind}" data-field="${finding.field ?? ''}"><strong>${t(...KIND[finding.kind])}:</strong> ${language === 'en' ? finding.messageEn : finding.message}${finding.blocking ? t(' (phải điền trước khi tạo lịch)', ' (fill in before creating)') : ''}</li>`,
  )}</ul>`;
}

/** The first step: paste the letter or choose its file. */
export function pasteForm(view: AdminView): Markup {
  const t = translator(view.language);
  return html`<form class="stack card" method="post" action="${withLang(IMPORT_PATH, view.language)}" enctype="multipart/form-data">${csrfInput(view)}
<label>${t('Dán nội dung công văn', 'Paste the letter')}<textarea class="paste" name="text"></textarea></label>
<label>${t('hoặc chọn tệp (.txt, .docx)', 'or choose a file (.txt, .docx)')}<input type="file" name="file" accept=".txt,.docx,text/plain"></label>
<div class="muted">${t('Tệp PDF: hãy mở và chép phần chữ ra (chưa có thư viện đọc PDF chạy được cả trên Node lẫn Workers).', 'PDF: open it and copy its text (no PDF library runs on both Node and Workers yet).')}</div>
<button type="submit" name="action" value="read">${t('Đọc công văn', 'Read the letter')}</button></form>`;
}

export function importIntro(view: AdminView, problem?: Markup): Markup {
  const t = translator(view.language);
  return html`${problem ?? ''}<p>${t('Công văn phân công trực (bản chữ) được đọc thành bản nháp lịch trực; không có gì được lưu cho đến khi bạn bấm Tạo lịch trực.', 'An assignment letter (its text) is read into a roster draft; nothing is stored until you press Create the roster.')}</p>${pasteForm(view)}`;
}

/** Why the edited draft is not a roster yet, line by line as `lichtruc validate` says it. */
export function draftProblems(issues: DocumentIssue[], language: Language): Markup {
  const t = translator(language);
  return html`<div class="error" role="alert"><strong>${t('Bản nháp chưa hợp lệ', 'The draft is not valid yet')}:</strong><ul>${issues.map((issue) => html`<li>${t('dòng', 'line')} ${issue.line}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}</li>`)}</ul></div>`;
}

export interface Review {
  text: string;
  /** The draft's format as the page names it (`YAML`, `JSON`), and the draft in it. */
  format: string;
  yaml: string;
  findings: Finding[];
  problem?: Markup | undefined;
  valid?: boolean | undefined;
}

/** The letter with its highlights and findings beside the draft, with the three actions. */
export function reviewPage(view: AdminView, review: Review): Markup {
  const t = translator(view.language);
  const notice = review.valid
    ? html`<p class="notice" role="status">${t('Bản nháp hợp lệ: có thể tạo lịch trực.', 'The draft is valid: the roster can be created.')}</p>`
    : '';
  return html`${review.problem ?? ''}${notice}
<div class="import"><section><h2>${t('Công văn', 'The letter')}</h2>${highlightedLetter(review.text, review.findings)}
<h2>${t('Cần xem', 'To check')}</h2>${findingList(review.findings, view.language)}</section>
<section><h2>${t('Bản nháp lịch trực', 'Roster draft')}</h2>
<form method="post" action="${withLang(IMPORT_PATH, view.language)}" enctype="multipart/form-data">${csrfInput(view)}
<textarea name="text" hidden>${review.text}</textarea>
<textarea name="yaml" aria-label="${t(`Bản nháp (${review.format})`, `Draft (${review.format})`)}">${review.yaml}</textarea>
<div class="buttons"><button type="submit" name="action" value="check" class="secondary">${t('Kiểm tra', 'Check')}</button>
<button type="submit" name="action" value="create">${t('Tạo lịch trực', 'Create the roster')}</button>
<button type="submit" name="action" value="download" class="secondary">${t(`Tải tệp ${review.format}`, `Download ${review.format}`)}</button></div></form></section></div>`;
}
