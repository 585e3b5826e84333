/** Reading requests: JSON bodies with a size limit and schema validation, and the service context of a request. */
import type { Context } from 'hono';
import type * as z from 'zod';
import type { ServiceContext } from '../services/context.ts';
import { invalid, zodFieldProblems } from '../services/errors.ts';
import type { HonoEnv } from './env.ts';

/** Far above any roster or absence, far below anything that could hurt the server. */
export const MAX_BODY_BYTES = 256 * 1024;

export class HttpError extends Error {
  readonly kind: 'unsupported-media-type' | 'payload-too-large' | 'not-implemented';

  constructor(kind: HttpError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

export async function readJson(c: Context<HonoEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    throw new HttpError('unsupported-media-type', 'send the body as application/json');
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new HttpError('payload-too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES)
    throw new HttpError('payload-too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
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

export async function readBody<S extends z.ZodType>(
  c: Context<HonoEnv>,
  schema: S,
): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(c), 'the body');
}

export function serviceContext(c: Context<HonoEnv>, actor = 'admin'): ServiceContext {
  const deps = c.get('deps');
  const afterChange =
    deps.afterChange && ((rosterId: string) => deps.afterChange?.(rosterId, waitUntilOf(c)));
  return {
    store: deps.store,
    now: deps.now,
    publicUrl: deps.publicUrl,
    actor: { name: actor, requestId: c.get('requestId') },
    afterChange,
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
