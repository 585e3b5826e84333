/**
 * Scripted failures for the Google stand-in: rate limits (403/429 with or without Retry-After), 5xx, slow answers and
 * dropped connections, before or after the request took effect.
 */
import {
  type BaseFaultSpec,
  createFaultBoard as createSharedBoard,
  type FaultBoard as SharedFaultBoard,
  retryAfterHeaders,
} from './fault-board.ts';
import { type ApiResponse, errorResponse, jsonResponse } from './google-http.ts';

export type FaultStatus = 429 | 403 | 500 | 503;
export type FaultReason = 'rateLimitExceeded' | 'userRateLimitExceeded' | 'backendError';

export interface FaultSpec extends BaseFaultSpec {
  /** Tested against the path without query, e.g. `/calendar/v3/calendars/cal%40x/events` (any when absent). */
  path?: RegExp;
  /** Google answers rate limits with 429 or 403, backend trouble with 500 or 503. */
  status?: FaultStatus;
  /** Default: 429/403 → rateLimitExceeded, 500/503 → backendError. */
  reason?: FaultReason;
}

export type FaultBoard = SharedFaultBoard<FaultSpec, ApiResponse>;

export function createFaultBoard(): FaultBoard {
  return createSharedBoard(faultResponse);
}

function faultResponse(spec: FaultSpec, path: string): ApiResponse | null {
  if (spec.status === undefined) return null;
  const headers = retryAfterHeaders(spec);
  const reason =
    spec.reason ??
    (spec.status === 429 || spec.status === 403 ? 'rateLimitExceeded' : 'backendError');
  // The token endpoint answers in OAuth's shape, the API in Google's error shape.
  if (path === '/token')
    return jsonResponse(
      spec.status,
      { error: 'temporarily_unavailable', error_description: reason },
      headers,
    );
  const messages: Record<FaultReason, string> = {
    rateLimitExceeded: 'Rate Limit Exceeded',
    userRateLimitExceeded: 'User Rate Limit Exceeded',
    backendError: 'Backend Error',
  };
  const domain = reason === 'backendError' ? 'global' : 'usageLimits';
  return errorResponse(spec.status, { domain, reason, message: messages[reason] }, headers);
}
