/**
 * The Google Calendar provider: the official `@googleapis/calendar` client for single calls and listing, the batch
 * endpoint for bulk writes, a service-account token from `token_uri`, and the platform `fetch` throughout so the same
 * code runs in workerd. The client's own retries are off: they ignore Retry-After and never retry POST, so the sync
 * engine's backoff decides.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import type { DesiredRemoteEvent } from '../../domain/remote-event.ts';
import type { RemoteEvent, SyncOp } from '../../domain/sync-plan.ts';
import { type CalendarProvider, type OpOutcome, ProviderError } from '../calendar-provider.ts';
import {
  type BatchAnswer,
  type BatchCall,
  buildBatch,
  GOOGLE_BATCH_LIMIT,
  parseBatch,
} from './batch.ts';
import { failureFromBody, providerErrorOf } from './errors.ts';
import { fromGoogleEvent, googleEventId, OWNER_PROPERTY, toGoogleEvent } from './map-event.ts';
import { createServiceAccountTokens, type ServiceAccountKey } from './service-account.ts';

type WriteOp = Exclude<SyncOp, { type: 'adopt' }>;

export interface GoogleProviderOptions {
  key: ServiceAccountKey;
  /** e.g. `https://www.googleapis.com/`; tests point it at a stand-in on 127.0.0.1. */
  rootUrl: string;
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs?: number;
}

const eventsPath = (calendarId: string, eventId?: string) =>
  `/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events${eventId ? `/${encodeURIComponent(eventId)}` : ''}`;

function callOf(op: WriteOp, calendarId: string): BatchCall {
  if (op.type === 'create')
    return { method: 'POST', path: eventsPath(calendarId), body: toGoogleEvent(op.event) };
  if (op.type === 'update')
    return {
      method: 'PUT',
      path: eventsPath(calendarId, op.remoteId),
      body: toGoogleEvent(op.event),
    };
  return { method: 'DELETE', path: eventsPath(calendarId, op.remoteId) };
}

