/**
 * The calendar push on Cloudflare Queues (Workers). A change sends one `push` message for its roster (a holiday
 * edit, one `fan-out` message) from the request; the consumer pushes one date band of that roster within the write
 * budget (services/push-roster.ts) and sends the next band as a new message, so every roster's next 30 days go
 * before anyone's later days. Nothing sleeps: when the budget is spent or a provider asks to wait, the message comes
 * back after that delay. A wait after progress, or for the budget alone, is not a failure: the message is
 * acknowledged and sent again with the delay, so a first national push of many hours never runs out of retries. A
 * provider refusing without any progress (503, 429) is: `message.retry({ delaySeconds })`, and after the consumer's
 * `max_retries` the message goes to the dead-letter queue, whose consumer records it for the admins. The cron sends
 * a `fan-out` for rosters with queued changes that no push touched lately (a lost or dead message), and the nightly
 * cron a `reconcile-all`, fanned out as one `reconcile` (full resync, listing the calendars) per roster.
 */
import type { PushRequest, PushStep } from '../services/push-roster.ts';
import { pushRoster, stepOf } from '../services/push-roster.ts';
import { reconcileRoster } from '../services/reconcile-rosters.ts';
import type { ServiceContext } from '../services/context.ts';
import type { SyncDeps } from '../services/sync-deps.ts';
import { consumeEach, type DeliveredMessage } from './queue-batch.ts';

export type PushMessage =
  | ({ kind: 'push' } & PushRequest)
  /** `idleOnly`: skip rosters a push touched in the last CATCH_UP_QUIET_MS (the cron's catch-up). */
  | { kind: 'fan-out'; idleOnly: boolean }
  /** The nightly full reconcile (drift repair) of one roster, and its fan-out to every roster. */
  | { kind: 'reconcile'; rosterId: string }
  | { kind: 'reconcile-all' };

/** The parts of a Queue producer binding used here. */
export interface PushQueue {
  send(body: PushMessage, options?: { delaySeconds?: number }): Promise<unknown>;
  sendBatch(messages: Iterable<{ body: PushMessage }>): Promise<unknown>;
}

/** A delivered message of the push queue (its retry may carry a delay). */
export type PushDelivery = DeliveredMessage;

/** A Queues `sendBatch` takes at most 100 messages. */
const SEND_LIMIT = 100;
/** A longer wait (a Retry-After of hours) comes back after this and asks again; below the catch-up's quiet time. */
const MAX_DELAY_SECONDS = 600;
/** A roster with queued changes and no push started for this long has lost its message. */
export const CATCH_UP_QUIET_MS = 15 * 60_000;

export function parsePushMessage(body: unknown): PushMessage | null {
  if (typeof body !== 'object' || body === null) return null;
  const { kind, rosterId, band, upToSeq, idleOnly } = body as Record<string, unknown>;
  if (kind === 'fan-out') return { kind, idleOnly: idleOnly === true };
  if (kind === 'reconcile-all') return { kind };
  if (typeof rosterId !== 'string' || rosterId === '') return null;
  if (kind === 'reconcile') return { kind, rosterId };
  if (kind !== 'push') return null;
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (band !== undefined && !count(band)) return null;
  if (upToSeq !== undefined && !count(upToSeq)) return null;
  return {
    kind,
    rosterId,
    band: (band as number | undefined) ?? 0,
    ...(upToSeq === undefined ? {} : { upToSeq: upToSeq as number }),
  };
}

/** Sends a `push` message for every roster with queued changes or a withdrawal; answers how many. */
export async function fanOutPushes(
  deps: SyncDeps,
  queue: PushQueue,
  idleOnly: boolean,
): Promise<number> {
  const rosters = new Set([
    ...(await deps.store.sync.pendingRosters()).map((pending) => pending.rosterId),
    ...(await deps.store.sync.withdrawals()).map((withdrawal) => withdrawal.rosterId),
  ]);
  if (idleOnly) {
    const since = new Date(deps.now().getTime() - CATCH_UP_QUIET_MS).toISOString();
    for (const state of await deps.store.sync.allStates())
      if ((state.lastStartedAt ?? '') > since) rosters.delete(state.rosterId);
  }
  await sendAll(queue, [...rosters], (rosterId) => ({ kind: 'push', rosterId, band: 0 }));
  return rosters.size;
}

async function sendAll(queue: PushQueue, ids: string[], body: (id: string) => PushMessage) {
  for (let start = 0; start < ids.length; start += SEND_LIMIT) {
    const chunk = ids.slice(start, start + SEND_LIMIT);
    await queue.sendBatch(chunk.map((id) => ({ body: body(id) })));
  }
}

/** One message per message kind; a push or a reconcile ends in a step (settled here), the fan-outs are acknowledged. */
async function handle(
  deps: SyncDeps,
  message: PushDelivery,
  parsed: PushMessage,
  queue: PushQueue,
  log: (message: string) => void,
): Promise<'settled' | undefined> {
  if (parsed.kind === 'push') {
    await settle(message, parsed, await pushRoster(deps, parsed), queue, log);
    return 'settled';
  }
  if (parsed.kind === 'reconcile') {
    const results = await reconcileRoster(deps, parsed.rosterId);
    await settle(message, parsed, stepOf(results, { state: 'done', results }), queue, log);
    return 'settled';
  }
  if (parsed.kind === 'fan-out') await fanOutPushes(deps, queue, parsed.idleOnly);
  else {
    const ids = (await deps.store.listRosters()).map((stored) => stored.id);
    await sendAll(queue, ids, (rosterId) => ({ kind: 'reconcile', rosterId }));
  }
  return undefined;
}

/** Handles a batch of the push queue, one message after another (one consumer at a time: see wrangler.toml). */
export function consumePushMessages(
  deps: SyncDeps,
  messages: readonly PushDelivery[],
  queue: PushQueue,
  log: (message: string) => void,
): Promise<void> {
  const handleOne = (parsed: PushMessage, message: PushDelivery) =>
    handle(deps, message, parsed, queue, log);
  return consumeEach('push queue', messages, parsePushMessage, handleOne, log);
}

/** What a step means for its message: acknowledged, followed by the next band, or brought back after a wait. */
async function settle(
  message: PushDelivery,
  request: Extract<PushMessage, { rosterId: string }>,
  step: PushStep,
  queue: PushQueue,
  log: (message: string) => void,
): Promise<void> {
  if (step.state === 'next') await queue.send({ kind: 'push', ...step.next });
  if (step.state !== 'wait') return message.ack();
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.ceil(step.waitMs / 1000));
  const refused = step.results.find((result) => result.pending > 0 && result.error !== null);
  if (!refused || step.progressed) {
    await queue.send(request, { delaySeconds });
    return message.ack();
  }
  log(
    `push queue: ${request.rosterId} (${refused.provider}) waits ${delaySeconds} s (attempt ${message.attempts}): ${refused.error}`,
  );
  message.retry({ delaySeconds });
}

/** The dead-letter queue's consumer: each push that kept failing is recorded for the admins, then acknowledged. */
export async function recordDeadPushMessages(
  ctx: ServiceContext,
  messages: readonly PushDelivery[],
): Promise<void> {
  for (const message of messages) {
    const parsed = parsePushMessage(message.body);
    await ctx.store.feeds.recordDeadLetter(
      parsed && 'rosterId' in parsed ? `${parsed.kind}:${parsed.rosterId}` : 'push',
      JSON.stringify(message.body),
      message.attempts,
      ctx.now().toISOString(),
    );
    message.ack();
  }
}
