/**
 * The Google stand-in's state: calendars with their ACL and events, one change counter (what sync tokens count) and
 * a monotonic stamp so that every write gets a new etag and a strictly later `updated`.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import { GoogleApiError, notFound } from './google-http.ts';

export type Event = calendar_v3.Schema$Event;
export type AclRule = calendar_v3.Schema$AclRule;
export type Role = 'none' | 'freeBusyReader' | 'reader' | 'writer' | 'owner';
export const ROLES: readonly Role[] = ['none', 'freeBusyReader', 'reader', 'writer', 'owner'];

/** `paging: (pageIndex, maxResults) => size` decides how many items page N of a list holds. */
export type PageSizer = (pageIndex: number, maxResults: number) => number;

export interface StoredEvent {
  event: Event;
  /** Value of the change counter at its last write: a sync token with a lower count sees it. */
  change: number;
}

export interface CalendarState {
  id: string;
  summary: string;
  description: string;
  timeZone: string;
  etag: string;
  acl: Map<string, AclRule>;
  events: Map<string, StoredEvent>;
}

export interface StandInState {
  calendars: Map<string, CalendarState>;
  now: () => number;
  change: number;
  syncEpoch: number;
  lastStampMs: number;
  lastEtag: number;
  pageSize: PageSizer;
}

export interface Stamp {
  etag: string;
  updated: string;
  change: number;
}

export function createState(now: () => number, pageSize: PageSizer): StandInState {
  return {
    calendars: new Map(),
    now,
    change: 0,
    syncEpoch: 1,
    lastStampMs: 0,
    lastEtag: 0,
    pageSize,
  };
}

/** A fresh etag (quoted digits, like Google's) and an `updated` strictly after the previous write's. */
export function stamp(state: StandInState): Stamp {
  const ms = Math.max(state.now(), state.lastStampMs + 1);
  state.lastStampMs = ms;
  state.lastEtag = Math.max(state.lastEtag + 1, ms * 1000);
  state.change += 1;
  return { etag: `"${state.lastEtag}"`, updated: new Date(ms).toISOString(), change: state.change };
}

export function aclRule(email: string, role: Role, etag: string): AclRule {
  return {
    kind: 'calendar#aclRule',
    etag,
    id: `user:${email}`,
    scope: { type: 'user', value: email },
    role,
  };
}

export function addCalendar(
  state: StandInState,
  spec: {
    id: string;
    summary?: string;
    description?: string;
    timeZone?: string;
    owners?: string[];
    writers?: string[];
    readers?: string[];
  },
): CalendarState {
  if (state.calendars.has(spec.id)) throw new Error(`stand-in: calendar ${spec.id} exists`);
  const { etag } = stamp(state);
  const calendar: CalendarState = {
    id: spec.id,
    summary: spec.summary ?? spec.id,
    description: spec.description ?? '',
    timeZone: spec.timeZone ?? 'Asia/Ho_Chi_Minh',
    etag,
    acl: new Map(),
    events: new Map(),
  };
  const grants: [string[] | undefined, Role][] = [
    [spec.readers, 'reader'],
    [spec.writers, 'writer'],
    [spec.owners, 'owner'],
  ];
  for (const [emails, role] of grants)
    for (const email of emails ?? []) calendar.acl.set(`user:${email}`, aclRule(email, role, etag));
  state.calendars.set(spec.id, calendar);
  return calendar;
}

export function roleOf(calendar: CalendarState, email: string): Role {
  const role = calendar.acl.get(`user:${email}`)?.role;
  return ROLES.includes(role as Role) ? (role as Role) : 'none';
}

/**
 * The calendar if `caller` may act on it with at least `need`. Google answers 404 for a calendar that exists but is
 * not shared with the caller, and 403 `requiredAccessLevel` when it is shared with too low a role.
 */
export function calendarFor(
  state: StandInState,
  calendarId: string,
  caller: string,
  need: 'reader' | 'writer' | 'owner',
): CalendarState {
  const calendar = state.calendars.get(calendarId);
  const role = calendar ? roleOf(calendar, caller) : 'none';
  if (!calendar || ROLES.indexOf(role) < ROLES.indexOf('reader')) throw notFound();
  if (ROLES.indexOf(role) < ROLES.indexOf(need)) {
    throw new GoogleApiError(
      403,
      'requiredAccessLevel',
      `You need to have ${need} access to this calendar.`,
    );
  }
  return calendar;
}

/** Default paging: page sizes cycle full, empty, half, so a list longer than one page meets an empty page. */
export const raggedPages: PageSizer = (pageIndex, maxResults) =>
  [maxResults, 0, Math.ceil(maxResults / 2)][pageIndex % 3] ?? maxResults;
export const fullPages: PageSizer = (_pageIndex, maxResults) => maxResults;
