/**
 * One step of one roster's calendar push, the unit of work of a queue message (Workers): the roster's withdrawals,
 * then one date band (push-order.ts) to each of its providers, and what the message should do next. Each band is a
 * message of its own, so the next 30 days of every queued roster go before any roster's later days, as far as the
 * queue keeps its order. A step never sleeps when its deps say so (`maxWaitMs`): a spent budget or a service's
 * Retry-After ends it with the wait, and the queue brings the message back after it.
 *
 * The outbox rows are cleared only after the last band, up to the row that was newest when band 0 started: a change
 * made meanwhile has rows of its own, and its own message starts again from band 0.
 */
import type { SyncDeps } from './sync-deps.ts';
import { pushBand, queueEntry } from './drain-outbox.ts';
import type { SyncRunResult } from './sync-run.ts';
import { withdrawRoster } from './withdraw-roster.ts';

export interface PushRequest {
  rosterId: string;
  /** The band to push (0: the next 30 days). */
  band: number;
  /** The newest outbox row this push delivers (set from band 0 on). */
  upToSeq?: number | undefined;
}

export type PushStep =
  /** Delivered, or nothing was queued. */
  | { state: 'done'; results: SyncRunResult[] }
  /** This band is in place; the next one is its own message. */
  | { state: 'next'; next: PushRequest; results: SyncRunResult[] }
  /** The budget or the service asks to wait this long; `progressed`: some writes landed before. */
  | { state: 'wait'; waitMs: number; progressed: boolean; results: SyncRunResult[] }
  /** A provider is stopped (credentials, sharing): the rows stay until a person fixes it. */
  | { state: 'stopped'; results: SyncRunResult[] };

export async function pushRoster(deps: SyncDeps, request: PushRequest): Promise<PushStep> {
  const results: SyncRunResult[] = [];
  for (const withdrawal of await deps.store.sync.withdrawals()) {
    if (withdrawal.rosterId !== request.rosterId) continue;
    const result = await withdrawRoster(deps, withdrawal);
    if (result) results.push(result);
  }
  const pending = await deps.store.sync.pendingOf(request.rosterId);
  const entry = pending && (await queueEntry(deps, pending));
  const band = entry?.bands[request.band];
  if (!entry || !band) return stepOf(results, { state: 'done', results });

  const until = deps.runLimitMs === undefined ? undefined : deps.now().getTime() + deps.runLimitMs;
  const runs = new Map<string, SyncRunResult>();
  await pushBand(deps, entry, request.band, until, runs);
  results.push(...runs.values());
  const upToSeq = request.upToSeq ?? entry.pending.maxSeq;
  if (request.band + 1 < entry.bands.length) {
    const next = { rosterId: request.rosterId, band: request.band + 1, upToSeq };
    return stepOf(results, { state: 'next', next, results });
  }
  const waiting = stepOf(results, null);
  if (waiting) return waiting;
  if (!entry.complete) return { state: 'stopped', results };
  await deps.store.sync.clearOutbox(request.rosterId, upToSeq);
  return { state: 'done', results };
}

/**
 * A run with writes left and not stopped for good means: come back later, after its wait (0 when it stopped at the
 * run limit); otherwise `then`. Also what a nightly reconcile of one roster means for its queue message.
 */
export function stepOf<T extends PushStep | null>(results: SyncRunResult[], then: T): PushStep | T {
  const unfinished = results.filter((result) => result.pending > 0 && !result.blocked);
  if (unfinished.length === 0) return then;
  return {
    state: 'wait',
    waitMs: Math.max(...unfinished.map((result) => result.waitMs ?? 0)),
    progressed: results.some((result) => result.applied > 0),
    results,
  };
}
