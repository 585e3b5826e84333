/**
 * The Graph v1.0 resources the stand-in serves to an authenticated app: a user, its calendars, and events under
 * `/users/{id}/events`, `/users/{id}/calendar/events` and `/users/{id}/calendars/{id}/events`. `/me` is refused as for
 * any app-only token; an unknown first segment is Graph's 400; other real resources are a loud 501.
 */
import type { AuthRegistry } from './graph-auth.ts';
import { createEvent, findEvent, patchEvent, removeEvent } from './graph-events.ts';
import {
  type ApiRequest,
  type ApiResponse,
  badRequest,
  decodeSegment,
  emptyResponse,
  GraphApiError,
  jsonResponse,
  NotModelled,
  parseJsonBody,
  preferredTimeZone,
} from './graph-http.ts';
import { listEvents } from './graph-list.ts';
import { presentEvent, readShape } from './graph-present.ts';
import {
  addCalendar,
  calendarOf,
  type Event,
  findMailbox,
  type Mailbox,
  presentCalendar,
  type StandInState,
} from './graph-state.ts';
import { ianaZone } from './graph-time.ts';

export const VERSION = 'v1.0';

export interface RouteContext {
  state: StandInState;
  auth: AuthRegistry;
  graphBaseUrl: string;
}

interface Target {
  ctx: RouteContext;
  req: ApiRequest;
  mailbox: Mailbox;
  /** The user segment as sent. */
  userKey: string;
}

export function routeApi(ctx: RouteContext, req: ApiRequest, clientId: string): ApiResponse {
  const raw = req.path.split('/').slice(2);
  const [first, userKey, ...rest] = raw.map(decodeSegment);
  if (first === 'me')
    throw badRequest('/me request is only valid with delegated authentication flow.');
  if (first !== 'users') throw badRequest(`Resource not found for the segment '${first ?? ''}'.`);
  if (!userKey) throw new NotModelled(`${req.method} /users`);
  const mailbox = findMailbox(ctx.state, userKey);
  if (!mailbox)
    throw new GraphApiError(404, 'ErrorInvalidUser', `The requested user '${userKey}' is invalid.`);
  if (!ctx.auth.mayOpen(clientId, mailbox.id)) {
    throw new GraphApiError(
      403,
      'ErrorAccessDenied',
      'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
    );
  }
  const target: Target = { ctx, req, mailbox, userKey: raw[1]! };
  const method = req.method.toUpperCase();
  const [a, b, c, d, ...extra] = rest;
  if (a === undefined && method === 'GET') {
    return jsonResponse(200, {
      id: mailbox.id,
      displayName: mailbox.displayName,
      userPrincipalName: mailbox.userPrincipalName,
      mail: mailbox.userPrincipalName,
    });
  }
  if (a === 'events' && c === undefined) return routeEvents(target, null, b);
  if (a === 'calendar' && b === undefined && method === 'GET')
    return calendarJson(mailbox, mailbox.defaultCalendarId);
  if (a === 'calendar' && b === 'events' && d === undefined)
    return routeEvents(target, mailbox.defaultCalendarId, c);
  if (a === 'calendars' && b === undefined) return routeCalendars(target);
  if (a === 'calendars' && b !== undefined && c === undefined && method === 'GET')
    return calendarJson(mailbox, b);
  if (a === 'calendars' && b !== undefined && c === 'events' && extra.length === 0)
    return routeEvents(target, calendarOf(mailbox, b).id, d);
  throw new NotModelled(`${req.method} ${req.path}`);
}

function routeCalendars({ ctx, req, mailbox }: Target): ApiResponse {
  if (req.method === 'GET')
    return jsonResponse(200, {
      value: [...mailbox.calendars.values()].map((c) => presentCalendar(mailbox, c)),
    });
  if (req.method === 'POST') {
    const body = parseJsonBody<{ name?: string }>(req);
    if (!body.name) throw badRequest('The calendar name is required.', 'ErrorInvalidRequest');
    return jsonResponse(201, presentCalendar(mailbox, addCalendar(ctx.state, mailbox, body.name)));
  }
  throw new NotModelled(`${req.method} ${req.path}`);
}

function calendarJson(mailbox: Mailbox, calendarId: string): ApiResponse {
  return jsonResponse(200, presentCalendar(mailbox, calendarOf(mailbox, calendarId)));
}

/** `calendarId` null: the mailbox-wide `/events` (a create lands in the default calendar). */
function routeEvents(
  target: Target,
  calendarId: string | null,
  eventId: string | undefined,
): ApiResponse {
  const { ctx, req, mailbox } = target;
  const zone = preferredTimeZone(req.headers.prefer);
  const applied: Record<string, string> =
    zone && ianaZone(zone) ? { 'preference-applied': `outlook.timezone="${zone}"` } : {};
  const shape = readShape(req.query, zone);
  const context = `${ctx.graphBaseUrl}/$metadata#users('${target.userKey}')/events`;
  const one = (status: number, stored: Parameters<typeof presentEvent>[0]): ApiResponse =>
    jsonResponse(
      status,
      { '@odata.context': `${context}/$entity`, ...presentEvent(stored, shape) },
      applied,
    );
  const method = req.method.toUpperCase();
  if (eventId === undefined) {
    if (method === 'GET') {
      const resourcePath = req.path.slice(`/${VERSION}`.length);
      return jsonResponse(
        200,
        listEvents(mailbox, calendarId, {
          graphBaseUrl: ctx.graphBaseUrl,
          resourcePath,
          userKey: target.userKey,
          query: req.query,
          shape,
        }),
        applied,
      );
    }
    if (method === 'POST') {
      const calendar = calendarOf(mailbox, calendarId ?? mailbox.defaultCalendarId);
      return one(201, createEvent(ctx.state, mailbox, calendar, parseJsonBody<Event>(req)).stored);
    }
    throw new NotModelled(`${req.method} ${req.path}`);
  }
  const stored = findEvent(mailbox, eventId, calendarId ?? undefined);
  if (method === 'GET') return one(200, stored);
  if (method === 'PATCH')
    return one(
      200,
      patchEvent(ctx.state, stored, parseJsonBody<Event>(req), req.headers['if-match']),
    );
  if (method === 'DELETE') {
    removeEvent(mailbox, stored, req.headers['if-match']);
    return emptyResponse(204);
  }
  throw new NotModelled(`${req.method} ${req.path}`);
}
