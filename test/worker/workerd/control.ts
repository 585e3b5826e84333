/**
 * The stand-ins seen from workerd: through the control server of the global setup (test/worker/control-server.ts),
 * reached like any outbound request, through the Node-side forwarding.
 */
import { inject } from 'vitest';

export async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${inject('controlUrl')}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

export interface GoogleEvent {
  id: string;
  summary: string;
  status: string;
  start: { dateTime?: string; timeZone?: string };
  extendedProperties?: { private?: Record<string, string> };
}

export interface GraphEvent {
  id: string;
  subject: string;
  start: { dateTime: string; timeZone: string };
  singleValueExtendedProperties?: { id: string; value: string }[];
}

/** The Outlook event lichtruc made for a slot: the one whose extended property names the slot key. */
export const graphEventOf = (events: readonly GraphEvent[], slotKey: string) =>
  events.find((event) =>
    event.singleValueExtendedProperties?.some(
      (property) => property.id.endsWith('Name lichtrucSlot') && property.value === slotKey,
    ),
  );

/** A Google calendar the Worker's service account may write to. */
export const createGoogleCalendar = (id: string) => control('POST', '/google/calendars', { id });
export const googleEvents = async (calendarId: string) =>
  (
    await control<{ events: GoogleEvent[] }>(
      'GET',
      `/google/calendars/${encodeURIComponent(calendarId)}/events`,
    )
  ).events;
/** A mailbox the Worker's app may write to. */
export const createMailbox = (mailbox: string) => control('POST', '/graph/mailboxes', { mailbox });
export const graphEvents = async (mailbox: string) =>
  (
    await control<{ events: GraphEvent[] }>(
      'GET',
      `/graph/mailboxes/${encodeURIComponent(mailbox)}/events`,
    )
  ).events;
/** A person deleting an event by hand. */
export const deleteGoogleEventByHand = (calendarId: string, eventId: string) =>
  control(
    'DELETE',
    `/google/calendars/${encodeURIComponent(calendarId)}/events/${encodeURIComponent(eventId)}`,
  );
export const deleteGraphEventByHand = (mailbox: string, eventId: string) =>
  control(
    'DELETE',
    `/graph/mailboxes/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}`,
  );

/** The webhook receiver: the secret to verify with, and the events it verified. */
export const setWebhookSecret = (secret: string) => control('POST', '/webhook/secret', { secret });
export const webhookEvents = () =>
  control<{
    events: { id: string; type: string; data: Record<string, unknown> }[];
    refused: number;
  }>('GET', '/webhook/events');

/** What the SMTP stand-in accepted, as mailparser read it. */
export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  secure: boolean;
}
export const smtpMessages = async () =>
  (await control<{ messages: ReceivedMail[] }>('GET', '/smtp/messages')).messages;
export const forgetSmtpMessages = () => control('DELETE', '/smtp/messages');
/** The next `times` DATA commands are answered with `code`, or held back `holdMs`. */
export const failSmtpData = (fault: { code?: number; holdMs?: number; times: number }) =>
  control('POST', '/smtp/faults', fault);

/** A write a stand-in answered: `POST …/events`, `PATCH …`, `DELETE …`, with its status. */
export interface StandInWrite {
  method: string;
  path: string;
  status: number | null;
}

export const googleWrites = async (calendarId: string) =>
  (
    await control<{ writes: StandInWrite[] }>(
      'GET',
      `/google/calendars/${encodeURIComponent(calendarId)}/writes`,
    )
  ).writes;
export const graphWrites = async (mailbox: string) =>
  (
    await control<{ writes: StandInWrite[] }>(
      'GET',
      `/graph/mailboxes/${encodeURIComponent(mailbox)}/writes`,
    )
  ).writes;

/** A scripted fault on a stand-in (see test/stand-ins/*-faults.ts); `times: null` for ever. */
export interface FaultRequest {
  path?: string;
  status: 429 | 500 | 503;
  times?: number | null;
  retryAfter?: number;
  inBatch?: boolean;
  afterApply?: boolean;
}

export const failOn = (service: 'google' | 'graph', fault: FaultRequest) =>
  control('POST', `/${service}/faults`, fault);
export const clearFaults = (service: 'google' | 'graph') => control('DELETE', `/${service}/faults`);
