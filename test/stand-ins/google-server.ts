/**
 * The Google stand-in's HTTP side: one node:http server on 127.0.0.1 (unref'd), the request log, scripted faults
 * (before or after the request takes effect), the token endpoint, the API and the batch endpoint whose parts run
 * through the same code as top-level requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthRegistry } from './google-auth.ts';
import { checkBatchSize, parseBatch, renderBatch } from './google-batch.ts';
import type { ArmedFault, FaultBoard } from './google-faults.ts';
import { type ApiRequest, type ApiResponse, errorResponse, GoogleApiError } from './google-http.ts';
import { routeApi } from './google-routes.ts';
import type { StandInState } from './google-state.ts';

export interface LoggedCall {
  method: string;
  /** Raw path (percent-encoded as sent), without the query. */
  path: string;
  /** Query parameters; a repeated one as an array. */
  query: Record<string, string | string[]>;
  /** The status answered; null while pending or when the connection was dropped. */
  status: number | null;
  /** Whether a scripted fault hit it. */
  fault: boolean;
}

export interface LoggedRequest extends LoggedCall {
  batch: boolean;
  /** Number of parts of a batch request (0 otherwise), and each part as it was answered. */
  parts: number;
  partCalls: LoggedCall[];
  /** Whether an Authorization header was present. */
  hasAuth: boolean;
}

export interface StandInServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveStandIn(deps: { state: StandInState; auth: AuthRegistry; faults: FaultBoard; log: LoggedRequest[] }): Promise<StandInServer> {
  const { state, auth, faults, log } = deps;
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

  const execute = (req: ApiRequest, outerAuthorization?: string): ApiResponse =>
    guard(() => {
      if (req.method === 'POST' && req.path === '/token') return auth.handleTokenRequest(req);
      if (!req.path.startsWith('/calendar/v3/')) return errorResponse(404, { reason: 'notFound', message: `Not Found: ${req.path}` });
      return routeApi(state, req, auth.authenticate(req.headers.authorization ?? outerAuthorization));
    });

  const handleBatch = async (req: ApiRequest, entry: LoggedRequest): Promise<ApiResponse | 'drop'> => {
    const parts = guard(() => parseBatch(req.headers['content-type'], req.body));
    if (!Array.isArray(parts)) return parts;
    entry.parts = parts.length;
    const tooMany = guard(() => checkBatchSize(parts));
    if (tooMany) return tooMany;
    let drop = false;
    let delay = 0;
    const answers = parts.map(({ contentId, request }) => {
      const call = logCall(request);
      entry.partCalls.push(call);
      const fault = faults.take(request.method, request.path, true);
      call.fault = fault !== null;
      delay += fault?.spec.delayMs ?? 0;
      drop ||= Boolean(fault?.spec.drop);
      const early = fault && !fault.spec.afterApply ? fault.response : null;
      const response = early ?? faultAfter(fault, execute(request, req.headers.authorization));
      call.status = response.status;
      return { contentId, response };
    });
    if (delay > 0) await sleep(delay);
    if (drop) return 'drop';
    const rendered = renderBatch(answers);
    return { status: 200, headers: { 'content-type': rendered.contentType }, body: rendered.body };
  };

  const handle = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    const req = await readRequest(incoming);
    const hasAuth = 'authorization' in req.headers;
    const entry: LoggedRequest = { ...logCall(req), batch: false, parts: 0, partCalls: [], hasAuth };
    log.push(entry);
    const fault = faults.take(req.method, req.path, false);
    entry.fault = fault !== null;
    if (fault && !fault.spec.afterApply) {
      if (fault.spec.delayMs) await sleep(fault.spec.delayMs);
      if (fault.spec.drop) return void res.destroy();
      if (fault.response) return send(res, entry, fault.response);
    }
    entry.batch = req.method === 'POST' && /^\/batch(\/calendar\/v3)?$/.test(req.path);
    const response = entry.batch ? await handleBatch(req, entry) : execute(req);
    if (fault?.spec.afterApply) {
      if (fault.spec.delayMs) await sleep(fault.spec.delayMs);
      if (fault.spec.drop) return void res.destroy();
    }
    if (response === 'drop') return void res.destroy();
    send(res, entry, faultAfter(fault, response));
  };

  const server = createServer((incoming, res) => {
    handle(incoming, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`stand-in failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  let closing: Promise<void> | null = null;
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
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

/** Runs a handler, turning GoogleApiError into its answer and anything else into a 500 that names the bug. */
function guard<T>(run: () => T): T | ApiResponse {
  try {
    return run();
  } catch (error) {
    if (error instanceof GoogleApiError) return error.toResponse();
    return errorResponse(500, { reason: 'backendError', message: `stand-in bug: ${error instanceof Error ? error.stack : String(error)}` });
  }
}

/** An afterApply fault's error replaces the answer the applied request would have had. */
function faultAfter(fault: ArmedFault | null, response: ApiResponse): ApiResponse {
  return fault?.spec.afterApply && fault.response ? fault.response : response;
}

function send(res: ServerResponse, entry: LoggedCall, response: ApiResponse): void {
  entry.status = response.status;
  const bodyless = response.status === 204 || response.status === 304;
  res.writeHead(response.status, response.headers);
  res.end(bodyless ? undefined : response.body);
}

async function readRequest(incoming: IncomingMessage): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const body = Buffer.concat(chunks).toString('utf8');
  return { method: (incoming.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, headers, body };
}

function logCall(req: ApiRequest): LoggedCall {
  return { method: req.method, path: req.path, query: queryRecord(req.query), status: null, fault: false };
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}
