/**
 * The frame of the web pages: Vietnamese by default, English with `?lang=en`; one inline stylesheet (the app's CSP
 * allows inline styles, no scripts), mobile first: readable on a 360 px wide phone, wider tables scroll.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Language } from '../../domain/vietnamese.ts';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Picks the Vietnamese or English text. */
export type Translate = (vi: string, en: string) => string;
export const translator =
  (language: Language): Translate =>
  (vi, en) =>
    language === 'en' ? en : vi;

export function languageOf(query: string | undefined): Language {
  return query === 'en' ? 'en' : 'vi';
}

/** A link within the site that keeps the page's language. */
export function withLang(path: string, language: Language): string {
  if (language === 'vi') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=en`;
}

const STYLE = `
*{box-sizing:border-box}
[hidden]{display:none!important}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header.top{background:#8b1c1c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
header.top a{color:#fff}
header.top .brand{font-weight:700;text-decoration:none;margin-right:auto}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
a{color:#0b4f8a}
.card{background:#fff;border:1px solid #dde1e6;border-radius:.5rem;padding:.8rem 1rem;margin:.6rem 0}
.duty{list-style:none;margin:0;padding:0}
.duty li{background:#fff;border:1px solid #dde1e6;border-left:4px solid #0b4f8a;border-radius:.4rem;padding:.6rem .8rem;margin:.5rem 0}
.duty li.closed{border-left-color:#9b1c1c;background:#f3e9e9}.duty li.cover{border-left-color:#8a4b00}.duty li.override{border-left-color:#5b2a86}.duty li.makeup{border-left-color:#05642c}.duty li.uncovered{border-left-color:#9b1c1c}
.duty .when{font-weight:600}.muted{color:#5c6670;font-size:.92em}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0}
.button,button{display:inline-block;background:#0b4f8a;color:#fff;border:0;border-radius:.4rem;padding:.6rem .9rem;font:inherit;text-decoration:none;cursor:pointer;min-height:2.75rem}
.button.secondary,button.secondary{background:#e8edf3;color:#0b4f8a}
button.danger,.button.danger{background:#9b1c1c;color:#fff}
.qr{max-width:14rem}.qr svg{width:100%;height:auto;display:block}
/* The QR code is for scanning from a phone: shown on large screens, folded on small ones (staff page). */
.qr-wide{display:none}@media (min-width:48rem){.qr-wide{display:block}.qr-fold{display:none}}
summary{cursor:pointer;color:#0b4f8a;padding:.5rem 0;min-height:2.75rem}
.copy{font-weight:400}.copy input{width:100%;font-family:ui-monospace,monospace;font-size:.85em}
.lead{margin:.2rem 0 .4rem}
.link{word-break:break-all;font-family:ui-monospace,monospace;font-size:.9em;background:#f0f2f5;padding:.2em .4em;border-radius:.2em}
.field-error{color:#9b1c1c;font-weight:400}
.error{background:#fdecec;border:1px solid #e3a5a5;color:#7a1010;border-radius:.4rem;padding:.6rem .8rem}
.notice{background:#eaf5ec;border:1px solid #9cc9a6;border-radius:.4rem;padding:.6rem .8rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #dde1e6;padding:.35rem .5rem;text-align:left;vertical-align:top}
table.month{table-layout:fixed;min-width:42rem}
table.month td{height:5.5rem;font-size:.85rem}
table.month td.closed{background:#f3e9e9}table.month td.out{background:#f0f0f0;color:#999}
table.month .day{font-weight:700;display:block}
table.month caption{text-align:left;font-weight:600;padding:.3rem 0;position:sticky;left:0}
table.report td.number{text-align:right}table.report tr.total{font-weight:700}
form.picker{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.6rem 0}
.kind{display:inline-block;border-radius:.3rem;padding:0 .3rem;font-size:.8em;background:#e8edf3}
.kind.cover{background:#fbe7cf}.kind.override{background:#eadcf7}.kind.makeup{background:#d8f0de}.kind.uncovered{background:#f7d4d4}
form.stack{display:grid;gap:.6rem;max-width:28rem}
label{display:grid;gap:.2rem;font-weight:600}
input,select{font:inherit;padding:.45rem;border:1px solid #aab2bb;border-radius:.3rem;background:#fff;min-height:2.5rem}
form.inline{display:inline}
.changes .before{text-decoration:line-through;color:#7a1010}.changes .after{color:#05642c}
`;

export interface PageOptions {
  language: Language;
  title: string;
  /** The path of this page (no query), for the language switch. */
  path: string;
  /** Navigation of the admin pages, when signed in. */
  nav?: Markup | undefined;
  body: Markup | string;
  /** Reload the page every so many seconds (progress of a running job, without client JavaScript). */
  refreshSeconds?: number | undefined;
  /** Without the top bar: the public desk snippet framed by another site. */
  bare?: boolean | undefined;
}

export function page(options: PageOptions) {
  const t = translator(options.language);
  const other =
    options.language === 'vi'
      ? html`<a href="${options.path}?lang=en" hreflang="en" lang="en">English</a>`
      : html`<a href="${options.path}" hreflang="vi" lang="vi">Tiếng Việt</a>`;
  return html`<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
<title>${options.title} – ${t('Lịch trực', 'Duty roster')}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${options.bare ? '' : html`<header class="top"><a class="brand" href="${withLang(options.nav ? '/admin' : options.path, options.language)}">lichtruc</a>${options.nav ?? ''}${other}</header>`}
<main>
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}
