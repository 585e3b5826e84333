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
// once and skip reading it back from the database while it is held here. Bounded by bytes, least recently used
// first out: a member feed spanning many rosters weighs megabytes, so a count alone would not bound the memory.
const encoded = new Map<string, Uint8Array>();
const ENCODED_CACHE_BYTES = 32 * 1024 * 1024;
let encodedBytes = 0;

function holdEncoded(key: string, bytes: Uint8Array): void {
  if (bytes.byteLength > ENCODED_CACHE_BYTES / 4) return;
  // Two requests may have encoded the same version at once: count it once.
  encodedBytes -= encoded.get(key)?.byteLength ?? 0;
  encoded.delete(key);
  encoded.set(key, bytes);
  encodedBytes += bytes.byteLength;
  for (const [oldest, held] of encoded) {
    if (encodedBytes <= ENCODED_CACHE_BYTES) break;
    encoded.delete(oldest);
    encodedBytes -= held.byteLength;
  }
}

/** The held bytes of `key`, marked as just used. */
function heldEncoded(key: string): Uint8Array | undefined {
  const bytes = encoded.get(key);
  if (bytes) {
    encoded.delete(key);
    encoded.set(key, bytes);
  }
  return bytes;
}

async function encode(etag: string, body: string, gzip: boolean): Promise<Uint8Array> {
  const key = `${etag}${gzip ? ':gzip' : ''}`;
  let bytes = heldEncoded(key);
  if (!bytes) {
    const raw = new Blob([body]);
    bytes = new Uint8Array(
      await new Response(
        gzip ? raw.stream().pipeThrough(new CompressionStream('gzip')) : raw,
      ).arrayBuffer(),
    );
    holdEncoded(key, bytes);
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
      heldBytes = heldEncoded(`${etag}${useGzip ? ':gzip' : ''}`);
      return heldBytes !== undefined;
    };
    const answer = await serveFeed(
      serviceContext(c, 'feed'),
      file.replace(/\.ics$/, ''),
      conditional,
      held,
    );
    if (answer.kind === 'unknown') return problem(c, 'not-found', 'no calendar at this link');
    if (answer.kind === 'revoked')
      return problem(c, 'gone', 'this calendar link was revoked; ask for a new one');

    const headers = new Headers({
      etag: useGzip ? gzipTag(answer.etag) : answer.etag,
      'last-modified': answer.lastModified,
      'cache-control': 'private, no-cache',
      vary: 'Accept-Encoding',
    });
    if (answer.kind === 'not-modified') return new Response(null, { status: 304, headers });
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
