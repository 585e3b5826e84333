/**
 * Scripted failures for the Graph stand-in: throttling (429 with or without Retry-After), 503/504 (and 500), slow
 * answers and dropped connections, on top-level requests or on single `$batch` items, before or after the request
 * took effect.
 */
import { type ApiResponse, errorResponse, jsonResponse } from './graph-http.ts';

export type FaultStatus = 429 | 500 | 503 | 504;

export interface FaultSpec {
  /** Matches the HTTP method (any when absent). */
  method?: string;
  /**
   * Tested against the path without query, always with the version: `/v1.0/users/a%40b.vn/events` (a `$batch` item's
   * relative url is tested as `/v1.0` + url). The token endpoint is `/{tenant}/oauth2/v2.0/token`.
   */
  path?: RegExp;
  /** How many matching requests it hits before it stops (default 1; `Infinity` for ever). */
  times?: number;
  /** The error status to answer with. Without status (and without `drop`) the fault only delays. */
  status?: FaultStatus;
  /** Graph error code; default 429 → ApplicationThrottled, 503 → ServiceNotAvailable, 504 → GatewayTimeout, 500 → UnknownError. */
  code?: string;
  message?: string;
  /** Adds `Retry-After: <seconds>` (the Graph client sleeps exactly this long before replaying). */
  retryAfter?: number;
  /** Holds the answer back this long (to make a client time out); in a batch, holds the whole batch answer. */
  delayMs?: number;
  /** Closes the connection without an answer; in a batch, drops the whole batch answer. */
  drop?: boolean;
  /** true: hits individual `$batch` items only; false/absent: hits top-level HTTP requests only. */
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

const DEFAULTS: Record<FaultStatus, { code: string; message: string }> = {
  429: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' },
  500: { code: 'UnknownError', message: '' },
  503: { code: 'ServiceNotAvailable', message: 'The service is temporarily unavailable. Please retry later.' },
  504: { code: 'GatewayTimeout', message: 'The gateway did not receive a response from the backend in time.' },
};

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
  const { code, message } = { ...DEFAULTS[spec.status], ...(spec.code ? { code: spec.code } : {}), ...(spec.message ? { message: spec.message } : {}) };
  // The token endpoint answers in the identity platform's OAuth shape, the API in Graph's.
  if (/\/oauth2\/v2\.0\/token$/.test(path)) {
    return jsonResponse(spec.status, { error: 'temporarily_unavailable', error_description: message || code }, headers);
  }
  return errorResponse(spec.status, code, message, headers);
}
