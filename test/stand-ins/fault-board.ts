/**
 * The scripted-fault board both stand-ins share: which request a fault hits, how it counts down, and how its answer
 * replaces the real one. Only the error bodies differ between services, so each stand-in passes in how a fault
 * answers (its `*-faults.ts`) and keeps its own status codes and reasons there.
 */

/** What every stand-in's fault spec has; a service adds its status type and its error details. */
export interface BaseFaultSpec {
  /** Matches the HTTP method (any when absent). */
  method?: string;
  /** Tested against the path without query (any when absent). */
  path?: RegExp;
  /** How many matching requests it hits before it stops (default 1; `Infinity` for ever). */
  times?: number;
  /** The error status to answer with. Without status (and without `drop`) the fault only delays. */
  status?: number;
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

export interface ArmedFault<S extends BaseFaultSpec, R> {
  spec: S;
  response: R | null;
}

export interface FaultBoard<S extends BaseFaultSpec, R> {
  add(spec: S): FaultHandle;
  /** Takes the first live fault matching, counting it down; null when none. */
  take(method: string, path: string, inBatch: boolean): ArmedFault<S, R> | null;
  clear(): void;
}

/** `respond` builds the service's error answer for a spec with a status (null when the fault only delays or drops). */
export function createFaultBoard<S extends BaseFaultSpec, R>(
  respond: (spec: S, path: string) => R | null,
): FaultBoard<S, R> {
  let faults: { spec: S; remaining: number; fired: number }[] = [];
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
      return { spec: fault.spec, response: respond(fault.spec, path) };
    },
    clear() {
      faults = [];
    },
  };
}

/** The `Retry-After` header a spec asks for (none when it gives no `retryAfter`). */
export function retryAfterHeaders(spec: BaseFaultSpec): Record<string, string> {
  return spec.retryAfter === undefined ? {} : { 'retry-after': String(spec.retryAfter) };
}

/** An afterApply fault's error replaces the answer the applied request would have had. */
export function faultAfter<R>(fault: ArmedFault<BaseFaultSpec, R> | null, response: R): R {
  return fault?.spec.afterApply && fault.response ? fault.response : response;
}
