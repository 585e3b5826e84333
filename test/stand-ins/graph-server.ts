/**
 * The Graph stand-in's HTTPS side: HTTPS with a throw-away certificate on the shared server (http-server.ts, which
 * also logs and applies faults), the token endpoint, the API and `$batch`, whose items run through the same code as
 * top-level requests, and Graph's log entries (headers and bodies, secrets masked).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:https';
import { queryRecord } from './api-message.ts';
import type { AuthRegistry } from './graph-auth.ts';
import {
  type BatchAnswer,
  countRequests,
  failedDependency,
  itemRequest,
  parseBatch,
  renderAnswer,
} from './graph-batch.ts';
import type { FaultBoard } from './graph-faults.ts';
import { type GraphQuota, mailboxKeyOf } from './graph-quota.ts';
import {
  type ApiRequest,
  type ApiResponse,
  errorResponse,
  GraphApiError,
  jsonResponse,
} from './graph-http.ts';
import { type RouteContext, routeApi, VERSION } from './graph-routes.ts';
import { findMailbox, type StandInState } from './graph-state.ts';
import {
  type BaseLoggedCall,
  guardWith,
  type LoggedExchange,
  type PartFaults,
  type StandInServer,
  serveApi,
} from './http-server.ts';

export type { StandInServer } from './http-server.ts';

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

/** Paths keep the version (`$batch` items too); query parameters are decoded. */
export interface LoggedCall extends BaseLoggedCall {
  /** Lower-case headers as received; Authorization shortened to its scheme. */
  headers: Record<string, string>;
  /** The body: parsed JSON, a form as an object (client_secret masked), or null. */
  body: unknown;
}

export interface LoggedBatchItem extends LoggedCall {
  id: string;
  dependsOn: string[];
}

export type LoggedRequest = LoggedCall & LoggedExchange<LoggedBatchItem>;

export interface ServerDeps {
  state: StandInState;
  auth: AuthRegistry;
  faults: FaultBoard;
  log: LoggedRequest[];
  tls: { key: string; cert: string };
  graphBaseUrl: () => string;
  /** Writes per minute per app and mailbox (graph-quota.ts); none by default. */
  quota?: GraphQuota | undefined;
}

/** Turns GraphApiError into its answer and anything else into a 500 UnknownError that names the bug. */
const guard = guardWith(GraphApiError, (message) => errorResponse(500, 'UnknownError', message));

export async function serveStandIn(deps: ServerDeps): Promise<StandInServer> {
  const { auth, faults } = deps;
  const route = (): RouteContext => ({
    state: deps.state,
    auth,
    graphBaseUrl: deps.graphBaseUrl(),
  });

  const execute = (req: ApiRequest, batchAuthorization?: string): ApiResponse =>
    guard(() => {
      const token = TOKEN_PATH.exec(req.path);
      if (token && req.method === 'POST')
        return auth.handleTokenRequest(req, decodeURIComponent(token[1]!));
      if (!req.path.startsWith(`/${VERSION}/`))
        return errorResponse(
          404,
          'NotFound',
          `The Graph stand-in serves /${VERSION}/… and /{tenant}/oauth2/v2.0/token only, not ${req.path}.`,
        );
      const clientId = auth.authenticate(batchAuthorization ?? req.headers.authorization);
      return admitWrite(deps, clientId, req) ?? routeApi(route(), req, clientId);
    });

  const handleBatch = async (
    req: ApiRequest,
    entry: LoggedRequest,
    partFaults: PartFaults,
  ): Promise<ApiResponse | 'drop'> => {
    const counted = guard(() => countRequests(req.body));
    if (typeof counted !== 'number') return counted;
    entry.parts = counted;
    const checked = guard(() => {
      auth.authenticate(req.headers.authorization);
      return parseBatch(req.body);
    });
    if (!Array.isArray(checked)) return checked;
    const answers: BatchAnswer[] = [];
    for (const item of checked) {
      const request = itemRequest(item);
      const call: LoggedBatchItem = {
        id: item.id,
        dependsOn: item.dependsOn,
        ...('path' in request ? logCall(request) : logCall(fromItem(item))),
      };
      entry.partCalls.push(call);
      const failed = item.dependsOn.some(
        (id) => (answers.find((a) => a.id === id)?.status ?? 500) >= 400,
      );
      const fault =
        'path' in request && !failed ? faults.take(item.method, request.path, true) : null;
      // A failed dependency or an item refused up front is never faulted (fault is null): its answer stands.
      const response = partFaults.answer(call, fault, () =>
        failed
          ? failedDependency()
          : !('path' in request)
            ? request
            : execute(request, req.headers.authorization ?? ''),
      );
      answers.push(renderAnswer(item.id, response));
    }
    if (await partFaults.settle()) return 'drop';
    return jsonResponse(200, { responses: answers });
  };

  return serveApi({
    scheme: 'https',
    createServer: (listener) => createServer({ key: deps.tls.key, cert: deps.tls.cert }, listener),
    faults,
    log: deps.log,
    logCall,
    isBatch: (req) => req.method === 'POST' && req.path === `/${VERSION}/$batch`,
    batch: handleBatch,
    execute: (req) => execute(req),
    // Graph stamps every answer with a request id and echoes the client's.
    answerHeaders: (req) => ({
      'request-id': randomUUID(),
      'client-request-id': req.headers['client-request-id'] ?? randomUUID(),
    }),
  });
}

/** The quota's refusal of a write over it, or null (no quota, not a write, no such mailbox: routing answers). */
function admitWrite(deps: ServerDeps, clientId: string, req: ApiRequest): ApiResponse | null {
  const key = mailboxKeyOf(req.path);
  const mailbox = key === null ? undefined : findMailbox(deps.state, key);
  if (!deps.quota || !mailbox) return null;
  return deps.quota.admit(`${clientId}/${mailbox.id}`, req);
}

function fromItem(item: {
  method: string;
  url: string;
  headers: Record<string, string>;
}): ApiRequest {
  return {
    method: item.method,
    path: item.url,
    query: new URLSearchParams(),
    headers: item.headers,
    body: '',
  };
}

function logCall(req: ApiRequest): LoggedCall {
  const headers = { ...req.headers };
  if (headers.authorization) headers.authorization = headers.authorization.split(' ')[0] ?? '';
  return {
    method: req.method,
    path: req.path,
    query: queryRecord(req.query),
    headers,
    body: logBody(req),
    status: null,
    fault: false,
  };
}

function logBody(req: ApiRequest): unknown {
  if (req.body === '') return null;
  if ((req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(req.body));
    return form.client_secret ? { ...form, client_secret: '***' } : form;
  }
  try {
    return JSON.parse(req.body);
  } catch {
    return req.body;
  }
}
