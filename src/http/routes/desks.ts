/**
 * The public desk of a roster with `publish.publicDesk`: `/desks/{id}` (page), `/desks/{id}.ics` (feed) and
 * `/desks/{id}/embed` (the snippet websites frame). No secret and no sign-in, so every answer is cacheable and
 * carries an ETag; a conditional GET of the same version answers 304. Anything else is 404, public or not.
 */
import { type Context, Hono } from 'hono';
import type { Language } from '../../domain/vietnamese.ts';
import { ServiceError } from '../../services/errors.ts';
import { loadPublicDesk, type PublicDesk } from '../../services/public-desk.ts';
import { etagMatches } from '../../services/serve-feed.ts';
import { servePublicFeed } from '../../services/serve-public-feed.ts';
import { sha256Hex } from '../../services/secrets.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { languageOf, page, translator } from '../pages/layout.ts';
import { deskEmbed, deskPage } from '../pages/desk-page.ts';
import { param, serviceContext } from '../request.ts';

export const desks = new Hono<HonoEnv>();

/** Applicants' browsers and the department's website may keep a copy for a few minutes; revalidate after. */
const CACHE = 'public, max-age=300';

async function htmlAnswer(c: Context<HonoEnv>, text: string): Promise<Response> {
  const etag = `"${(await sha256Hex(text)).slice(0, 32)}"`;
  const headers = { etag, 'cache-control': CACHE };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && etagMatches(ifNoneMatch, etag))
    return new Response(null, { status: 304, headers });
  return c.html(text, 200, headers);
}

function missing(c: Context<HonoEnv>, language: Language): Response | Promise<Response> {
  const t = translator(language);
  return c.html(
    page({
      language,
      title: t('Không tìm thấy', 'Not found'),
      path: c.req.path,
      body: t(
        'Không có lịch trực công khai ở địa chỉ này.',
        'There is no public duty roster here.',
      ),
    }),
    404,
  );
}

/** The desk, or null when there is no public desk of that id. */
async function deskOf(c: Context<HonoEnv>, id: string, language: Language) {
  try {
    return await loadPublicDesk(serviceContext(c, 'public'), id, language);
  } catch (error) {
    if (error instanceof ServiceError && error.kind === 'not-found') return null;
    throw error;
  }
}

async function deskFeed(c: Context<HonoEnv>, id: string): Promise<Response> {
  const answer = await servePublicFeed(serviceContext(c, 'public'), id, {
    ifNoneMatch: c.req.header('if-none-match'),
    ifModifiedSince: c.req.header('if-modified-since'),
  });
  const headers = new Headers({
    etag: answer.etag,
    'last-modified': answer.lastModified,
    'cache-control': CACHE,
  });
  if (answer.kind === 'not-modified') return new Response(null, { status: 304, headers });
  headers.set('content-type', 'text/calendar; charset=utf-8');
  headers.set('content-disposition', `inline; filename="lich-truc-${id}.ics"`);
  return new Response(c.req.method === 'HEAD' ? null : answer.body, { status: 200, headers });
}

desks.get(
  describe({
    method: 'get',
    path: '/desks/{file}',
    summary:
      "A desk's public page (`{roster id}`) or public ICS feed (`{roster id}.ics`), when the roster sets publish.publicDesk",
    tag: 'Feeds',
    auth: false,
    query: { lang: 'vi (default) or en' },
    responses: { 200: 'text/html or text/calendar', 304: 'Not modified', 404: 'No public desk' },
  }).path,
  async (c) => {
    const file = param(c, 'file');
    if (file.endsWith('.ics')) return deskFeed(c, file.slice(0, -'.ics'.length));
    const language = languageOf(c.req.query('lang'));
    const desk = await deskOf(c, file, language);
    if (!desk) return missing(c, language);
    const publicUrl = c.get('deps').publicUrl;
    return htmlAnswer(c, String(await deskPage(desk, publicUrl, language)));
  },
);

desks.get('/desks/:id/embed', async (c) => {
  const language = languageOf(c.req.query('lang'));
  const desk: PublicDesk | null = await deskOf(c, param(c, 'id'), language);
  if (!desk) return missing(c, language);
  return htmlAnswer(c, String(await deskEmbed(desk, c.get('deps').publicUrl, language)));
});
