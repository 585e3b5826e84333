/**
 * The in-process outbox worker (Node): a change kicks it, it waits a moment so a burst of changes goes out in one
 * drain, and runs one drain at a time. Only web-standard timers, so a Worker could use it within waitUntil too.
 */
import { drainOutbox } from '../services/drain-outbox.ts';
import type { SyncDeps } from '../services/sync-deps.ts';

export interface SyncWorker {
  /** A change landed: drain soon. */
  kick(): void;
  /** Resolves once nothing is scheduled or running (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

export function createSyncWorker(
  deps: SyncDeps,
  options: { debounceMs: number; onError(error: unknown): void },
): SyncWorker {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const run = () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = drainOutbox(deps)
      .then(async (results) => {
        // A drain cut short by its run limit while making progress: the next one starts at once.
        if (results.some((result) => result.applied > 0))
          again ||= (await deps.store.sync.pendingRosters()).length > 0;
      }, options.onError)
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          worker.kick();
        }
      });
  };

  const worker: SyncWorker = {
    kick() {
      if (stopped || timer) return;
      timer = setTimeout(run, options.debounceMs);
    },
    async idle() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((resolve) => setTimeout(resolve, options.debounceMs));
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return worker;
}
