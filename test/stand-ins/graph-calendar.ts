/**
 * A stateful stand-in for Microsoft Graph v1.0 calendar events and the Microsoft identity platform's token endpoint,
 * over HTTPS on 127.0.0.1 with a throw-away certificate, for driving the official `@microsoft/microsoft-graph-client`
 * against it. It keeps Graph's quirks as the real service shows them: transactionId dedupe, change keys and 412, UTC
 * unless `Prefer: outlook.timezone`, extended-property filters, `$skip` nextLinks, `$batch` with per-item statuses,
 * app-only tokens, application access policies, and scripted throttling. Node-only: it is test code.
 */
import { type AppRegistration, createAuthRegistry } from './graph-auth.ts';
import { createEvent, findEvent, patchEvent, removeEvent } from './graph-events.ts';
import type { FaultHandle } from './fault-board.ts';
import { createFaultBoard, type FaultSpec } from './graph-faults.ts';
import { createGraphQuota, type GraphQuota } from './graph-quota.ts';
import { type LoggedRequest, serveStandIn } from './graph-server.ts';
import {
  addCalendar,
  addMailbox,
  calendarOf,
  createState,
  type Event,
  findMailbox,
  type Mailbox,
  type StoredEvent,
} from './graph-state.ts';
import { type Certificate, createSelfSignedCertificate } from './graph-tls.ts';
import { commonControls } from './http-server.ts';

export { GRAPH_SCOPE } from './graph-auth.ts';
export type { AppRegistration } from './graph-auth.ts';
export type { FaultHandle } from './fault-board.ts';
export type { FaultSpec, FaultStatus } from './graph-faults.ts';
export type { LoggedBatchItem, LoggedCall, LoggedRequest } from './graph-server.ts';
export type { Event } from './graph-state.ts';
export type { Certificate } from './graph-tls.ts';

export interface GraphStandInOptions {
  /** The stand-in's clock in ms (token expiry, modification times); default Date.now. */
  now?: () => number;
  /** Lifetime of issued access tokens; default 3599, as the identity platform answers. */
  tokenTtlSeconds?: number;
  /** Reuse a certificate (e.g. one per test file) instead of running openssl (~0.2 s) at every start. */
  certificate?: Certificate;
  /** Graph's throttling of writes per app and mailbox (graph-quota.ts); none by default. */
  writesPerMinute?: number;
}

export interface MailboxInfo {
  /** Object id (a GUID; the one given when it was not a UPN). */
  id: string;
  userPrincipalName: string;
  defaultCalendarId: string;
}

