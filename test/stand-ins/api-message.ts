/**
 * The transport-neutral request/response shapes both stand-ins route on, so that a batch part and a top-level HTTP
 * request run through the same code. What a body looks like (error shapes, content types) stays with each service.
 */

export interface ApiRequest {
  method: string;
  /** Raw path as sent (percent-encoded), without the query; a service's router decodes it. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers, body: '' };
}

/** Query parameters as the request log keeps them: a repeated one as an array. */
export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}
