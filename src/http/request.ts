/** Reading requests: JSON bodies with a size limit and schema validation, and the service context of a request. */
import type { Context } from 'hono';
import type * as z from 'zod';
import { decide, type Permission } from '../domain/permissions.ts';
import { MANAGER, OTHERS, type Reader } from '../domain/reason-privacy.ts';
import type { ServiceContext } from '../services/context.ts';
import type { StoredRoster } from '../storage/records.ts';
import { invalid, zodFieldProblems } from '../services/errors.ts';
import type { HonoEnv } from './env.ts';

/** Far above any roster or absence, far below anything that could hurt the server. */
export const MAX_BODY_BYTES = 256 * 1024;

export class HttpError extends Error {
  readonly kind: 'bad-request' | 'unsupported-media-type' | 'not-implemented';

  constructor(kind: HttpError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

/**
 * A urlencoded or multipart body, files included. A body that cannot be parsed as the form it claims to be (a
 * multipart body without its boundary) is a 400, not a 500.
 */
export async function parseForm(c: Context<HonoEnv>) {
  try {
    return await c.req.parseBody();
  } catch {
    throw new HttpError('bad-request', 'the form cannot be read: its body does not match its type');
  }
}

/** The `charset` parameter of a Content-Type, lower-cased and unquoted; undefined when there is none. */
function charsetOf(type: string): string | undefined {
  const value = /;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i.exec(type)?.[1];
  return value?.replace(/^"|"$/g, '').toLowerCase();
}

/** The body as JSON. Its size was bounded while streaming by the app's body limit (app.ts). */
export async function readJson(c: Context<HonoEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    throw new HttpError('unsupported-media-type', 'send the body as application/json');
  // JSON is UTF-8 (RFC 8259 §8.1): a body announced in another charset would be misread, not converted.
  const charset = charsetOf(type);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new HttpError(
      'unsupported-media-type',
      `send JSON encoded as UTF-8 (charset=utf-8), not charset=${charset}`,
    );
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid('the body is not valid UTF-8', [{ field: '', message: 'not UTF-8' }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid('the body is not valid JSON', [{ field: '', message: (error as Error).message }]);
  }
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'the request',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalid(`${what} is not valid`, zodFieldProblems(result.error, value), {
    code: 'form-invalid',
  });
}

/** The rosters of a list on which the request's principal has `permission` (all outside an authenticated route). */
export function visibleRosters(
  c: Context<HonoEnv>,
  all: StoredRoster[],
  permission: Permission = 'roster.read',
): StoredRoster[] {
  const principal = c.get('principal');
  if (!principal) return all;
  return all.filter(
    (stored) =>
      decide(principal, permission, {
        id: stored.id,
        organisationId: stored.roster.organisation.id,
      }) === 'allowed',
  );
}

/**
 * Who reads a roster's slots in this request: a viewer (read-only, e.g. the inspection office) reads sensitive
 * absence reasons as "vắng"; every other role that reached the roster manages it.
 */
export function readerOf(c: Context<HonoEnv>): Reader {
  return c.get('principal')?.role === 'viewer' ? OTHERS : MANAGER;
}

/** The client's address as the entry knows it (see AppDeps.clientAddress). */
export function clientAddressOf(c: Context<HonoEnv>): string {
  return c.get('deps').clientAddress?.(c) ?? c.req.header('cf-connecting-ip') ?? 'unknown';
}

/** The verbs' context; the actor of the audit log is the request's principal (its account id, or `admin`). */
export function serviceContext(
  c: Context<HonoEnv>,
  actor = c.get('principal')?.id ?? 'admin',
): ServiceContext {
  const deps = c.get('deps');
  const afterChange =
    deps.afterChange && ((rosterId: string) => deps.afterChange?.(rosterId, waitUntilOf(c)));
  return {
    store: deps.store,
    now: deps.now,
    publicUrl: deps.publicUrl,
    actor: { name: actor, requestId: c.get('requestId') },
    afterChange,
    feedsChanged: deps.feedsChanged && (() => deps.feedsChanged?.(waitUntilOf(c))),
    holidayNoticesChanged:
      deps.holidayNoticesChanged && (() => deps.holidayNoticesChanged?.(waitUntilOf(c))),
  };
}

/**
 * Runs `work` after the response: within the request's `waitUntil` on Workers, as a detached promise on Node (where
 * the process lives on). A failure is logged, never thrown at a request that has already been answered.
 */
export function runAfterResponse(c: Context<HonoEnv>, work: Promise<unknown>): void {
  const requestId = c.get('requestId');
  const logged = work.catch((error: unknown) => c.get('deps').logError?.(error, requestId));
  waitUntilOf(c)?.(logged);
}

/** The runtime's `waitUntil` (Workers), or undefined where there is none (Node: Hono throws on access). */
function waitUntilOf(c: Context<HonoEnv>): ((promise: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return undefined;
  }
}

/** A path parameter; routes are registered with their parameters, so a missing one is a programming error. */
export function param(c: Context<HonoEnv>, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new Error(`route has no parameter "${name}"`);
  return value;
}
