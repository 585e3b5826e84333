/**
 * Errors in Google's JSON shape and the Google stand-in's request helpers; the transport-neutral request/response
 * shapes it routes on are shared with the Graph stand-in (api-message.ts) and re-exported here.
 */
import { STATUS_CODES } from 'node:http';
import type { ApiRequest, ApiResponse } from './api-message.ts';

export { type ApiRequest, type ApiResponse, emptyResponse } from './api-message.ts';

export interface ErrorDetail {
  domain?: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

/** Thrown by the stand-in's handlers; turned into Google's error body by the router. */
export class GoogleApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly domain: string;
  readonly headers: Record<string, string>;
  readonly extra: Partial<ErrorDetail>;

  constructor(
    status: number,
    reason: string,
    message: string,
    options: {
      domain?: string;
      headers?: Record<string, string>;
      extra?: Partial<ErrorDetail>;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.domain = options.domain ?? 'global';
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }

  toResponse(): ApiResponse {
    return errorResponse(
      this.status,
      { domain: this.domain, reason: this.reason, message: this.message, ...this.extra },
      this.headers,
    );
  }
}

/** `{"error":{"errors":[{"domain","reason","message"}],"code","message"}}`, as Calendar API v3 answers. */
export function errorResponse(
  status: number,
  detail: ErrorDetail,
  headers: Record<string, string> = {},
): ApiResponse {
  const error = {
    errors: [{ domain: detail.domain ?? 'global', ...detail }],
    code: status,
    message: detail.message,
  };
  return jsonResponse(status, { error }, headers);
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}

export const notFound = (): GoogleApiError => new GoogleApiError(404, 'notFound', 'Not Found');
export const invalid = (message: string): GoogleApiError =>
  new GoogleApiError(400, 'invalid', message);
export const badRequest = (message = 'Bad Request'): GoogleApiError =>
  new GoogleApiError(400, 'badRequest', message);

/** Reads a JSON request body; a body that is not a JSON object is Google's 400 `parseError`. */
export function parseJsonBody<T>(req: ApiRequest): T {
  if (req.body.trim() === '') throw new GoogleApiError(400, 'required', 'Required');
  try {
    const value: unknown = JSON.parse(req.body);
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new Error('not an object');
    return value as T;
  } catch {
    throw new GoogleApiError(400, 'parseError', 'Parse Error');
  }
}

/** Compares entity tags the way HTTP does for If-Match / If-None-Match (`*`, lists, weak prefix). */
export function etagMatches(header: string, etag: string): boolean {
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
