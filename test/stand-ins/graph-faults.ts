/**
 * Scripted failures for the Graph stand-in: throttling (429 with or without Retry-After), 503/504 (and 500), slow
 * answers and dropped connections, on top-level requests or on single `$batch` items, before or after the request
 * took effect.
 */
import {
  type BaseFaultSpec,
  createFaultBoard as createSharedBoard,
  type FaultBoard as SharedFaultBoard,
  retryAfterHeaders,
} from './fault-board.ts';
import { type ApiResponse, errorResponse, jsonResponse } from './graph-http.ts';

export type FaultStatus = 429 | 500 | 503 | 504;

export interface FaultSpec extends BaseFaultSpec {
  /**
   * Tested against the path without query, always with the version: `/v1.0/users/a%40b.vn/events` (a `$batch` item's
   * relative url is tested as `/v1.0` + url). The token endpoint is `/{tenant}/oauth2/v2.0/token`.
   */
  path?: RegExp;
  /** Graph throttles with 429; 500/503/504 are its backend and gateway failures. */
  status?: FaultStatus;
  /** Graph error code; default 429 → ApplicationThrottled, 503 → ServiceNotAvailable, 504 → GatewayTimeout, 500 → UnknownError. */
  code?: string;
  message?: string;
  /** Adds `Retry-After: <seconds>` (the Graph client sleeps exactly this long before replaying). */
  retryAfter?: number;
  /** true: hits individual `$batch` items only; false/absent: hits top-level HTTP requests only. */
  inBatch?: boolean;
}

export type FaultBoard = SharedFaultBoard<FaultSpec, ApiResponse>;

const DEFAULTS: Record<FaultStatus, { code: string; message: string }> = {
  429: {
    code: 'ApplicationThrottled',
    message: 'Application is over its MailboxConcurrency limit.',
  },
  500: { code: 'UnknownError', message: '' },
  503: {
    code: 'ServiceNotAvailable',
    message: 'The service is temporarily unavailable. Please retry later.',
  },
  504: {
    code: 'GatewayTimeout',
    message: 'The gateway did not receive a response from the backend in time.',
  },
};

export function createFaultBoard(): FaultBoard {
  return createSharedBoard(faultResponse);
}

function faultResponse(spec: FaultSpec, path: string): ApiResponse | null {
  if (spec.status === undefined) return null;
  const headers = retryAfterHeaders(spec);
  const { code, message } = {
    ...DEFAULTS[spec.status],
    ...(spec.code ? { code: spec.code } : {}),
    ...(spec.message ? { message: spec.message } : {}),
  };
  // The token endpoint answers in the identity platform's OAuth shape, the API in Graph's.
  if (/\/oauth2\/v2\.0\/token$/.test(path)) {
    return jsonResponse(
      spec.status,
      { error: 'temporarily_unavailable', error_description: message || code },
      headers,
    );
  }
  return errorResponse(spec.status, code, message, headers);
}