export interface GraphStandIn {
  /** `https://127.0.0.1:PORT`: the Graph client's `baseUrl` (the client appends `/v1.0`). */
  readonly origin: string;
  /** `https://127.0.0.1:PORT/v1.0`: Graph's base URL, as configuration names it (`https://graph.microsoft.com/v1.0`). */
  readonly graphBaseUrl: string;
  /** `https://127.0.0.1:PORT`: the identity platform's base (`https://login.microsoftonline.com`). */
  readonly loginBaseUrl: string;
  /** `https://127.0.0.1:PORT/v1.0/$batch`. */
  readonly batchUrl: string;
  /** The self-signed certificate's PEM: trust it as a CA (see test/support/tls.ts). */
  readonly caPem: string;
  readonly certificate: Certificate;
  /** The write quota, when one was asked for: its log of accepted writes; its limit may be changed. */
  readonly quota: GraphQuota | undefined;
  /** `{loginBaseUrl}/{tenantId}/oauth2/v2.0/token`. */
  tokenUrl(tenantId: string): string;
  /** Every HTTP request received, in order (the live array). */
  readonly requests: readonly LoggedRequest[];
  resetLog(): void;
  registerApp(app: AppRegistration): void;
  /** Like deleting the app's secret: later grants get 401 invalid_client (AADSTS7000215), issued tokens 401. */
  revokeApp(clientId: string): void;
  /** An access token without the grant, for tests that are not about auth. */
  issueToken(clientId: string): string;
  /** Makes issued tokens (of one app, or all) answer 401 as if expired. */
  expireTokens(clientId?: string): void;
  /** Application access policy: from the first grant on, the app opens only granted mailboxes (others: 403). */
  grantMailbox(clientId: string, mailbox: string): void;
  createMailbox(userIdOrUpn: string, options?: { displayName?: string }): MailboxInfo;
  /** A secondary calendar; returns its id. */
  createCalendar(mailbox: string, name: string): string;
  /** Events as stored (deep copies, creation order): start/end in the zone written, extended properties included. */
  events(mailbox: string, calendarId?: string): Event[];
  /** A person editing in Outlook: top-level replacement, new changeKey/etag and lastModifiedDateTime. */
  editEvent(mailbox: string, eventId: string, patch: Event): Event;
  /** A person deleting in Outlook. */
  deleteEvent(mailbox: string, eventId: string): void;
  /** An event lichtruc did not create (default calendar unless given); organizer etc. may be set. */
  insertForeignEvent(mailbox: string, event: Event, options?: { calendarId?: string }): Event;
  fail(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startGraphStandIn(options: GraphStandInOptions = {}): Promise<GraphStandIn> {
  const state = createState(options.now ?? Date.now);
  let origin = '';
  const auth = createAuthRegistry({
    now: state.now,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3599,
    ownResource: () => origin,
  });
  const faults = createFaultBoard();
  const log: LoggedRequest[] = [];
  const certificate = options.certificate ?? (await createSelfSignedCertificate());
  let graphBaseUrl = '';
  const quota =
    options.writesPerMinute === undefined
      ? undefined
      : createGraphQuota(options.writesPerMinute, state.now);
  const server = await serveStandIn({
    quota,
    state,
    auth,
    faults,
    log,
    tls: certificate,
    graphBaseUrl: () => graphBaseUrl,
  });
  origin = server.origin;
  graphBaseUrl = `${origin}/v1.0`;

  const mailboxOf = (key: string): Mailbox => {
    const mailbox = findMailbox(state, key);
    if (!mailbox) throw new Error(`stand-in: no mailbox ${key}`);
    return mailbox;
  };
  const copy = (stored: StoredEvent): Event => {
    const event = structuredClone(stored.event);
    if (stored.properties.size > 0)
      event.singleValueExtendedProperties = [...stored.properties.values()].map((p) => ({ ...p }));
    return event;
  };

  return {
    ...commonControls(log, faults, server),
    origin,
    graphBaseUrl,
    loginBaseUrl: origin,
    batchUrl: `${graphBaseUrl}/$batch`,
    caPem: certificate.cert,
    certificate,
    quota,
    tokenUrl: (tenantId) => `${origin}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
    registerApp: auth.registerApp,
    revokeApp: auth.revokeApp,
    issueToken: auth.issueToken,
    expireTokens: auth.expireTokens,
    grantMailbox: (clientId, mailbox) => auth.grantMailbox(clientId, mailboxOf(mailbox).id),
    createMailbox(userIdOrUpn, { displayName } = {}) {
      const { id, userPrincipalName, defaultCalendarId } = addMailbox(
        state,
        userIdOrUpn,
        displayName,
      );
      return { id, userPrincipalName, defaultCalendarId };
    },
    createCalendar: (mailbox, name) => addCalendar(state, mailboxOf(mailbox), name).id,
    events(mailbox, calendarId) {
      return [...mailboxOf(mailbox).events.values()]
        .filter((s) => calendarId === undefined || s.calendarId === calendarId)
        .map(copy);
    },
    editEvent: (mailbox, eventId, patch) =>
      copy(patchEvent(state, findEvent(mailboxOf(mailbox), eventId), patch, undefined)),
    deleteEvent(mailbox, eventId) {
      const box = mailboxOf(mailbox);
      removeEvent(box, findEvent(box, eventId), undefined);
    },
    insertForeignEvent(mailbox, event, { calendarId } = {}) {
      const box = mailboxOf(mailbox);
      return copy(
        createEvent(state, box, calendarOf(box, calendarId ?? box.defaultCalendarId), event, {
          foreign: true,
        }).stored,
      );
    },
  };
}