export function createGoogleProvider(options: GoogleProviderOptions): CalendarProvider {
  const rootUrl = options.rootUrl.endsWith('/') ? options.rootUrl : `${options.rootUrl}/`;
  const tokens = createServiceAccountTokens(options.key, options.fetch, options.now);
  // The official client (and google-auth-library under it) costs most of a Worker's start-up CPU when evaluated at
  // import: load it on the first call that needs it.
  let client: Promise<calendar_v3.Calendar> | undefined;
  const calendarApi = () => {
    client ??= import('@googleapis/calendar').then(({ calendar }) =>
      calendar({
        version: 'v3',
        rootUrl,
        fetchImplementation: options.fetch,
        retry: false,
        timeout: options.timeoutMs ?? 20_000,
      }),
    );
    return client;
  };
  const errorContext = (calendarId: string) => ({
    calendarId,
    account: options.key.client_email,
    now: options.now().getTime(),
  });
  const auth = async () => ({ headers: { authorization: `Bearer ${await tokens.token()}` } });

  /** One call through the official client; HTTP failures come back as answers, network failures as retryable. */
  async function single(call: BatchCall): Promise<BatchAnswer> {
    const [, calendarId = '', eventId] = /\/calendars\/([^/]+)\/events(?:\/(.+))?$/
      .exec(call.path)!
      .map((part) => part && decodeURIComponent(part));
    try {
      const params = { calendarId, ...(eventId ? { eventId } : {}) };
      const response =
        call.method === 'POST'
          ? await (await calendarApi()).events.insert(
              { ...params, requestBody: call.body as calendar_v3.Schema$Event },
              await auth(),
            )
          : call.method === 'PUT'
            ? await (await calendarApi()).events.update(
                {
                  ...params,
                  eventId: eventId!,
                  requestBody: call.body as calendar_v3.Schema$Event,
                },
                await auth(),
              )
            : await (await calendarApi()).events.delete(
                { ...params, eventId: eventId! },
                await auth(),
              );
      return { status: response.status, headers: {}, body: response.data };
    } catch (error) {
      return answerOfError(error);
    }
  }

  async function batch(calls: readonly BatchCall[], calendarId: string): Promise<BatchAnswer[]> {
    const boundary = `lichtruc_${crypto.randomUUID()}`;
    let response: Response;
    try {
      response = await options.fetch(`${rootUrl}batch/calendar/v3`, {
        method: 'POST',
        headers: {
          ...(await auth()).headers,
          'content-type': `multipart/mixed; boundary=${boundary}`,
        },
        body: buildBatch(calls, boundary),
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      throw new ProviderError(
        'retryable',
        `Google Calendar did not answer a batch (${String(error)})`,
      );
    }
    // Decoded by hand: workerd warns on .text() of a multipart/mixed body.
    const text = new TextDecoder().decode(await response.arrayBuffer());
    if (!response.ok) {
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {}
      throw providerErrorOf(
        failureFromBody(response.status, body, response.headers.get('retry-after')),
        errorContext(calendarId),
      );
    }
    return parseBatch(text, response.headers.get('content-type') ?? '', calls.length);
  }

  async function send(calls: readonly BatchCall[], calendarId: string): Promise<BatchAnswer[]> {
    if (calls.length === 1) return [await single(calls[0]!)];
    const answers: BatchAnswer[] = [];
    for (let start = 0; start < calls.length; start += GOOGLE_BATCH_LIMIT)
      answers.push(...(await batch(calls.slice(start, start + GOOGLE_BATCH_LIMIT), calendarId)));
    return answers;
  }

  function outcomeOf(
    op: WriteOp,
    answer: BatchAnswer,
    calendarId: string,
  ): OpOutcome | 'retry-as-update' | 'retry-as-create' {
    const body = answer.body as calendar_v3.Schema$Event | null;
    if (answer.status >= 200 && answer.status < 300) {
      return {
        ok: true,
        remoteId: op.type === 'delete' ? op.remoteId : (body?.id ?? googleEventId(op.slotKey)),
        etag: body?.etag ?? null,
      };
    }
    // 409 on insert: the slot's event exists (a retried create, or one deleted by hand): overwrite it instead.
    if (op.type === 'create' && answer.status === 409) return 'retry-as-update';
    // An update of an event that is gone for good: create it again under the same id.
    if (op.type === 'update' && answer.status === 404) return 'retry-as-create';
    // Deleting what is already gone is done.
    if (op.type === 'delete' && (answer.status === 404 || answer.status === 410))
      return { ok: true, remoteId: op.remoteId, etag: null };
    if (answer.status === 0)
      return {
        ok: false,
        error: new ProviderError('retryable', 'Google Calendar left a batch item unanswered'),
      };
    const failure = failureFromBody(answer.status, answer.body, answer.headers['retry-after']);
    if (answer.status === 401) tokens.invalidate();
    // A 404 on a single event is about that event; only the calendar-level answers mean "not shared".
    return { ok: false, error: providerErrorOf(failure, errorContext(calendarId)) };
  }

  return {
    name: 'google',
    principal: options.key.client_email,
    maxBatch: GOOGLE_BATCH_LIMIT,
    async apply(target, ops, applyOptions) {
      const answers = await send(
        ops.map((op) => callOf(op, target.calendarId)),
        target.calendarId,
      );
      const outcomes = ops.map((op, index) => outcomeOf(op, answers[index]!, target.calendarId));
      const followUps = ops
        .map((op, index) => ({ index, op, outcome: outcomes[index] }))
        .filter(
          (entry) => entry.outcome === 'retry-as-update' || entry.outcome === 'retry-as-create',
        )
        .map((entry) => {
          const event = (entry.op as { event: DesiredRemoteEvent }).event;
          const op: WriteOp =
            entry.outcome === 'retry-as-update'
              ? {
                  type: 'update',
                  slotKey: entry.op.slotKey,
                  remoteId: googleEventId(entry.op.slotKey),
                  event,
                  reason: 'restore',
                }
              : { type: 'create', slotKey: entry.op.slotKey, event };
          return { index: entry.index, op };
        });
      if (followUps.length > 0) {
        await applyOptions?.beforeFollowUp?.(followUps.length);
        const second = await send(
          followUps.map((entry) => callOf(entry.op, target.calendarId)),
          target.calendarId,
        );
        followUps.forEach((entry, i) => {
          const result = outcomeOf(entry.op, second[i]!, target.calendarId);
          outcomes[entry.index] =
            typeof result === 'string'
              ? {
                  ok: false,
                  error: new ProviderError(
                    'rejected',
                    `Google kept refusing slot ${entry.op.slotKey}`,
                  ),
                }
              : result;
        });
      }
      return outcomes as OpOutcome[];
    },
    async syncShares(target, wanted, made) {
      const refused = (answer: BatchAnswer) =>
        answer.status === 403 && !/rateLimit/i.test(JSON.stringify(answer.body))
          ? new ProviderError(
              'not-shared',
              `the service account ${options.key.client_email} may change events on calendar ${target.calendarId} but not manage its sharing: give it "Make changes and manage sharing" so members get the calendar in their own Google Calendar`,
              { status: 403 },
            )
          : providerErrorOf(
              failureFromBody(answer.status, answer.body, answer.headers['retry-after']),
              errorContext(target.calendarId),
            );
      const kept = made.filter((share) => wanted.includes(share.account));
      for (const share of made.filter((candidate) => !wanted.includes(candidate.account))) {
        try {
          await (await calendarApi()).acl.delete(
            { calendarId: target.calendarId, ruleId: share.remoteId },
            await auth(),
          );
        } catch (error) {
          const answer = answerOfError(error);
          if (answer.status !== 404 && answer.status !== 410) throw refused(answer);
        }
      }
      for (const account of wanted.filter(
        (candidate) => !made.some((share) => share.account === candidate),
      )) {
        try {
          const rule = await (await calendarApi()).acl.insert(
            {
              calendarId: target.calendarId,
              requestBody: { role: 'reader', scope: { type: 'user', value: account } },
            },
            await auth(),
          );
          kept.push({ account, remoteId: rule.data.id ?? `user:${account}` });
        } catch (error) {
          throw refused(answerOfError(error));
        }
      }
      return kept.sort((a, b) => a.account.localeCompare(b.account));
    },
    async listOwned(target, horizon) {
      const owned: RemoteEvent[] = [];
      let pageToken: string | undefined;
      do {
        let page: calendar_v3.Schema$Events;
        try {
          page = (
            await (
              await calendarApi()
            ).events.list(
              {
                calendarId: target.calendarId,
                privateExtendedProperty: [
                  `${OWNER_PROPERTY}=1`,
                  `lichtrucRoster=${target.rosterId}`,
                ],
                showDeleted: true,
                singleEvents: true,
                maxResults: 2500,
                timeMin: `${horizon.from}T00:00:00Z`,
                timeMax: `${horizon.to}T23:59:59Z`,
                ...(pageToken ? { pageToken } : {}),
              },
              await auth(),
            )
          ).data;
        } catch (error) {
          const answer = answerOfError(error);
          throw providerErrorOf(
            failureFromBody(answer.status, answer.body, answer.headers['retry-after']),
            errorContext(target.calendarId),
          );
        }
        for (const item of page.items ?? []) {
          const event = fromGoogleEvent(item);
          if (event && event.date >= horizon.from && event.date <= horizon.to) owned.push(event);
        }
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
      return owned;
    },
  };
}

/** A failed client call as an answer: its status, body and Retry-After, or a retryable error without a response. */
function answerOfError(error: unknown): BatchAnswer {
  if (error instanceof ProviderError) throw error;
  const response = (
    error as {
      response?: { status?: number; data?: unknown; headers?: Headers | Record<string, string> };
    }
  ).response;
  if (!response?.status)
    throw new ProviderError(
      'retryable',
      `Google Calendar did not answer (${(error as Error).message ?? String(error)})`,
    );
  const headers = response.headers;
  const retryAfter =
    headers instanceof Headers ? headers.get('retry-after') : headers?.['retry-after'];
  return {
    status: response.status,
    headers: retryAfter ? { 'retry-after': retryAfter } : {},
    body: response.data,
  };
}
