/**
 * The Graph stand-in's state: mailboxes (users) with their calendars and events. Event ids are unique per mailbox,
 * so `/users/{id}/events/{eventId}` reaches an event in any of its calendars. Every write gets a fresh change key
 * (`@odata.etag` is `W/"<changeKey>"`) and a strictly later `lastModifiedDateTime`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Event, SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';
import { GraphApiError, itemNotFound } from './graph-http.ts';

export type { Event } from '@microsoft/microsoft-graph-types';

export interface CalendarState {
  id: string;
  name: string;
  changeKey: string;
  isDefault: boolean;
}

export interface StoredEvent {
  /** The event as stored: start/end in the zone they were written in; no extended properties (see `properties`). */
  event: Event;
  calendarId: string;
  /** Single-value extended properties by canonical id. */
  properties: Map<string, SingleValueLegacyExtendedProperty>;
}

export interface Mailbox {
  id: string;
  userPrincipalName: string;
  displayName: string;
  defaultCalendarId: string;
  calendars: Map<string, CalendarState>;
  /** By event id, in creation order. */
  events: Map<string, StoredEvent>;
  /**
   * What a DELETE moved to Deleted Items, by transactionId: out of every calendar and unreachable by id, but a create
   * repeating its transactionId still answers it (the dedupe outlives the event), and makes nothing.
   */
  deletedByTransaction: Map<string, StoredEvent>;
}

export interface StandInState {
  mailboxes: Map<string, Mailbox>;
  now: () => number;
  lastStampMs: number;
}

export interface Stamp {
  changeKey: string;
  at: string;
}

export function createState(now: () => number): StandInState {
  return { mailboxes: new Map(), now, lastStampMs: 0 };
}

/** A fresh change key (base64, as Exchange's) and a modification time strictly after the previous write's. */
export function stamp(state: StandInState): Stamp {
  const ms = Math.max(state.now(), state.lastStampMs + 1);
  state.lastStampMs = ms;
  return {
    changeKey: randomBytes(21).toString('base64'),
    at: `${new Date(ms).toISOString().slice(0, 23)}0000Z`,
  };
}

/** An Exchange-like item id: base64url with `-`/`_` and trailing `=`, so that clients must encode it in paths. */
export function newItemId(): string {
  return `AAMkA${randomBytes(105).toString('base64url')}=`;
}

export function addMailbox(
  state: StandInState,
  userIdOrUpn: string,
  displayName?: string,
): Mailbox {
  if (findMailbox(state, userIdOrUpn)) throw new Error(`stand-in: mailbox ${userIdOrUpn} exists`);
  const isUpn = userIdOrUpn.includes('@');
  const id = isUpn ? randomUUID() : userIdOrUpn;
  const upn = isUpn ? userIdOrUpn : `${userIdOrUpn}@lichtruc.onmicrosoft.com`;
  const calendar: CalendarState = {
    id: newItemId(),
    name: 'Calendar',
    changeKey: stamp(state).changeKey,
    isDefault: true,
  };
  const mailbox: Mailbox = {
    id,
    userPrincipalName: upn,
    displayName: displayName ?? upn.split('@')[0]!,
    defaultCalendarId: calendar.id,
    calendars: new Map([[calendar.id, calendar]]),
    events: new Map(),
    deletedByTransaction: new Map(),
  };
  state.mailboxes.set(id, mailbox);
  return mailbox;
}

export function addCalendar(state: StandInState, mailbox: Mailbox, name: string): CalendarState {
  if ([...mailbox.calendars.values()].some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    throw new GraphApiError(
      409,
      'ErrorFolderExists',
      'A folder with the specified name already exists.',
    );
  }
  const calendar: CalendarState = {
    id: newItemId(),
    name,
    changeKey: stamp(state).changeKey,
    isDefault: false,
  };
  mailbox.calendars.set(calendar.id, calendar);
  return calendar;
}

/** By object id or UPN (case-insensitive), as `/users/{id | userPrincipalName}` resolves. */
export function findMailbox(state: StandInState, key: string): Mailbox | undefined {
  const lower = key.toLowerCase();
  return [...state.mailboxes.values()].find(
    (m) => m.id.toLowerCase() === lower || m.userPrincipalName.toLowerCase() === lower,
  );
}

export function calendarOf(mailbox: Mailbox, calendarId: string): CalendarState {
  checkId(calendarId);
  const calendar = mailbox.calendars.get(calendarId);
  if (!calendar) throw itemNotFound();
  return calendar;
}

/** Outlook refuses ids that cannot be item ids (REST `AAMk…`/`AQMk…`, immutable `AAkA…`) with 400 before any lookup. */
export function checkId(id: string): void {
  if (!/^(?:A[AQ]Mk|AAkA)[A-Za-z0-9+/_=-]+$/.test(id))
    throw new GraphApiError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
}

export function presentCalendar(mailbox: Mailbox, calendar: CalendarState): object {
  return {
    id: calendar.id,
    name: calendar.name,
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: calendar.isDefault,
    changeKey: calendar.changeKey,
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: !calendar.isDefault,
    owner: { name: mailbox.displayName, address: mailbox.userPrincipalName },
  };
}
