/**
 * The Calendar API v3 resources the stand-in serves, for an authenticated caller: calendars (insert/get/delete),
 * acl (list/get/insert/delete) and events (list/get/insert/update/patch/delete). Anything else is a loud 501.
 */
import { randomBytes } from 'node:crypto';
import { deleteEvent, getEvent, insertEvent, updateEvent } from './google-events.ts';
import {
  type ApiRequest,
  type ApiResponse,
  emptyResponse,
  etagMatches,
  GoogleApiError,
  invalid,
  jsonResponse,
  notFound,
  parseJsonBody,
} from './google-http.ts';
import { listEvents } from './google-list.ts';
import {
  type AclRule,
  addCalendar,
  aclRule,
  type CalendarState,
  calendarFor,
  type Event,
  ROLES,
  type Role,
  roleOf,
  type StandInState,
  stamp,
} from './google-state.ts';

const PREFIX = '/calendar/v3/';

export function routeApi(state: StandInState, req: ApiRequest, caller: string): ApiResponse {
  const segments = req.path.startsWith(PREFIX)
    ? req.path.slice(PREFIX.length).split('/').map(decodeSegment)
    : [];
  const [collection, calendarId, sub, item, extra] = segments;
  const method = req.method.toUpperCase();
  if (collection !== 'calendars' || extra !== undefined) return notImplemented(req);
  if (calendarId === undefined)
    return method === 'POST' ? insertCalendar(state, req, caller) : notImplemented(req);
  if (sub === undefined) return routeCalendar(state, method, calendarId, caller, req);
  if (sub === 'acl') return routeAcl(state, method, calendarId, item, caller, req);
  if (sub === 'events' && item !== undefined && ['import', 'quickAdd', 'watch'].includes(item))
    return notImplemented(req);
  if (sub === 'events') return routeEvents(state, method, calendarId, item, caller, req);
  return notImplemented(req);
}

function routeCalendar(
  state: StandInState,
  method: string,
  calendarId: string,
  caller: string,
  req: ApiRequest,
): ApiResponse {
  if (method === 'GET')
    return eventJson(200, presentCalendar(calendarFor(state, calendarId, caller, 'reader')));
  if (method === 'DELETE') {
    calendarFor(state, calendarId, caller, 'owner');
    state.calendars.delete(calendarId);
    return emptyResponse(204);
  }
  return notImplemented(req);
}

function insertCalendar(state: StandInState, req: ApiRequest, caller: string): ApiResponse {
  const body = parseJsonBody<{ summary?: string; description?: string; timeZone?: string }>(req);
  if (!body.summary) throw new GoogleApiError(400, 'required', 'Missing title.');
  const id = `${randomBytes(16).toString('hex')}@group.calendar.google.com`;
  const calendar = addCalendar(state, {
    id,
    summary: body.summary,
    owners: [caller],
    ...optional(body.description, body.timeZone),
  });
  return eventJson(200, presentCalendar(calendar));
}

function routeAcl(
  state: StandInState,
  method: string,
  calendarId: string,
  ruleId: string | undefined,
  caller: string,
  req: ApiRequest,
): ApiResponse {
  if (ruleId === undefined && method === 'GET') {
    const calendar = calendarFor(state, calendarId, caller, 'writer');
    const items = [...calendar.acl.values()].map((rule) => structuredClone(rule));
    return jsonResponse(200, {
      kind: 'calendar#acl',
      etag: calendar.etag,
      nextSyncToken: `acl${state.change}`,
      items,
    });
  }
  if (ruleId === undefined && method === 'POST') {
    const calendar = calendarFor(state, calendarId, caller, 'owner');
    const body = parseJsonBody<AclRule>(req);
    const role = body.role as Role;
    if (!ROLES.includes(role)) throw invalid('Invalid role.');
    if (body.scope?.type !== 'user' || !body.scope.value)
      throw invalid('Invalid scope: the stand-in supports scope type user only.');
    const rule = aclRule(body.scope.value, role, stamp(state).etag);
    calendar.acl.set(rule.id!, rule);
    return jsonResponse(200, rule);
  }
  if (ruleId !== undefined && (method === 'GET' || method === 'DELETE')) {
    const calendar = calendarFor(state, calendarId, caller, method === 'GET' ? 'writer' : 'owner');
    const rule = calendar.acl.get(ruleId);
    if (!rule) throw notFound();
    if (method === 'GET') return jsonResponse(200, rule);
    calendar.acl.delete(ruleId);
    return emptyResponse(204);
  }
  return notImplemented(req);
}

function routeEvents(
  state: StandInState,
  method: string,
  calendarId: string,
  eventId: string | undefined,
  caller: string,
  req: ApiRequest,
): ApiResponse {
  const need = method === 'GET' ? 'reader' : 'writer';
  const calendar = calendarFor(state, calendarId, caller, need);
  const ifMatch = req.headers['if-match'];
  if (eventId === undefined) {
    if (method === 'GET')
      return jsonResponse(200, listEvents(state, calendar, roleOf(calendar, caller), req.query));
    if (method === 'POST')
      return eventJson(
        200,
        insertEvent(state, calendar, parseJsonBody<Event>(req), { actor: caller }),
      );
    return notImplemented(req);
  }
  if (method === 'GET') {
    const event = getEvent(calendar, eventId);
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && etagMatches(ifNoneMatch, event.etag ?? ''))
      return emptyResponse(304, { etag: event.etag ?? '' });
    return eventJson(200, event);
  }
  if (method === 'PUT' || method === 'PATCH') {
    const mode = method === 'PUT' ? 'replace' : 'merge';
    return eventJson(
      200,
      updateEvent(state, calendar, eventId, parseJsonBody<Event>(req), {
        actor: caller,
        ifMatch,
        mode,
      }),
    );
  }
  if (method === 'DELETE') {
    deleteEvent(state, calendar, eventId, { ifMatch });
    return emptyResponse(204);
  }
  return notImplemented(req);
}

function presentCalendar(calendar: CalendarState): object {
  const { id, summary, description, timeZone, etag } = calendar;
  return {
    kind: 'calendar#calendar',
    etag,
    id,
    summary,
    description,
    timeZone,
    conferenceProperties: { allowedConferenceSolutionTypes: [] },
  };
}

/** JSON with the resource's etag as the ETag header, as Google sends it. */
function eventJson(status: number, resource: { etag?: string | null }): ApiResponse {
  return jsonResponse(status, resource, resource.etag ? { etag: resource.etag } : {});
}

function notImplemented(req: ApiRequest): ApiResponse {
  const message = `The Google stand-in does not implement ${req.method} ${req.path}`;
  return new GoogleApiError(501, 'notImplemented', message).toResponse();
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound();
  }
}

function optional(
  description: string | undefined,
  timeZone: string | undefined,
): { description?: string; timeZone?: string } {
  return {
    ...(description === undefined ? {} : { description }),
    ...(timeZone === undefined ? {} : { timeZone }),
  };
}
