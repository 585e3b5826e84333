/**
 * The Graph stand-in's HTTPS side: one node:https server on 127.0.0.1 (unref'd) with a throw-away certificate, the
 * request log, scripted faults (before or after the request takes effect), the token endpoint, the API and `$batch`,
 * whose items run through the same code as top-level requests.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AuthRegistry } from './graph-auth.ts';
import { type BatchAnswer, countRequests, failedDependency, itemRequest, parseBatch, renderAnswer } from './graph-batch.ts';
import type { ArmedFault, FaultBoard } from './graph-faults.ts';
import { type ApiRequest, type ApiResponse, errorResponse, GraphApiError, jsonResponse } from './graph-http.ts';
import { type RouteContext, routeApi, VERSION } from './graph-routes.ts';
import type { StandInState } from './graph-state.ts';

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

export interface LoggedCall {
  method: string;
  /** Raw path (percent-encoded as sent) without the query, with the version (`$batch` items too). */
  path: string;
  /** Query parameters, decoded; a repeated one as an array. */
  query: Record<string, string | string[]>;
  /** Lower-case headers as received; Authorization shortened to its scheme. */
  headers: Record<string, string>;
  /** The body: parsed JSON, a form as an object (client_secret masked), or null. */
  body: unknown;
  /** The status answered; null while pending or when the connection was dropped. */
  status: number | null;
  /** Whether a scripted fault hit it. */
  fault: boolean;
}

export interface LoggedBatchItem extends LoggedCall {
  id: string;
  dependsOn: string[];
}

export interface LoggedRequest extends LoggedCall {
  batch: boolean;
  /** Number of requests in a `$batch` (0 otherwise), and each item as it was answered, in run order. */
  parts: number;
  partCalls: LoggedBatchItem[];
  /** Whether an Authorization header was present. */
  hasAuth: boolean;
}

export interface StandInServer {
  origin: string;
  close(): Promise<void>;
}

export interface ServerDeps {
  state: StandInState;
  auth: AuthRegistry;
  faults: FaultBoard;
  log: LoggedRequest[];
  tls: { key: string; cert: string };
  graphBaseUrl: () => string;
}

export async function serveStandIn(deps: ServerDeps): Promise<StandInServer> {
  const { auth, faults, log } = deps;
  const timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          wake();
        }, ms).unref(),
        wake,
      };
      timers.add(entry);
    });
  const route = (): RouteContext => ({ state: deps.state, auth, graphBaseUrl: deps.graphBaseUrl() });

  const execute = (req: ApiRequest, batchAuthorization?: string): ApiResponse =>
    guard(() => {
      const token = TOKEN_PATH.exec(req.path);
      if (token && req.method === 'POST') return auth.handleTokenRequest(req, decodeURIComponent(token[1]!));
      if (!req.path.startsWith(`/${VERSION}/`)) return errorResponse(404, 'NotFound', `The Graph stand-in serves /${VERSION}/… and /{tenant}/oauth2/v2.0/token only, not ${req.path}.`);
      return routeApi(route(), req, auth.authenticate(batchAuthorization ?? req.headers.authorization));
    });

  const handleBatch = async (req: ApiRequest, entry: LoggedRequest): Promise<ApiResponse | 'drop'> => {
    const counted = guard(() => countRequests(req.body));
    if (typeof counted !== 'number') return counted;
    entry.parts = counted;
    const checked = guard(() => {
      auth.authenticate(req.headers.authorization);
      return parseBatch(req.body);
    });
    if (!Array.isArray(checked)) return checked;
    const answers: BatchAnswer[] = [];
    let delay = 0;
    let drop = false;
    for (const item of checked) {
      const request = itemRequest(item);
      const call: LoggedBatchItem = { id: item.id, dependsOn: item.dependsOn, ...('path' in request ? logCall(request) : logCall(fromItem(item))) };
      entry.partCalls.push(call);
      const failed = item.dependsOn.some((id) => (answers.find((a) => a.id === id)?.status ?? 500) >= 400);
      const fault = 'path' in request && !failed ? faults.take(item.method, request.path, true) : null;
      call.fault = fault !== null;
      delay += fault?.spec.delayMs ?? 0;
      drop ||= Boolean(fault?.spec.drop);
      const early = fault && !fault.spec.afterApply ? fault.response : null;
      const response = failed ? failedDependency() : !('path' in request) ? request : (early ?? faultAfter(fault, execute(request, req.headers.authorization ?? '')));
      call.status = response.status;
      answers.push(renderAnswer(item.id, response));
    }
    if (delay > 0) await sleep(delay);
    if (drop) return 'drop';
    return jsonResponse(200, { responses: answers });
  };

  const handle = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    const req = await readRequest(incoming);
    const entry: LoggedRequest = { ...logCall(req), batch: false, parts: 0, partCalls: [], hasAuth: 'authorization' in req.headers };
    log.push(entry);
    const fault = faults.take(req.method, req.path, false);
    entry.fault = fault !== null;
    if (fault && !fault.spec.afterApply) {
      if (fault.spec.delayMs) await sleep(fault.spec.delayMs);
      if (fault.spec.drop) return void res.destroy();
      if (fault.response) return send(res, req, entry, fault.response);
    }
    entry.batch = req.method === 'POST' && req.path === `/${VERSION}/$batch`;
    const response = entry.batch ? await handleBatch(req, entry) : execute(req);
    if (fault?.spec.afterApply) {
      if (fault.spec.delayMs) await sleep(fault.spec.delayMs);
      if (fault.spec.drop) return void res.destroy();
    }
    if (response === 'drop') return void res.destroy();
    send(res, req, entry, faultAfter(fault, response));
  };

  const server = createServer({ key: deps.tls.key, cert: deps.tls.cert }, (incoming, res) => {
    handle(incoming, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`stand-in failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  let closing: Promise<void> | null = null;
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const { timer, wake } of timers) {
          clearTimeout(timer);
          wake();
        }
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Runs a handler, turning GraphApiError into its answer and anything else into a 500 that names the bug. */
function guard<T>(run: () => T): T | ApiResponse {
  try {
    return run();
  } catch (error) {
    if (error instanceof GraphApiError) return error.toResponse();
    return errorResponse(500, 'UnknownError', `stand-in bug: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

/** An afterApply fault's error replaces the answer the applied request would have had. */
function faultAfter(fault: ArmedFault | null, response: ApiResponse): ApiResponse {
  return fault?.spec.afterApply && fault.response ? fault.response : response;
}

function send(res: ServerResponse, req: ApiRequest, entry: LoggedCall, response: ApiResponse): void {
  entry.status = response.status;
  const ids = { 'request-id': randomUUID(), 'client-request-id': req.headers['client-request-id'] ?? randomUUID() };
  res.writeHead(response.status, { ...ids, ...response.headers });
  res.end(response.status === 204 || response.status === 304 ? undefined : response.body);
}

async function readRequest(incoming: IncomingMessage): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'https://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: (incoming.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, headers, body: Buffer.concat(chunks).toString('utf8') };
}

function fromItem(item: { method: string; url: string; headers: Record<string, string> }): ApiRequest {
  return { method: item.method, path: item.url, query: new URLSearchParams(), headers: item.headers, body: '' };
}

function logCall(req: ApiRequest): LoggedCall {
  const headers = { ...req.headers };
  if (headers.authorization) headers.authorization = headers.authorization.split(' ')[0] ?? '';
  return { method: req.method, path: req.path, query: queryRecord(req.query), headers, body: logBody(req), status: null, fault: false };
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

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}
