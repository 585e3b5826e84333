/**
 * Scripted failures for the Google stand-in: rate limits (403/429 with or without Retry-After), 5xx, slow answers and
 * dropped connections, before or after the request took effect.
 */
import { type ApiResponse, errorResponse, jsonResponse } from './google-http.ts';

export type FaultStatus = 429 | 403 | 500 | 503;
export type FaultReason = 'rateLimitExceeded' | 'userRateLimitExceeded' | 'backendError';

export interface FaultSpec {
  /** Matches the HTTP method (any when absent). */
  method?: string;
  /** Tested against the path without query, e.g. `/calendar/v3/calendars/cal%40x/events` (any when absent). */
  path?: RegExp;
  /** How many matching requests it hits before it stops (default 1; `Infinity` for ever). */
  times?: number;
  /** The error status to answer with. Without status (and without `drop`) the fault only delays. */
  status?: FaultStatus;
  /** Default: 429/403 → rateLimitExceeded, 500/503 → backendError. */
  reason?: FaultReason;
  /** Adds `Retry-After: <seconds>`. */
  retryAfter?: number;
  /** Holds the answer back this long (to make a client time out); in a batch, holds the whole batch answer. */
  delayMs?: number;
  /** Closes the connection without an answer; in a batch, drops the whole batch answer. */
  drop?: boolean;
  /** true: hits individual parts of batch requests only; false/absent: hits top-level HTTP requests only. */
  inBatch?: boolean;
  /** The request takes effect first (the event is created), then the client sees the error or the drop. */
  afterApply?: boolean;
}

export interface FaultHandle {
  /** How many requests it has hit so far. */
  readonly fired: number;
  readonly remaining: number;
  cancel(): void;
}

export interface ArmedFault {
  spec: FaultSpec;
  response: ApiResponse | null;
}

export interface FaultBoard {
  add(spec: FaultSpec): FaultHandle;
  /** Takes the first live fault matching, counting it down; null when none. */
  take(method: string, path: string, inBatch: boolean): ArmedFault | null;
  clear(): void;
}

export function createFaultBoard(): FaultBoard {
  let faults: { spec: FaultSpec; remaining: number; fired: number }[] = [];
  return {
    add(spec) {
      if (spec.status === undefined && !spec.drop && spec.delayMs === undefined) {
        throw new Error('stand-in: a fault needs a status, drop or delayMs');
      }
      const fault = { spec, remaining: spec.times ?? 1, fired: 0 };
      faults.push(fault);
      return {
        get fired() {
          return fault.fired;
        },
        get remaining() {
          return fault.remaining;
        },
        cancel() {
          fault.remaining = 0;
        },
      };
    },
    take(method, path, inBatch) {
      const fault = faults.find(
        (f) =>
          f.remaining > 0 &&
          Boolean(f.spec.inBatch) === inBatch &&
          (!f.spec.method || f.spec.method.toUpperCase() === method.toUpperCase()) &&
          (!f.spec.path || f.spec.path.test(path)),
      );
      if (!fault) return null;
      fault.remaining -= 1;
      fault.fired += 1;
      return { spec: fault.spec, response: faultResponse(fault.spec, path) };
    },
    clear() {
      faults = [];
    },
  };
}

function faultResponse(spec: FaultSpec, path: string): ApiResponse | null {
  if (spec.status === undefined) return null;
  const headers: Record<string, string> = spec.retryAfter === undefined ? {} : { 'retry-after': String(spec.retryAfter) };
  const reason = spec.reason ?? (spec.status === 429 || spec.status === 403 ? 'rateLimitExceeded' : 'backendError');
  // The token endpoint answers in OAuth's shape, the API in Google's error shape.
  if (path === '/token') return jsonResponse(spec.status, { error: 'temporarily_unavailable', error_description: reason }, headers);
  const messages: Record<FaultReason, string> = {
    rateLimitExceeded: 'Rate Limit Exceeded',
    userRateLimitExceeded: 'User Rate Limit Exceeded',
    backendError: 'Backend Error',
  };
  const domain = reason === 'backendError' ? 'global' : 'usageLimits';
  return errorResponse(spec.status, { domain, reason, message: messages[reason] }, headers);
}
