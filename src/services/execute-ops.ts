/**
 * Applying writes through a provider: in batches of the provider's size, each taken from the principal's write
 * budget first (a smaller batch when the budget is nearly spent), each batch's results recorded as soon as it
 * answers, retryable failures tried again after a backoff (honouring Retry-After), a rate limit lowering the
 * budget's rate, a credentials or sharing failure stopping everything (thrown), and a rejected write set aside
 * without holding up the others.
 */
import type { SyncOp } from '../domain/sync-plan.ts';
import {
  type CalendarProvider,
  type OpOutcome,
  ProviderError,
  type ProviderTarget,
} from '../providers/calendar-provider.ts';
import { backoffDelay } from './backoff.ts';
import type { SyncDeps } from './sync-deps.ts';
import { type Grant, principalOf, takeAll } from './write-budget.ts';

type WriteOp = Exclude<SyncOp, { type: 'adopt' }>;
type ExecuteDeps = Pick<SyncDeps, 'backoff' | 'sleep' | 'random' | 'budget' | 'now' | 'maxWaitMs'>;

export interface Landed {
  op: WriteOp;
  remoteId: string;
  etag: string | null;
}

export interface ExecuteOutcome {
  applied: number;
  rejected: ProviderError[];
  /** Writes given up on for this run because the service kept refusing for now. */
  pending: number;
  lastRetryable: ProviderError | null;
  /** The run stopped rather than wait this long (for the budget or the service); see SyncDeps.maxWaitMs. */
  waitMs?: number;
}

export async function executeOps(
  deps: ExecuteDeps,
  provider: CalendarProvider,
  target: ProviderTarget,
  ops: readonly WriteOp[],
  onLanded: (landed: Landed[], doneSoFar: number) => Promise<void>,
  /** No batch starts after this instant (ms); the writes left are pending, for the next run. */
  until?: number,
): Promise<ExecuteOutcome> {
  const outcome: ExecuteOutcome = { applied: 0, rejected: [], pending: 0, lastRetryable: null };
  let pending = [...ops];
  for (let attempt = 0; pending.length > 0; attempt++) {
    const retry: WriteOp[] = [];
    let waitMs = 0;
    for (let start = 0; start < pending.length; ) {
      if (until !== undefined && deps.now().getTime() >= until) {
        outcome.pending = pending.length - start + retry.length;
        return outcome;
      }
      const {
        chunk,
        results,
        waitMs: budgetWait,
      } = await applyBudgeted(deps, provider, target, pending, start);
      if (budgetWait !== undefined) {
        outcome.pending = pending.length - start + retry.length;
        outcome.waitMs = budgetWait;
        return outcome;
      }
      start += chunk.length;
      const landed: Landed[] = [];
      results.forEach((result, index) => {
        const op = chunk[index]!;
        if (result.ok) landed.push({ op, remoteId: result.remoteId, etag: result.etag });
        else if (result.error.kind === 'retryable') {
          retry.push(op);
          waitMs = Math.max(waitMs, result.error.retryAfterMs ?? 0);
          outcome.lastRetryable = result.error;
        } else if (result.error.kind === 'rejected') outcome.rejected.push(result.error);
      });
      outcome.applied += landed.length;
      if (landed.length > 0) await onLanded(landed, outcome.applied);
      const stop = results.find(
        (result) =>
          !result.ok && result.error.kind !== 'retryable' && result.error.kind !== 'rejected',
      );
      if (stop && !stop.ok) throw stop.error;
    }
    if (retry.length === 0) break;
    // A service asking for a longer pause than the cap gets it: the writes wait in the outbox for a later run.
    if (attempt + 1 >= deps.backoff.maxAttempts || waitMs > deps.backoff.capMs) {
      outcome.pending = retry.length;
      if (waitMs > 0) outcome.waitMs = waitMs;
      break;
    }
    const delay = backoffDelay(deps.backoff, attempt, waitMs, deps.random);
    if (deps.maxWaitMs !== undefined && delay > deps.maxWaitMs) {
      outcome.pending = retry.length;
      outcome.waitMs = delay;
      break;
    }
    await deps.sleep(delay);
    pending = retry;
  }
  if (outcome.pending === 0) outcome.lastRetryable = null;
  return outcome;
}

/** Rate limits: 429, or a retryable 403 (Google's rateLimitExceeded; other 403s are not retryable). */
const rateLimited = (result: OpOutcome) =>
  !result.ok &&
  result.error.kind === 'retryable' &&
  (result.error.status === 429 || result.error.status === 403);

/**
 * The next batch from `start`, as large as the budget allows now, applied, its writes settled in the budget; or
 * nothing and how long to wait, when the budget is spent and the caller does not wait (SyncDeps.maxWaitMs).
 */
async function applyBudgeted(
  deps: ExecuteDeps,
  provider: CalendarProvider,
  target: ProviderTarget,
  pending: readonly WriteOp[],
  start: number,
): Promise<{ chunk: WriteOp[]; results: OpOutcome[]; waitMs?: number }> {
  const { budget } = deps;
  const wanted = Math.min(provider.maxBatch, pending.length - start);
  if (!budget) {
    const chunk = pending.slice(start, start + wanted);
    return { chunk, results: await applyChunk(provider, target, chunk) };
  }
  const principal = principalOf(provider, target);
  const first = await budget.take(provider.name, principal, wanted, deps.maxWaitMs);
  if (first.granted === 0) return { chunk: [], results: [], waitMs: first.waitMs ?? 0 };
  const grants: Grant[] = [first];
  const chunk = pending.slice(start, start + grants[0]!.granted);
  try {
    const results = await applyChunk(provider, target, chunk, async (writes) => {
      grants.push(...(await takeAll(budget, provider.name, principal, writes)));
    });
    if (results.some(rateLimited)) await budget.throttled(provider.name, principal);
    return { chunk, results };
  } finally {
    for (const grant of grants) await budget.settle(provider.name, principal, grant);
  }
}

/** A whole batch that failed to arrive (timeout, dropped connection, 5xx on the envelope) is retried as a whole. */
async function applyChunk(
  provider: CalendarProvider,
  target: ProviderTarget,
  chunk: WriteOp[],
  beforeFollowUp?: (writes: number) => Promise<void>,
): Promise<OpOutcome[]> {
  try {
    return await provider.apply(target, chunk, beforeFollowUp ? { beforeFollowUp } : undefined);
  } catch (error) {
    const failure =
      error instanceof ProviderError
        ? error
        : new ProviderError('retryable', `the calendar service did not answer (${String(error)})`);
    return chunk.map(() => ({ ok: false as const, error: failure }));
  }
}
