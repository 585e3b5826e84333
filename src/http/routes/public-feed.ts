/**
 * The feed links calendar clients poll. Bytes are built before the response starts, so a failure is a 5xx and never
 * a truncated calendar (which lenient clients would read as "every event deleted").
 */
import { Hono } from 'hono';
import { type Conditional, serveFeed } from '../../services/serve-feed.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { problem } from '../problem.ts';
import { param, serviceContext } from '../request.ts';

export const publicFeed = new Hono<HonoEnv>();

// Encoded bodies by ETag (identity and gzip): a feed changes rarely and is polled often, so encode each version
// once and skip reading it back from the database while it is held here.
const encoded = new Map<string, Uint8Array>();
const ENCODED_CACHE_LIMIT = 128;

async function encode(etag: string, body: string, gzip: boolean): Promise<Uint8Array> {
  const key = `${etag}${gzip ? ':gzip' : ''}`;
  let bytes = encoded.get(key);
  if (!bytes) {
    const raw = new Blob([body]);
    bytes = new Uint8Array(
      await new Response(
        gzip ? raw.stream().pipeThrough(new CompressionStream('gzip')) : raw,
      ).arrayBuffer(),
    );
    if (encoded.size >= ENCODED_CACHE_LIMIT) encoded.delete(encoded.keys().next().value!);
    encoded.set(key, bytes);
  }
  return bytes;
}

const gzipTag = (etag: string) => etag.replace(/"$/, '-gzip"');

/** Whether the client accepts gzip, reading q-values: `gzip;q=0` is a refusal (RFC 9110 §12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  let gzip: number | undefined;
  let wildcard: number | undefined;
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    const weight = q === undefined ? 1 : Number(q);
    if (coding === 'gzip' || coding === 'x-gzip') gzip = weight;
    else if (coding === '*') wildcard = weight;
  }
  return (gzip ?? wildcard ?? 0) > 0;
}

publicFeed.get(
  describe({
    method: 'get',
    path: '/feeds/{file}',
    summary: 'An ICS feed (secret link ending in .ics); conditional GET answers 304',
    tag: 'Feeds',
    auth: false,
    responses: {
      200: 'text/calendar',
      304: 'Not modified',
      404: 'Unknown link',
      410: 'Revoked link',
    },
  }).path,
  async (c) => {
    const file = param(c, 'file');
    const conditional: Conditional = {
      ifNoneMatch: c.req.header('if-none-match'),
      ifModifiedSince: c.req.header('if-modified-since'),
    };
    const useGzip = acceptsGzip(c.req.header('accept-encoding'));
    let heldBytes: Uint8Array | undefined;
    const held = (etag: string) => {
      heldBytes = encoded.get(`${etag}${useGzip ? ':gzip' : ''}`);
      return heldBytes !== undefined;
    };
    const answer = await serveFeed(
      serviceContext(c, 'feed'),
      file.replace(/\.ics$/, ''),
      conditional,
      held,
    );
    if (answer.status === 404) return problem(c, 'not-found', 'no calendar at this link');
    if (answer.status === 410)
      return problem(c, 'gone', 'this calendar link was revoked; ask for a new one');

    const headers = new Headers({
      etag: useGzip ? gzipTag(answer.etag) : answer.etag,
      'last-modified': answer.lastModified,
      'cache-control': 'private, no-cache',
      vary: 'Accept-Encoding',
    });
    if (answer.status === 304) return new Response(null, { status: 304, headers });
    headers.set('content-type', 'text/calendar; charset=utf-8');
    headers.set('content-disposition', 'inline; filename="lich-truc.ics"');
    const bytes =
      answer.body === null ? heldBytes! : await encode(answer.etag, answer.body, useGzip);
    if (useGzip) headers.set('content-encoding', 'gzip');
    headers.set('content-length', String(bytes.byteLength));
    // `encodeBody: 'manual'` tells workerd the bytes are already gzipped (it would compress them again otherwise);
    // Node ignores the field.
    const init = {
      status: 200,
      headers,
      ...(useGzip ? { encodeBody: 'manual' } : {}),
    } as ResponseInit;
    return new Response(c.req.method === 'HEAD' ? null : bytes, init);
  },
);
