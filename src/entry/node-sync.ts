/**
 * The calendar push on Node: providers from the configuration, the in-process outbox worker (kicked by every change,
 * and every minute for retries), and node-cron for the nightly full reconcile that repairs drift.
 */
import cron from 'node-cron';
import { ConfigError, type NodeConfig } from '../config.ts';
import { reconcileAll } from '../services/reconcile-rosters.ts';
import type { SyncDeps } from '../services/sync-deps.ts';
import { createSyncWorker, type SyncWorker } from '../jobs/sync-worker.ts';
import { syncFromConfig } from './sync-from-config.ts';
import type { Store } from '../storage/store.ts';

export interface NodeSync {
  deps: SyncDeps | undefined;
  worker: SyncWorker | undefined;
  stop(): void;
}

const RETRY_INTERVAL_MS = 60_000;
/** One drain works this long at most, then lets the next one start over nearest first (drain-outbox.ts). */
const RUN_LIMIT_MS = 60_000;

export function startNodeSync(
  config: NodeConfig,
  store: Store,
  now: () => Date,
  log: (message: string) => void,
): NodeSync {
  const deps = syncFromConfig(config, {
    store,
    now,
    fetch: globalThis.fetch,
    runLimitMs: RUN_LIMIT_MS,
  });
  if (!deps) return { deps: undefined, worker: undefined, stop() {} };
  if (!cron.validate(config.LICHTRUC_SYNC_CRON))
    throw new ConfigError([
      `LICHTRUC_SYNC_CRON: must be a cron expression such as "17 2 * * *" (got "${config.LICHTRUC_SYNC_CRON}")`,
    ]);

  const onError = (error: unknown) =>
    log(`calendar push failed: ${error instanceof Error ? error.message : String(error)}`);
  const worker = createSyncWorker(deps, { debounceMs: 500, onError });
  const retry = setInterval(() => worker.kick(), RETRY_INTERVAL_MS);
  retry.unref();
  const nightly = cron.schedule(config.LICHTRUC_SYNC_CRON, () =>
    reconcileAll(deps).then(() => undefined, onError),
  );
  worker.kick();
  log(
    `calendar push: ${Object.keys(deps.providers).join(', ')}; full reconcile at "${config.LICHTRUC_SYNC_CRON}"`,
  );
  return {
    deps,
    worker,
    stop() {
      clearInterval(retry);
      nightly.stop();
      worker.stop();
    },
  };
}
