/** The API described: an OpenAPI document generated from the route list, and a page a person can read. */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { HonoEnv } from '../env.ts';
import { openApiDocument, ROUTES } from '../openapi.ts';

export const docs = new Hono<HonoEnv>();

docs.get('/api/openapi.json', (c) => c.json(openApiDocument(c.get('deps').publicUrl)));

docs.get('/api/docs', (c) => {
  const tags = [...new Set(ROUTES.map((route) => route.tag))];
  const page = html`<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>lichtruc API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .3em;overflow-wrap:anywhere}
.m{display:inline-block;width:4.5em;font-weight:600}.get{color:#05642c}.post{color:#8a4b00}.put{color:#0b4f8a}.delete{color:#9b1c1c}li{margin:.3em 0}</style></head>
<body><h1>lichtruc API</h1>
<p>Every <code>/api/*</code> route needs <code>Authorization: Bearer &lt;admin token&gt;</code>. Errors are
<code>application/problem+json</code> (RFC 9457) with the failing fields in <code>errors</code>. Edits of an API-managed
roster send <code>If-Match</code> with the roster's <code>ETag</code>. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
${tags.map(
  (tag) =>
    html`<h2>${tag}</h2><ul>${ROUTES.filter((route) => route.tag === tag).map(
      (route) =>
        html`<li><span class="m ${route.method}">${route.method.toUpperCase()}</span><code>${route.path}</code> – ${route.summary}${route.ifMatch ? ' (If-Match)' : ''}${route.auth === false ? ' (no token)' : ''}</li>`,
    )}</ul>`,
)}
</body></html>`;
  return c.html(page);
});
