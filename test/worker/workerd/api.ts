/**
 * Calling the Worker from a test running in workerd: as a client does (through the runtime to the default export,
 * `exports.default.fetch`), or as the runtime does (a handler called with bindings and an execution context the test
 * waits on, for fetch and scheduled).
 */
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import worker from '../../../src/entry/worker.ts';
import { ADMIN_TOKEN, PUBLIC_URL } from '../provided.ts';

export { env };
export const ROSTER_ID = 'so-vhttdl-bac-giang';

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** The bearer token; null for none. Default: the admin token. */
  token?: string | null;
}

export function requestOf(method: string, path: string, options: CallOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (options.token !== null && !headers.has('authorization'))
    headers.set('authorization', `Bearer ${options.token ?? ADMIN_TOKEN}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(new URL(path, PUBLIC_URL), {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

/** A request to the Worker as deployed: it goes through the runtime to the Worker's default export. */
export function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  return exports.default.fetch(requestOf(method, path, options));
}

/** The JSON of a call that must answer `status`. */
export async function json<T>(
  method: string,
  path: string,
  status: number,
  body?: unknown,
): Promise<T> {
  const response = await call(method, path, body === undefined ? {} : { body });
  const text = await response.text();
  if (response.status !== status)
    throw new Error(
      `${method} ${path}: expected ${status}, got ${response.status}: ${text.slice(0, 500)}`,
    );
  return (text ? JSON.parse(text) : null) as T;
}

/** The Worker's fetch handler with these bindings, and what it left to `waitUntil` (a change's push) awaited. */
export async function callAndSettle(
  bindings: Cloudflare.Env,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(requestOf(method, path, options), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** The Worker's scheduled handler for one of wrangler.toml's crons, and what it left to `waitUntil` awaited. */
export async function runScheduled(cron: string, bindings: Cloudflare.Env = env): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron, scheduledTime: Date.now() }),
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

export async function problemOf(response: Response): Promise<ProblemBody> {
  return (await response.json()) as ProblemBody;
}

export interface SlotView {
  key: string;
  date: string;
  position: string;
  memberId: string;
  kind: string;
  title: string;
}

/**
 * `offset` days from today, as an ISO date. The Worker runs on the real clock (workerd's, which tests cannot set),
 * so tests about the push or the feed window pick their dates relative to today.
 */
export function dayFromToday(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

export async function scheduleOf(rosterId: string, from: string, to: string): Promise<SlotView[]> {
  return (
    await json<{ slots: SlotView[] }>(
      'GET',
      `/api/rosters/${rosterId}/schedule?from=${from}&to=${to}`,
      200,
    )
  ).slots;
}

/** A regular duty of `memberId` one to three weeks from today. */
export async function upcomingDutyOf(memberId: string, rosterId = ROSTER_ID): Promise<SlotView> {
  const [from, to] = [dayFromToday(7), dayFromToday(21)];
  const slot = (await scheduleOf(rosterId, from, to)).find(
    (candidate) => candidate.memberId === memberId && candidate.kind === 'regular',
  );
  if (!slot) throw new Error(`no regular duty of ${memberId} in ${rosterId} from ${from} to ${to}`);
  return slot;
}

/** Probes until `done` holds (or 20 s passed: the caller's expectation then fails with the last value). */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
