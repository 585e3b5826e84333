/**
 * Graph's JSON batching (`POST /v1.0/$batch`): `{ requests: [{ id, method, url, headers?, body?, dependsOn? }] }`, at
 * most 20, urls relative to the version (`/users/x/events`; `/v1.0/users/…` is Graph's 400 "Resource not found for
 * the segment 'v1.0'", which is what client 3.0.7's BatchRequestContent produces from a versioned absolute URL).
 * Items run in `dependsOn` order; one whose dependency failed gets 424. Each answer is `{ id, status, headers, body }`.
 */
import { type ApiRequest, type ApiResponse, badRequest, errorResponse } from './graph-http.ts';
import { VERSION } from './graph-routes.ts';

export const MAX_BATCH_REQUESTS = 20;

export interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

export interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** The number of requests (also when it is too many), or a 400 for the whole batch. */
export function countRequests(body: string): number {
  const requests = readEnvelope(body);
  return requests.length;
}

/** Parses and validates a batch; problems with the batch as a whole throw Graph's 400. Returns items in run order. */
export function parseBatch(body: string): BatchItem[] {
  const requests = readEnvelope(body);
  if (requests.length > MAX_BATCH_REQUESTS)
    throw badRequest(`Maximum number of requests in a batch is ${MAX_BATCH_REQUESTS}.`);
  const items = requests.map((raw): BatchItem => {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (
      typeof r.id !== 'string' ||
      !r.id ||
      typeof r.method !== 'string' ||
      typeof r.url !== 'string'
    )
      throw badRequest('Invalid batch payload format.');
    const headers = Object.fromEntries(
      Object.entries((r.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k.toLowerCase(),
        String(v),
      ]),
    );
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    const method = r.method.toUpperCase();
    if (
      ['POST', 'PATCH', 'PUT'].includes(method) &&
      (r.body === undefined || !headers['content-type'])
    ) {
      throw badRequest(`Write request id : ${r.id} does not contain Content-Type header or body.`);
    }
    return {
      id: r.id,
      method,
      url: r.url,
      headers,
      dependsOn,
      ...(r.body === undefined ? {} : { body: r.body }),
    };
  });
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw badRequest(`Batch request id '${item.id}' is duplicated.`);
    ids.add(item.id);
  }
  for (const item of items) {
    const unknown = item.dependsOn.find((id) => !ids.has(id));
    if (unknown)
      throw badRequest(`Request '${item.id}' depends on unknown request id '${unknown}'.`);
  }
  return runOrder(items);
}

/** The item as a request to the API (path with the version), or its own 400 when its url is not relative. */
export function itemRequest(item: BatchItem): ApiRequest | ApiResponse {
  if (/^[a-z][a-z0-9+.-]*:/i.test(item.url))
    return errorResponse(
      400,
      'BadRequest',
      `Invalid request URL '${item.url}': batch urls are relative to /${VERSION}.`,
    );
  const url = new URL(
    item.url.startsWith('/') ? item.url : `/${item.url}`,
    'https://batch.invalid',
  );
  const { authorization: _ignored, ...headers } = item.headers;
  const body =
    item.body === undefined
      ? ''
      : typeof item.body === 'string'
        ? item.body
        : JSON.stringify(item.body);
  return {
    method: item.method,
    path: `/${VERSION}${url.pathname}`,
    query: url.searchParams,
    headers,
    body,
  };
}

export function failedDependency(): ApiResponse {
  return errorResponse(424, 'FailedDependency', 'A request that this request depends on failed.');
}

/** One item's answer: headers in their usual casing, a JSON body as JSON, no body for 204. */
export function renderAnswer(id: string, response: ApiResponse): BatchAnswer {
  const headers = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [headerCase(name), value]),
  );
  const isJson = (response.headers['content-type'] ?? '').includes('json') && response.body !== '';
  return {
    id,
    status: response.status,
    headers,
    ...(isJson ? { body: JSON.parse(response.body) } : {}),
  };
}

function readEnvelope(body: string): unknown[] {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    throw badRequest('Invalid batch payload format.');
  }
  const requests = (envelope as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    throw badRequest('Invalid batch payload format.');
  return requests;
}

/** Stable topological order by dependsOn; a cycle is a 400. */
function runOrder(items: BatchItem[]): BatchItem[] {
  const done = new Set<string>();
  const order: BatchItem[] = [];
  while (order.length < items.length) {
    const next = items.find(
      (item) => !done.has(item.id) && item.dependsOn.every((id) => done.has(id)),
    );
    if (!next) throw badRequest('The dependsOn of the batch requests form a cycle.');
    done.add(next.id);
    order.push(next);
  }
  return order;
}

function headerCase(name: string): string {
  return name.replace(
    /(^|-)([a-z])/g,
    (_m, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}
