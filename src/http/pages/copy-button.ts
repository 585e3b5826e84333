/**
 * The one script of the site: a "copy" button next to a secret shown once (a new API token). The CSP allows no
 * script anywhere else; the page that shows a new token allows exactly this one by its SHA-256 (app.ts), so an
 * injected script still cannot run there. Without JavaScript the button stays hidden and the field is selectable.
 * `test/http/admin-tokens.test.ts` checks that the hash is the script's.
 */
import { html, raw } from 'hono/html';
import type { Markup } from './layout.ts';

export const COPY_SCRIPT =
  "for(const b of document.querySelectorAll('button[data-copy]')){b.hidden=false;b.addEventListener('click',()=>{const i=document.getElementById(b.dataset.copy);i.select();const done=()=>{b.textContent=b.dataset.done};if(navigator.clipboard)navigator.clipboard.writeText(i.value).then(done,()=>{document.execCommand('copy');done()});else{document.execCommand('copy');done()}})}";

/** The CSP source that allows COPY_SCRIPT and nothing else. */
export const COPY_SCRIPT_SOURCE = "'sha256-je4Jif9vfX/jYNRzcNqGV1j8m7r0MT7sm2wpsOcTd68='";

/** The paths whose pages carry the script. */
export const COPY_SCRIPT_PATHS: ReadonlySet<string> = new Set(['/admin/tokens/new']);

/** A read-only field holding `secret`, and a button that copies it (shown once the script runs). */
export function copyField(
  id: string,
  label: string,
  secret: string,
  words: { copy: string; done: string },
): Markup {
  return html`<label class="copy">${label}<input id="${id}" readonly value="${secret}" autocomplete="off" spellcheck="false"></label>
<button type="button" class="secondary" data-copy="${id}" data-done="${words.done}" hidden>${words.copy}</button>
<script>${raw(COPY_SCRIPT)}</script>`;
}
