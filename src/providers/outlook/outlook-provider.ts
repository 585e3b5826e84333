/**
 * The Outlook provider, on Microsoft Graph through the official `@microsoft/microsoft-graph-client`: its retry
 * middleware is kept (it replays POST after 429/503/504, which is why every create carries a transactionId), its
 * last hop is the platform `fetch` handed in (so tests can trust a stand-in's certificate and workerd can run it),
 * bulk writes go through `$batch` (20 per request, a per-item 429 retried by the sync engine after its Retry-After),
 * and listing follows `@odata.nextLink`. Ids are requested immutable, so moving an event never loses it.
 */
import type { Client, Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { RemoteEvent, SyncOp } from '../../domain/sync-plan.ts';
import { parseRetryAfter } from '../retry-after.ts';
import {
  type CalendarProvider,
  type OpOutcome,
  ProviderError,
  type ProviderTarget,
} from '../calendar-provider.ts';
import { createGraphTokenSource, type GraphCredentials } from './graph-auth.ts';
import {
  fromGraphEvent,
  type GraphEvent,
  ROSTER_PROPERTY,
  SLOT_PROPERTY,
  toGraphEvent,
} from './map-event.ts';
import { windowsZoneOf } from './time-zones.ts';

type WriteOp = Exclude<SyncOp, { type: 'adopt' }>;

export const GRAPH_BATCH_LIMIT = 20;
const PREFER = 'outlook.body-content-type="text", IdType="ImmutableId"';
/** Without it Graph answers event times in UTC; with it, in the zone lichtruc wrote them in. */
const preferFor = (target: ProviderTarget) =>
  `${PREFER}, outlook.timezone="${windowsZoneOf(target.timeZone)}"`;

export interface OutlookProviderOptions extends GraphCredentials {
  fetch: typeof fetch;
  now: () => Date;
  /** Replays by the client's own retry middleware (it honours Retry-After); default 3 as the client's. */
  clientRetries?: number;
}

/** The client's last hop: the fetch lichtruc was given instead of the global one. */
class FetchHandler implements Middleware {
  private readonly fetchImpl: typeof fetch;

  constructor(fetchImpl: typeof fetch) {
    this.fetchImpl = fetchImpl;
  }

  async execute(context: Context): Promise<void> {
    context.response = await this.fetchImpl(
      context.request as Parameters<typeof fetch>[0],
      context.options as RequestInit,
    );
  }
}

interface Answer {
  status: number;
  body: unknown;
  retryAfter?: string | null | undefined;
}

export function createOutlookProvider(options: OutlookProviderOptions): CalendarProvider {
  const tokens = createGraphTokenSource(options, options.fetch, options.now);
  const base = new URL(options.graphBaseUrl.replace(/\/+$/, ''));
  const version = base.pathname.split('/').pop() || 'v1.0';
  const baseUrl = `${base.origin}${base.pathname.slice(0, base.pathname.length - version.length)}`;
  // The official client costs a Worker start-up CPU when evaluated at import (as Google's did): load it on the
  // first call that needs it.
  let client: Promise<Client> | undefined;
  const graph = () => {
    client ??= import('@microsoft/microsoft-graph-client').then((sdk) =>
      sdk.Client.initWithMiddleware({
        middleware: [
          new sdk.AuthenticationHandler({ getAccessToken: () => tokens.token() }),
          new sdk.RetryHandler(new sdk.RetryHandlerOptions(3, options.clientRetries ?? 3)),
          new sdk.RedirectHandler(new sdk.RedirectHandlerOptions()),
          new FetchHandler(options.fetch),
        ] satisfies Middleware[],
        baseUrl,
        defaultVersion: version,
        customHosts: new Set([base.hostname]),
      }),
    );
    return client;
  };

  const mailboxPath = (target: ProviderTarget) =>
    `/users/${encodeURIComponent(target.mailbox ?? '')}`;
  const eventsPath = (target: ProviderTarget) =>
    `${mailboxPath(target)}${target.calendarId ? `/calendars/${encodeURIComponent(target.calendarId)}` : ''}/events`;

  /** One call; Graph's error answers come back as answers, a transport failure as retryable. */
  async function call(
    method: 'post' | 'patch' | 'delete',
    path: string,
    body?: unknown,
  ): Promise<Answer> {
    await tokens.token(); // a refused grant surfaces as a credentials error, not a client error
    try {
      const request = (await graph()).api(path).header('Prefer', PREFER);
      const data =
        method === 'post'
          ? await request.post(body)
          : method === 'patch'
            ? await request.patch(body)
            : await request.delete();
      return { status: method === 'post' ? 201 : method === 'patch' ? 200 : 204, body: data };
    } catch (error) {
      return answerOfError(error);
    }
  }

  /** `predecessorId`: the event a create replaces, gone from the calendar (see transactionIdOf). */
  function requestOf(
    op: WriteOp,
    target: ProviderTarget,
    predecessorId?: string,
  ): { method: 'post' | 'patch' | 'delete'; path: string; body?: unknown } {
    if (op.type === 'create')
      return {
        method: 'post',
        path: eventsPath(target),
        body: toGraphEvent(op.event, { predecessorId }),
      };
    if (op.type === 'update')
      return {
        method: 'patch',
        path: `${mailboxPath(target)}/events/${encodeURIComponent(op.remoteId)}`,
        body: toGraphEvent(op.event, false),
      };
    return {
      method: 'delete',
      path: `${mailboxPath(target)}/events/${encodeURIComponent(op.remoteId)}`,
    };
  }

  async function send(
    requests: { method: 'post' | 'patch' | 'delete'; path: string; body?: unknown }[],
  ): Promise<Answer[]> {
    if (requests.length === 1)
      return [await call(requests[0]!.method, requests[0]!.path, requests[0]!.body)];
    const answers: Answer[] = [];
    for (let start = 0; start < requests.length; start += GRAPH_BATCH_LIMIT) {
      const chunk = requests.slice(start, start + GRAPH_BATCH_LIMIT);
      const payload = {
        requests: chunk.map((request, index) => ({
          id: String(index),
          method: request.method.toUpperCase(),
          url: request.path,
          headers: { 'Content-Type': 'application/json', Prefer: PREFER },
          ...(request.body === undefined ? {} : { body: request.body }),
        })),
      };
      await tokens.token();
      let result: {
        responses?: {
          id: string;
          status: number;
          headers?: Record<string, string>;
          body?: unknown;
        }[];
      };
      try {
        result = await (await graph()).api('/$batch').post(payload);
      } catch (error) {
        const answer = answerOfError(error);
        throw errorOf(answer, null);
      }
      const byId = new Map((result.responses ?? []).map((response) => [response.id, response]));
      chunk.forEach((_, index) => {
        const response = byId.get(String(index));
        const retryAfter = response?.headers
          ? (Object.entries(response.headers).find(
              ([name]) => name.toLowerCase() === 'retry-after',
            )?.[1] ?? null)
          : null;
        answers.push(
          response
            ? { status: response.status, body: response.body ?? null, retryAfter }
            : { status: 0, body: null },
        );
      });
    }
    return answers;
  }

  function errorOf(answer: Answer, target: ProviderTarget | null): ProviderError {
    const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
    const detail = error?.message ? ` (Graph: ${error.code ?? ''} ${error.message})` : '';
    const retryAfterMs = parseRetryAfter(answer.retryAfter, options.now().getTime());
    const mailbox = target?.mailbox ?? 'the mailbox';
    if (answer.status === 0)
      return new ProviderError('retryable', 'Microsoft Graph left a batch item unanswered');
    if (answer.status === 429 || answer.status >= 500 || answer.status === 408)
      return new ProviderError(
        'retryable',
        `Microsoft Graph is throttling or unavailable (${answer.status})`,
        { retryAfterMs, status: answer.status },
      );
    if (answer.status === 401) {
      tokens.invalidate();
      return new ProviderError(
        'credentials',
        `Microsoft Graph no longer accepts the app ${options.clientId}: its secret may have expired or been revoked; check MS_CLIENT_SECRET${detail}`,
        { status: 401 },
      );
    }
    if (answer.status === 403)
      return new ProviderError(
        'not-shared',
        `the app ${options.clientId} may not write to ${mailbox}: grant it Calendars.ReadWrite (application) and include the mailbox in its access policy${detail}`,
        { status: 403 },
      );
    return new ProviderError(
      'rejected',
      `Microsoft Graph refused a write (${answer.status})${detail}`,
      { status: answer.status },
    );
  }

  function outcomeOf(
    op: WriteOp,
    answer: Answer,
    target: ProviderTarget,
  ): OpOutcome | 'retry-as-create' {
    const body = answer.body as GraphEvent | null;
    if (answer.status >= 200 && answer.status < 300) {
      return {
        ok: true,
        remoteId: op.type === 'create' ? (body?.id ?? '') : op.remoteId,
        etag: body?.['@odata.etag'] ?? null,
      };
    }
    if (op.type === 'delete' && answer.status === 404)
      return { ok: true, remoteId: op.remoteId, etag: null };
    // An update of an event deleted by hand: Outlook keeps no tombstone, so create it again.
    if (op.type === 'update' && answer.status === 404) return 'retry-as-create';
    // A create answered 404: the mailbox or calendar itself is missing.
    if (op.type === 'create' && answer.status === 404) {
      return {
        ok: false,
        error: new ProviderError(
          'not-shared',
          `mailbox ${target.mailbox}${target.calendarId ? ` or its calendar ${target.calendarId}` : ''} was not found by Microsoft Graph: check publish.outlook in the roster`,
          { status: 404 },
        ),
      };
    }
    return { ok: false, error: errorOf(answer, target) };
  }

  return {
    name: 'outlook',
    principal: options.clientId,
    maxBatch: GRAPH_BATCH_LIMIT,
    async apply(target, ops, applyOptions) {
      const answers = await send(ops.map((op) => requestOf(op, target)));
      const outcomes = ops.map((op, index) => outcomeOf(op, answers[index]!, target));
      const recreate = ops.flatMap((op, index) =>
        outcomes[index] === 'retry-as-create' && op.type === 'update'
          ? [
              {
                index,
                predecessorId: op.remoteId,
                op: { type: 'create', slotKey: op.slotKey, event: op.event } as WriteOp,
              },
            ]
          : [],
      );
      if (recreate.length > 0) {
        await applyOptions?.beforeFollowUp?.(recreate.length);
        const second = await send(
          recreate.map((entry) => requestOf(entry.op, target, entry.predecessorId)),
        );
        recreate.forEach((entry, i) => {
          outcomes[entry.index] = outcomeOf(entry.op, second[i]!, target) as OpOutcome;
        });
      }
      return outcomes as OpOutcome[];
    },
    async listOwned(target, horizon) {
      const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${ROSTER_PROPERTY}' and ep/value eq '${target.rosterId.replaceAll("'", "''")}')`;
      const expand = `singleValueExtendedProperties($filter=id eq '${SLOT_PROPERTY}')`;
      const owned: RemoteEvent[] = [];
      await tokens.token();
      let page: { value?: GraphEvent[]; '@odata.nextLink'?: string };
      try {
        page = await (await graph())
          .api(eventsPath(target))
          .header('Prefer', preferFor(target))
          .filter(filter)
          .expand(expand)
          .top(1000)
          .get();
        for (;;) {
          for (const item of page.value ?? []) {
            const event = fromGraphEvent(item, target.timeZone);
            if (event && event.date >= horizon.from && event.date <= horizon.to) owned.push(event);
          }
          const next = page['@odata.nextLink'];
          if (!next) break;
          page = await (await graph()).api(next).header('Prefer', preferFor(target)).get();
        }
      } catch (error) {
        const answer = answerOfError(error);
        throw answer.status === 404
          ? new ProviderError(
              'not-shared',
              `mailbox ${target.mailbox} was not found by Microsoft Graph: check publish.outlook in the roster`,
              { status: 404 },
            )
          : errorOf(answer, target);
      }
      return owned;
    },
  };
}

/** A failed client call as an answer; a call that never got an HTTP answer is retryable. */
function answerOfError(error: unknown): Answer {
  if (error instanceof ProviderError) throw error;
  const graph = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    body?: unknown;
    headers?: Headers;
  };
  if (!graph.statusCode || graph.statusCode < 100)
    throw new ProviderError(
      'retryable',
      `Microsoft Graph did not answer (${graph.message ?? String(error)})`,
    );
  let body: unknown = graph.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {}
  }
  if (!body) body = { error: { code: graph.code, message: graph.message } };
  return {
    status: graph.statusCode,
    body,
    retryAfter: graph.headers?.get?.('retry-after') ?? null,
  };
}
