/**
 * The notice worker (Node in-process; a Worker runs `runNotices` from waitUntil and its Cron): a change kicks it, a
 * tick catches what waits for the coalescing window, quiet hours or a retry. On Node a run first tells the rosters of
 * pending holiday edits, a budget at a time (on Workers the notice queue does that). One run at a time; a kick during
 * a run makes one more run after it.
 */
import { deliverDueNotices, type DeliveryCounts } from '../services/deliver-notices.ts';
import { fanOutHolidayNotices } from '../services/fan-out-holiday-notices.ts';
import type { NoticeDeps } from '../services/notice-deps.ts';
import { planPendingNotices } from '../services/plan-notices.ts';
import { planRequestNotices } from '../services/plan-request-notices.ts';
import { planScheduledNotices } from '../services/plan-scheduled-notices.ts';

export interface NoticeRun {
  /**
   * Rosters of pending holiday edits to tell in this run before planning (Node; default 500); 0 where the notice
   * queue does it (Workers).
   */
  holidayRosters?: number;
  /** Awaited after each roster told (the Node worker lets requests through there). */
  pause?: () => Promise<unknown>;
  /** Called when rosters of holiday edits are left for another run. */
  rostersLeft?: () => void;
}

export async function runNotices(
  deps: NoticeDeps,
  run: NoticeRun = {},
): Promise<DeliveryCounts & { planned: number }> {
  const budget = run.holidayRosters ?? 500;
  if (budget > 0 && (await fanOutHolidayNotices(deps, budget, run.pause)).more) run.rostersLeft?.();
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

// Telling a roster is a synchronous stretch (two expansions): let requests through after each.
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

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
    // A holiday edit's rosters are told a budget at a time: go on with the rest at once.
    const rostersLeft = () => {
      again = true;
    };
    running = runNotices(deps, { pause: breathe, rostersLeft })
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
