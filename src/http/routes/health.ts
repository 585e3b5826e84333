/**
 * Liveness and readiness, both without a token. `/healthz` says the process answers (restart it when it does not);
 * `/readyz` says it can do its work: every named check passes, else 503 with each check's reason, so a load balancer
 * sends traffic elsewhere until it is fixed. A check is added to READINESS_CHECKS by name.
 */
import { Hono } from 'hono';
import type { AppDeps, HonoEnv } from '../env.ts';

export interface ReadinessCheck {
  name: string;
  /** Resolves when ready; throws (or rejects) with the reason when not. */
  run(deps: AppDeps): Promise<void>;
}

export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  // Reads can succeed on a full or read-only disk while every change fails: try a real write.
  { name: 'database-writable', run: (deps) => deps.store.probeWrite() },
];

export const health = new Hono<HonoEnv>();

health.get('/healthz', (c) => c.json({ status: 'ok' }));

health.get('/readyz', async (c) => {
  const deps = c.get('deps');
  const results = await Promise.all(
    READINESS_CHECKS.map(async ({ name, run }) => {
      try {
        await run(deps);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  const ready = results.every(([, outcome]) => outcome === 'ok');
  c.header('cache-control', 'no-store');
  return c.json(
    { status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) },
    ready ? 200 : 503,
  );
});
