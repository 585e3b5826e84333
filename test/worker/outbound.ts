/**
 * The Worker's outbound `fetch` under test, as Miniflare's `outboundService`: every request the isolate makes (the
 * Worker's pushes, the tests' calls to the control server) comes here, into Node, and is forwarded to the stand-in
 * it names. Node trusts the Graph stand-in's throw-away certificate (workerd would refuse it), and anything not on
 * 127.0.0.1 is refused, so the tests cannot reach the real Google or Microsoft even by mistake. Node-only.
 */
import { trustingFetch } from '../support/tls.ts';

/** Hop-by-hop headers and those the forwarding fetch computes itself. */
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
]);
/** The body is handed back decoded and whole. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

export function forwardToStandIns(caPem: string): (request: Request) => Promise<Response> {
  const trusting = trustingFetch(caPem);
  return async (request) => {
    const url = new URL(request.url);
    if (url.hostname !== '127.0.0.1') {
      return new Response(
        `offline test: the Worker may only reach the stand-ins on 127.0.0.1, not ${url.origin}`,
        { status: 502 },
      );
    }
    const headers = new Headers();
    for (const [name, value] of request.headers)
      if (!DROPPED_REQUEST_HEADERS.has(name)) headers.append(name, value);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const init: RequestInit = {
      method: request.method,
      headers,
      redirect: 'manual',
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    };
    const upstream = await (url.protocol === 'https:' ? trusting : fetch)(url, init);
    const answerHeaders = new Headers();
    for (const [name, value] of upstream.headers)
      if (!DROPPED_RESPONSE_HEADERS.has(name)) answerHeaders.append(name, value);
    const bodyless =
      upstream.status === 204 || upstream.status === 304 || request.method === 'HEAD';
    return new Response(bodyless ? null : await upstream.arrayBuffer(), {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: answerHeaders,
    });
  };
}
