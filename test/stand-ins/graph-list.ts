/**
 * Listing events as Graph does for `/users/{id}/events` and `/calendars/{id}/events`: `$top` (default 10, at most
 * 1000), `$skip`, `$filter`, `$select`, `$expand`, and an absolute https `@odata.nextLink` that repeats the query with
 * the next `$skip` (creation order, so an insert between pages shifts them, as with the real `$skip` links).
 */
import { matchesFilter, parseFilter } from './graph-filter.ts';
import { badRequest, NotModelled } from './graph-http.ts';
import { canonicalLiteral, eventScope, presentEvent, type Shape } from './graph-present.ts';
import type { Mailbox } from './graph-state.ts';

export const DEFAULT_TOP = 10;
export const MAX_TOP = 1000;
const SUPPORTED = ['$top', '$skip', '$filter', '$select', '$expand'];

export interface ListContext {
  /** `https://127.0.0.1:PORT/v1.0`. */
  graphBaseUrl: string;
  /** The request path after the version, as sent (`/users/a%40b/events`). */
  resourcePath: string;
  /** The user segment as sent, for `@odata.context`. */
  userKey: string;
  query: URLSearchParams;
  shape: Shape;
}

export function listEvents(
  mailbox: Mailbox,
  calendarId: string | null,
  context: ListContext,
): object {
  const { query } = context;
  const unsupported = [...query.keys()].find(
    (key) => key.startsWith('$') && !SUPPORTED.includes(key),
  );
  if (unsupported) throw new NotModelled(`the ${unsupported} query option on events`);
  const top = readCount(query.get('$top'), '$top', DEFAULT_TOP);
  if (top > MAX_TOP)
    throw badRequest(
      `The limit of '${MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '${top}'.`,
    );
  const skip = readCount(query.get('$skip'), '$skip', 0);
  const filterText = query.get('$filter');
  const filter = filterText ? parseFilter(filterText) : null;
  const matching = [...mailbox.events.values()].filter(
    (stored) =>
      (calendarId === null || stored.calendarId === calendarId) &&
      (!filter || matchesFilter(filter, eventScope(stored), canonicalLiteral)),
  );
  const page = matching.slice(skip, skip + top);
  const body: Record<string, unknown> = {
    '@odata.context': `${context.graphBaseUrl}/$metadata#users('${context.userKey}')/events`,
    value: page.map((stored) => presentEvent(stored, context.shape)),
  };
  if (skip + top < matching.length) body['@odata.nextLink'] = nextLink(context, top, skip + top);
  return body;
}

function nextLink(context: ListContext, top: number, skip: number): string {
  const params: string[] = [];
  for (const [key, value] of context.query)
    if (key !== '$top' && key !== '$skip') params.push(`${key}=${encodeURIComponent(value)}`);
  params.push(`$top=${top}`, `$skip=${skip}`);
  return `${context.graphBaseUrl}${context.resourcePath}?${params.join('&')}`;
}

function readCount(raw: string | null, name: string, fallback: number): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`Invalid value '${raw}' for query option '${name}'.`);
  return Number(raw);
}
