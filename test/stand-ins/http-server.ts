/**
 * The HTTP side both stand-ins share: a server on 127.0.0.1 (unref'd), the request log, scripted faults applied before
 * or after the request takes effect (top-level and per batch part), and a close that also wakes held answers. What a
 * request does, what a batch looks like and how errors read stay with each service, passed in as hooks.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiRequest, type ApiResponse, queryRecord } from './api-message.ts';
import { type ArmedFault, type BaseFaultSpec, type FaultBoard, faultAfter } from './fault-board.ts';

export interface BaseLoggedCall {
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

/** What a top-level request's log entry has beyond its call. */
export interface LoggedExchange<Part> {
  batch: boolean;
  /** Number of parts of a batch request (0 otherwise), and each part as it was answered, in run order. */
  parts: number;
  partCalls: Part[];
  /** Whether an Authorization header was present. */
  hasAuth: boolean;
}

export interface StandInServer {
  origin: string;
  close(): Promise<void>;
}

/** Applies the faults of a batch's parts: each part's answer at once, their delays and drops to the whole batch. */
export interface PartFaults {
  /** Logs the part's fault and answers: the fault's early error, or `run`'s answer (replaced by an afterApply error). */
  answer(
    call: BaseLoggedCall,
    fault: ArmedFault<BaseFaultSpec, ApiResponse> | null,
    run: () => ApiResponse,
  ): ApiResponse;
  /** Holds the batch answer back for the parts' summed delays; true when a part's fault drops it. */
  settle(): Promise<boolean>;
}

export interface ServiceHooks<Call extends BaseLoggedCall, Part> {
  /** `http` or `https`: the origin's scheme; `createServer` must match it. */
  scheme: 'http' | 'https';
  createServer(listener: RequestListener): Server;
  faults: FaultBoard<BaseFaultSpec, ApiResponse>;
  log: (Call & LoggedExchange<Part>)[];
  logCall(req: ApiRequest): Call;
  isBatch(req: ApiRequest): boolean;
  batch(
    req: ApiRequest,
    entry: Call & LoggedExchange<Part>,
    parts: PartFaults,
  ): Promise<ApiResponse | 'drop'>;
  execute(req: ApiRequest): ApiResponse;
  /** Headers the service puts on every answer (under the answer's own). */
  answerHeaders?(req: ApiRequest): Record<string, string>;
}

export async function serveApi<Call extends BaseLoggedCall, Part>(
  hooks: ServiceHooks<Call, Part>,
): Promise<StandInServer> {
  const { faults, log } = hooks;
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
  const send = (
    res: ServerResponse,
    req: ApiRequest,
    entry: BaseLoggedCall,
    response: ApiResponse,
  ): void => {
    entry.status = response.status;
    res.writeHead(response.status, { ...hooks.answerHeaders?.(req), ...response.headers });
    res.end(response.status === 204 || response.status === 304 ? undefined : response.body);
  };

  const handle = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    const req = await readRequest(incoming, hooks.scheme);
    const entry = {
      ...hooks.logCall(req),
      batch: false,
      parts: 0,
      partCalls: [] as Part[],
      hasAuth: 'authorization' in req.headers,
    };
    log.push(entry);
    const fault = faults.take(req.method, req.path, false);
    entry.fault = fault !== null;
    if (fault && !fault.spec.afterApply) {
      if (fault.spec.delayMs) await sleep(fault.spec.delayMs);
      if (fault.spec.drop) return void res.destroy();
      if (fault.response) return send(res, req, entry, fault.response);
    }
    entry.batch = hooks.isBatch(req);
    const response = entry.batch
      ? await hooks.batch(req, entry, partFaults(sleep))
      : hooks.execute(req);
    if (fault?.spec.afterApply) {
      if (fault.spec.delayMs) await sleep(fault.spec.delayMs);
      if (fault.spec.drop) return void res.destroy();
    }
    if (response === 'drop') return void res.destroy();
    send(res, req, entry, faultAfter(fault, response));
  };

  const server = hooks.createServer((incoming, res) => {
    handle(incoming, res).catch((error: unknown) => {
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`stand-in failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  let closing: Promise<void> | null = null;
  return {
    origin: `${hooks.scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
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

/** The controls every stand-in hands its tests over its log, faults and server (`requests` is the live array). */
export function commonControls<Entry, Spec extends BaseFaultSpec>(
  log: Entry[],
  faults: FaultBoard<Spec, ApiResponse>,
  server: StandInServer,
) {
  return {
    requests: log as readonly Entry[],
    resetLog: (): void => void log.splice(0),
    fail: faults.add,
    clearFaults: faults.clear,
    close: server.close,
  };
}

/** Runs a handler, turning the service's own error into its answer and anything else into a 500 that names the bug. */
export function guardWith(
  ServiceError: abstract new (...args: never[]) => { toResponse(): ApiResponse },
  bug: (message: string) => ApiResponse,
): <T>(run: () => T) => T | ApiResponse {
  return (run) => {
    try {
      return run();
    } catch (error) {
      if (error instanceof ServiceError) return error.toResponse();
      return bug(`stand-in bug: ${error instanceof Error ? error.stack : String(error)}`);
    }
  };
}

/** The log entry of a call as received (no headers or body). */
export function logCall(req: ApiRequest): BaseLoggedCall {
  return {
    method: req.method,
    path: req.path,
    query: queryRecord(req.query),
    status: null,
    fault: false,
  };
}

function partFaults(sleep: (ms: number) => Promise<void>): PartFaults {
  let delay = 0;
  let drop = false;
  return {
    answer(call, fault, run) {
      call.fault = fault !== null;
      delay += fault?.spec.delayMs ?? 0;
      drop ||= Boolean(fault?.spec.drop);
      const early = fault && !fault.spec.afterApply ? fault.response : null;
      const response = early ?? faultAfter(fault, run());
      call.status = response.status;
      return response;
    },
    async settle() {
      if (delay > 0) await sleep(delay);
      return drop;
    },
  };
}

async function readRequest(
  incoming: IncomingMessage,
  scheme: 'http' | 'https',
): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', `${scheme}://127.0.0.1`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const body = Buffer.concat(chunks).toString('utf8');
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
  };
}
