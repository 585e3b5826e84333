/**
 * Feed rendering on Cloudflare Queues (Workers). A change sends one `refresh` message (O(1) in the request); its
 * consumer pages through the stale feeds and fans them out as one `render` message each, which consumers then render
 * in batches, in parallel invocations, with the queue's retries and its dead-letter queue for a feed that keeps
 * failing. GETs do not wait for any of it: a stale feed renders on its GET anyway.
 */
import type { ServiceContext } from '../services/context.ts';
import { refreshScope } from '../services/refresh-feeds.ts';
import { consumeEach, type DeliveredMessage } from './queue-batch.ts';

export type FeedMessage = { kind: 'refresh' } | { kind: 'render'; scope: string };

/** The parts of a Queue producer binding used here. */
export interface FeedQueue {
  sendBatch(messages: Iterable<{ body: FeedMessage }>): Promise<unknown>;
}

/** A Queues `sendBatch` takes at most 100 messages. */
const SEND_LIMIT = 100;
const PAGE = 1000;

function parseMessage(body: unknown): FeedMessage | null {
  if (typeof body !== 'object' || body === null) return null;
  const { kind, scope } = body as Record<string, unknown>;
  if (kind === 'refresh') return { kind };
  if (kind === 'render' && typeof scope === 'string' && /^(roster|member):\S+$/.test(scope))
    return { kind, scope };
  return null;
}

/** Sends a `render` message for every stale feed; answers how many. */
export async function fanOutStaleFeeds(ctx: ServiceContext, queue: FeedQueue): Promise<number> {
  let sent = 0;
  let after = '';
  for (;;) {
    const scopes = await ctx.store.feeds.staleScopes(PAGE, after);
    for (let start = 0; start < scopes.length; start += SEND_LIMIT) {
      const chunk = scopes.slice(start, start + SEND_LIMIT);
      await queue.sendBatch(chunk.map((scope) => ({ body: { kind: 'render', scope } })));
    }
    sent += scopes.length;
    if (scopes.length < PAGE) return sent;
    after = scopes.at(-1)!;
  }
}

/** Handles a batch of the feed queue (see `consumeEach`). */
export function consumeFeedMessages(
  ctx: ServiceContext,
  messages: readonly DeliveredMessage[],
  queue: FeedQueue,
  log: (message: string) => void,
): Promise<void> {
  return consumeEach(
    'feed queue',
    messages,
    parseMessage,
    async (parsed) => {
      if (parsed.kind === 'refresh') await fanOutStaleFeeds(ctx, queue);
      else await refreshScope(ctx, parsed.scope);
      return undefined;
    },
    log,
  );
}

/** The dead-letter queue's consumer: each message that kept failing is recorded for the admins, then acknowledged. */
export async function recordDeadFeedMessages(
  ctx: ServiceContext,
  messages: readonly DeliveredMessage[],
): Promise<void> {
  for (const message of messages) {
    const parsed = parseMessage(message.body);
    await ctx.store.feeds.recordDeadLetter(
      parsed?.kind === 'render' ? parsed.scope : null,
      JSON.stringify(message.body),
      message.attempts,
      ctx.now().toISOString(),
    );
    message.ack();
  }
}
