/**
 * The notice worker (Node in-process; a Worker runs `runNotices` from waitUntil and its Cron): a change kicks it, a
 * tick catches what waits for the coalescing window, quiet hours or a retry. One run at a time; a kick during a run
 * makes one more run after it.
 */
import { deliverDueNotices, type DeliveryCounts } from '../services/deliver-notices.ts';
import type { NoticeDeps } from '../services/notice-deps.ts';
import { planPendingNotices } from '../services/plan-notices.ts';
import { planRequestNotices } from '../services/plan-request-notices.ts';
import { planScheduledNotices } from '../services/plan-scheduled-notices.ts';

export async function runNotices(deps: NoticeDeps): Promise<DeliveryCounts & { planned: number }> {
  const { deliveries } = await planPendingNotices(deps);
  const scheduled = await planScheduledNotices(deps);
  const requests = await planRequestNotices(deps);
  const planned = deliveries + scheduled.deliveries + requests.deliveries;
  return { planned, ...(await deliverDueNotices(deps)) };
}

export interface NoticeWorker {
  kick(): void;
  /** Resolves once no run is going on (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

export function createNoticeWorker(
  deps: NoticeDeps,
  options: { tickMs: number; onError(error: unknown): void },
): NoticeWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runNotices(deps)
      .then(() => undefined, options.onError)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const tick = setInterval(run, options.tickMs);
  (tick as { unref?: () => void }).unref?.();
  return {
    kick: run,
    async idle() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      clearInterval(tick);
    },
  };
}
