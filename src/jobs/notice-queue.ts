/**
 * A holiday edit's notices on Cloudflare Queues (Workers). The edit sends one `holiday-jobs` message (O(1) in the
 * request); its consumer pages through the rosters of every pending job and sends one `holiday-rosters` message per
 * page, which consumers then turn into notice rows, in parallel invocations, with the queue's retries and its
 * dead-letter queue. A message delivered twice tells no roster twice (the job's markers); the cron sends
 * `holiday-jobs` again while a job is pending (a lost message).
 */
import {
  dispatchHolidayJob,
  type FanOutContext,
  tellRosters,
} from '../services/fan-out-holiday-notices.ts';
import { consumeEach, type DeliveredMessage } from './queue-batch.ts';

export type NoticeMessage =
  | { kind: 'holiday-jobs' }
  | { kind: 'holiday-rosters'; job: number; rosters: string[] };

/** The parts of a Queue producer binding used here. */
export interface NoticeQueue {
  send(body: NoticeMessage): Promise<unknown>;
}

function parseMessage(body: unknown): NoticeMessage | null {
  if (typeof body !== 'object' || body === null) return null;
  const { kind, job, rosters } = body as Record<string, unknown>;
  if (kind === 'holiday-jobs') return { kind };
  if (
    kind === 'holiday-rosters' &&
    Number.isSafeInteger(job) &&
    Array.isArray(rosters) &&
    rosters.every((id) => typeof id === 'string')
  )
    return { kind, job: job as number, rosters: rosters as string[] };
  return null;
}

/** Hands every pending job's rosters to the queue, a page a message; answers how many messages. */
export async function dispatchHolidayJobs(ctx: FanOutContext, queue: NoticeQueue): Promise<number> {
  let sent = 0;
  for (const job of await ctx.store.holidayNotices.pending(100))
    sent += await dispatchHolidayJob(ctx, job.id, (rosters) =>
      queue.send({ kind: 'holiday-rosters', job: job.id, rosters }),
    );
  return sent;
}

async function handle(ctx: FanOutContext, message: NoticeMessage, queue: NoticeQueue) {
  if (message.kind === 'holiday-jobs') return dispatchHolidayJobs(ctx, queue);
  const job = await ctx.store.holidayNotices.get(message.job);
  // A job forgotten (done a week ago) has told its rosters long since.
  return job ? tellRosters(ctx, job, message.rosters) : 0;
}

/** Handles a batch of the notice queue (see `consumeEach`). */
export function consumeNoticeMessages(
  ctx: FanOutContext,
  messages: readonly DeliveredMessage[],
  queue: NoticeQueue,
  log: (message: string) => void,
): Promise<void> {
  return consumeEach(
    'notice queue',
    messages,
    parseMessage,
    async (parsed) => {
      await handle(ctx, parsed, queue);
      return undefined;
    },
    log,
  );
}

/** The cron's catch-up: a job still pending (its message lost, or its dispatch cut short) is sent again. */
export async function catchUpHolidayJobs(ctx: FanOutContext, queue: NoticeQueue): Promise<boolean> {
  if ((await ctx.store.holidayNotices.pending(1)).length === 0) return false;
  await queue.send({ kind: 'holiday-jobs' });
  return true;
}
