/**
 * Errors in Graph's JSON shape `{"error":{"code","message","innerError"}}` and the Graph stand-in's request helpers;
 * the transport-neutral request/response shapes it routes on are shared (api-message.ts) and re-exported here.
 */
import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from './api-message.ts';

export { type ApiRequest, type ApiResponse, emptyResponse } from './api-message.ts';

/** What Graph answers JSON with (the client only parses bodies whose type contains application/json). */
export const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Thrown by the stand-in's handlers; turned into Graph's error body by the router. */
export class GraphApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  toResponse(): ApiResponse {
    return errorResponse(this.status, this.code, this.message, this.headers);
  }
}

/** A valid request the stand-in does not model: a loud 501 rather than a silently wrong answer. */
export class NotModelled extends GraphApiError {
  constructor(what: string) {
    super(501, 'NotImplemented', `The Graph stand-in does not implement ${what}`);
  }
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): ApiResponse {
  const innerError = {
    date: new Date().toISOString().slice(0, 19),
    'request-id': randomUUID(),
    'client-request-id': randomUUID(),
  };
  return jsonResponse(status, { error: { code, message, innerError } }, headers);
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResponse {
  return {
    status,
    headers: { 'content-type': ODATA_JSON, ...headers },
    body: JSON.stringify(body),
  };
}

export const itemNotFound = (): GraphApiError =>
  new GraphApiError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
export const badRequest = (message: string, code = 'BadRequest'): GraphApiError =>
  new GraphApiError(400, code, message);

/** Reads a JSON object body; anything else is Graph's 400 `BadRequest` / `RequestBodyRead`. */
export function parseJsonBody<T>(req: ApiRequest): T {
  if (req.body.trim() === '') throw badRequest('Empty Payload. JSON content expected.');
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch {
    throw badRequest(
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  return value as T;
}

/** If-Match as Outlook reads it: `*`, `W/"changeKey"`, `"changeKey"` or the bare change key. */
export function etagMatches(header: string, changeKey: string): boolean {
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  return header
    .split(/,(?=\s*(?:W\/)?")/)
    .some((tag) => tag.trim() === '*' || bare(tag) === changeKey);
}

/** The `outlook.timezone` preference of a Prefer header (quoted or not), if any. */
export function preferredTimeZone(prefer: string | undefined): string | null {
  const match = /(?:^|[,;\s])outlook\.timezone\s*=\s*(?:"([^"]*)"|([^,;\s]+))/i.exec(prefer ?? '');
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Resource not found for the segment '${segment}'.`);
  }
}
