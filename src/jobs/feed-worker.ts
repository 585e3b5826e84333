/**
 * The in-process feed worker (Node): after a change marks feeds stale, it renders them in small batches, yielding to
 * the event loop between renders so requests keep their latency. GETs never wait for it: a GET of a stale feed
 * renders that feed itself (sharing a render already under way), so the worker only takes work off later GETs.
 */
import type { ServiceContext } from '../services/context.ts';
import { refreshStaleFeeds } from '../services/refresh-feeds.ts';

export interface FeedWorker {
  /** Feeds were marked stale: render them soon. */
  kick(): void;
  /** Resolves once every stale feed is rendered and nothing is scheduled (tests, benchmarks, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

const BATCH = 64;
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

export function createFeedWorker(
  ctx: ServiceContext,
  options: { onError(error: unknown): void; onProgress?(rendered: number): void },
): FeedWorker {
  let pass: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  // Until a batch comes back short; a failing scope ends the pass (logged) instead of spinning on it.
  const renderAll = async () => {
    let rendered = 0;
    for (;;) {
      again = false;
      // A render is one synchronous stretch of tens of milliseconds: let requests through after each.
      const done = await refreshStaleFeeds(ctx, BATCH, breathe);
      rendered += done.length;
      if (stopped || (done.length < BATCH && !again)) break;
    }
    if (rendered > 0) options.onProgress?.(rendered);
  };

  const worker: FeedWorker = {
    kick() {
      if (stopped) return;
      if (pass) {
        again = true;
        return;
      }
      pass = breathe()
        .then(renderAll)
        .catch(options.onError)
        .finally(() => {
          pass = null;
          // A kick that came after the last batch was read: go round once more.
          if (again) worker.kick();
        });
    },
    async idle() {
      while (pass) await pass;
    },
    stop() {
      stopped = true;
    },
  };
  return worker;
}
