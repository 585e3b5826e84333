/**
 * The Google stand-in's HTTP side: plain HTTP on the shared server (http-server.ts, which also logs and applies
 * faults), the token endpoint, the API and the multipart batch endpoint whose parts run through the same code as
 * top-level requests.
 */
import { createServer } from 'node:http';
import type { AuthRegistry } from './google-auth.ts';
import { checkBatchSize, parseBatch, renderBatch } from './google-batch.ts';
import type { FaultBoard } from './google-faults.ts';
import type { GoogleQuota } from './google-quota.ts';
import { type ApiRequest, type ApiResponse, errorResponse, GoogleApiError } from './google-http.ts';
import { routeApi } from './google-routes.ts';
import type { StandInState } from './google-state.ts';
import {
  type BaseLoggedCall,
  guardWith,
  type LoggedExchange,
  logCall,
  type PartFaults,
  type StandInServer,
  serveApi,
} from './http-server.ts';

export type { StandInServer } from './http-server.ts';
export type LoggedCall = BaseLoggedCall;
export type LoggedRequest = LoggedCall & LoggedExchange<LoggedCall>;

/** Turns GoogleApiError into its answer and anything else into a 500 backendError that names the bug. */
const guard = guardWith(GoogleApiError, (message) =>
  errorResponse(500, { reason: 'backendError', message }),
);

export async function serveStandIn(deps: {
  state: StandInState;
  auth: AuthRegistry;
  faults: FaultBoard;
  log: LoggedRequest[];
  quota: GoogleQuota | undefined;
}): Promise<StandInServer> {
  const { state, auth, faults, quota } = deps;

  const execute = (req: ApiRequest, outerAuthorization?: string): ApiResponse =>
    guard(() => {
      if (req.method === 'POST' && req.path === '/token') return auth.handleTokenRequest(req);
      if (!req.path.startsWith('/calendar/v3/'))
        return errorResponse(404, { reason: 'notFound', message: `Not Found: ${req.path}` });
      const caller = auth.authenticate(req.headers.authorization ?? outerAuthorization);
      return quota?.admit(caller, req) ?? routeApi(state, req, caller);
    });

  const handleBatch = async (
    req: ApiRequest,
    entry: LoggedRequest,
    partFaults: PartFaults,
  ): Promise<ApiResponse | 'drop'> => {
    const parts = guard(() => parseBatch(req.headers['content-type'], req.body));
    if (!Array.isArray(parts)) return parts;
    entry.parts = parts.length;
    const tooMany = guard(() => checkBatchSize(parts));
    if (tooMany) return tooMany;
    const answers = parts.map(({ contentId, request }) => {
      const call = logCall(request);
      entry.partCalls.push(call);
      const fault = faults.take(request.method, request.path, true);
      const response = partFaults.answer(call, fault, () =>
        execute(request, req.headers.authorization),
      );
      return { contentId, response };
    });
    if (await partFaults.settle()) return 'drop';
    const rendered = renderBatch(answers);
    return { status: 200, headers: { 'content-type': rendered.contentType }, body: rendered.body };
  };

  return serveApi({
    scheme: 'http',
    createServer: (listener) => createServer(listener),
    faults,
    log: deps.log,
    logCall,
    isBatch: (req) => req.method === 'POST' && /^\/batch(\/calendar\/v3)?$/.test(req.path),
    batch: handleBatch,
    execute: (req) => execute(req),
  });
}
