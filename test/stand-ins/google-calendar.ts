/**
 * A stateful stand-in for Google Calendar API v3 and Google's OAuth token endpoint, on 127.0.0.1, for driving the
 * official `@googleapis/calendar` client (`rootUrl: standIn.rootUrl`) and raw batch requests against it. It keeps
 * Google's quirks as the real service shows them: 409 on taken ids, soft deletes and 410, 412 on stale If-Match,
 * ragged pages, sync tokens that expire, per-part batch statuses, and scripted faults. Node-only: it is test code.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import {
  type AuthRegistry,
  createAuthRegistry,
  type ServiceAccountKeyFile,
} from './google-auth.ts';
import { deleteEvent, insertEvent, updateEvent } from './google-events.ts';
import type { FaultHandle } from './fault-board.ts';
import { createFaultBoard, type FaultSpec } from './google-faults.ts';
import { createGoogleQuota, type GoogleQuota } from './google-quota.ts';
import { type LoggedRequest, serveStandIn } from './google-server.ts';
import {
  addCalendar,
  type CalendarState,
  createState,
  type Event,
  fullPages,
  type PageSizer,
  raggedPages,
} from './google-state.ts';
import { commonControls } from './http-server.ts';

export type { ServiceAccountKeyFile } from './google-auth.ts';
export { CALENDAR_SCOPE } from './google-auth.ts';
export type { FaultHandle } from './fault-board.ts';
export type { FaultReason, FaultSpec, FaultStatus } from './google-faults.ts';
export type { LoggedCall, LoggedRequest } from './google-server.ts';
export type { PageSizer } from './google-state.ts';

export interface GoogleStandInOptions {
  /** Page sizes of events.list: 'ragged' (default: full, empty, half, full, …), 'full', or your own function. */
  paging?: 'ragged' | 'full' | PageSizer;
  /** The stand-in's clock in ms (token expiry, `updated`); default Date.now. */
  now?: () => number;
  /** Lifetime of issued access tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** Google's per-user write quota (google-quota.ts); none by default. */
  writesPerMinute?: number;
}

export interface CalendarSpec {
  id: string;
  summary?: string;
  description?: string;
  /** Default Asia/Ho_Chi_Minh; all-day events and timeMin/timeMax are read in it. */
  timeZone?: string;
  /** ACL by role: owners may also change sharing (acl.insert/delete), writers may write events, readers read. */
  owners?: string[];
  writers?: string[];
  readers?: string[];
}

export interface GoogleStandIn {
  /** `http://127.0.0.1:PORT/`: the client's `rootUrl`. */
  readonly rootUrl: string;
  /** `http://127.0.0.1:PORT/token`: the key file's `token_uri` and the JWT's `aud`. */
  readonly tokenUrl: string;
  /** `http://127.0.0.1:PORT/batch/calendar/v3`. */
  readonly batchUrl: string;
  /** Every HTTP request received, in order (the live array). */
  readonly requests: readonly LoggedRequest[];
  /** The write quota, when one was asked for: its log of accepted writes; its limit may be changed. */
  readonly quota: GoogleQuota | undefined;
  resetLog(): void;
  addServiceAccount: AuthRegistry['addServiceAccount'];
  /** Generates a key pair, registers it and returns the key file (its token_uri pointing here). */
  createServiceAccount(clientEmail: string): ServiceAccountKeyFile;
  /** Like deleting the key: later grants get 400 invalid_grant, issued tokens 401. */
  revokeServiceAccount(clientEmail: string): void;
  /** An access token without the JWT dance, for tests that are not about auth. */
  issueToken(clientEmail: string): string;
  /** Makes issued tokens (of one account, or all) answer 401 as if expired. */
  expireTokens(clientEmail?: string): void;
  createCalendar(spec: CalendarSpec): calendar_v3.Schema$Calendar;
  acl(calendarId: string): calendar_v3.Schema$AclRule[];
  /** The events as stored (deep copies, by id), deleted ones only with `includeDeleted`. */
  events(calendarId: string, options?: { includeDeleted?: boolean }): Event[];
  /** A person editing by hand in Google Calendar: merge-patch, new etag and `updated`, sequence bump on time changes. */
  editEvent(calendarId: string, eventId: string, patch: Event): Event;
  /** A person deleting by hand (status cancelled). */
  deleteEvent(calendarId: string, eventId: string): void;
  /** An event lichtruc did not create (creator/organizer may be given; id generated unless given). */
  insertForeignEvent(calendarId: string, event: Event): Event;
  fail(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  /** Every sync token issued so far answers 410 fullSyncRequired from now on. */
  expireSyncTokens(): void;
  close(): Promise<void>;
}

export async function startGoogleStandIn(
  options: GoogleStandInOptions = {},
): Promise<GoogleStandIn> {
  const paging = options.paging ?? 'ragged';
  const state = createState(
    options.now ?? Date.now,
    paging === 'ragged' ? raggedPages : paging === 'full' ? fullPages : paging,
  );
  let origin = '';
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const auth = createAuthRegistry({
    tokenUrl: () => `${origin}/token`,
    now: state.now,
    tokenTtlSeconds,
  });
  const faults = createFaultBoard();
  const log: LoggedRequest[] = [];
  const quota =
    options.writesPerMinute === undefined
      ? undefined
      : createGoogleQuota(options.writesPerMinute, state.now);
  const server = await serveStandIn({ state, auth, faults, log, quota });
  origin = server.origin;

  const calendarOf = (calendarId: string): CalendarState => {
    const calendar = state.calendars.get(calendarId);
    if (!calendar) throw new Error(`stand-in: no calendar ${calendarId}`);
    return calendar;
  };

  return {
    ...commonControls(log, faults, server),
    quota,
    rootUrl: `${origin}/`,
    tokenUrl: `${origin}/token`,
    batchUrl: `${origin}/batch/calendar/v3`,
    addServiceAccount: auth.addServiceAccount,
    createServiceAccount: auth.createServiceAccount,
    revokeServiceAccount: auth.revokeServiceAccount,
    issueToken: auth.issueToken,
    expireTokens: auth.expireTokens,
    createCalendar(spec) {
      const { id, summary, timeZone, etag } = addCalendar(state, spec);
      return { kind: 'calendar#calendar', id, summary, timeZone, etag };
    },
    acl: (calendarId) =>
      [...calendarOf(calendarId).acl.values()].map((rule) => structuredClone(rule)),
    events(calendarId, { includeDeleted = false } = {}) {
      return [...calendarOf(calendarId).events.values()]
        .map((stored) => structuredClone(stored.event))
        .filter((event) => includeDeleted || event.status !== 'cancelled')
        .sort((a, b) => (a.id! < b.id! ? -1 : 1));
    },
    editEvent: (calendarId, eventId, patch) =>
      updateEvent(state, calendarOf(calendarId), eventId, patch, {
        actor: 'person@example.com',
        mode: 'merge',
        byHand: true,
      }),
    deleteEvent: (calendarId, eventId) => deleteEvent(state, calendarOf(calendarId), eventId, {}),
    insertForeignEvent: (calendarId, event) =>
      insertEvent(state, calendarOf(calendarId), event, {
        actor: event.creator?.email ?? 'person@example.com',
        foreign: true,
      }),
    expireSyncTokens() {
      state.syncEpoch += 1;
    },
  };
}
