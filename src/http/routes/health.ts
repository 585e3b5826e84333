/**
 * Liveness and readiness, both without a token. `/healthz` answers as soon as the process serves HTTP (restart it
 * when it does not). `/readyz` runs the named checks — the database can be written, plus the entry's own (Node:
 * "calendars", applied after the server listens) — and answers 503 with each check's reason until every one passes,
 * so a load balancer or an orchestrator sends traffic only to a replica that can do its work.
 */
import { Hono } from 'hono';
import type { AppDeps, HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';

export interface CheckResult {
  ok: boolean;
  /** What the check saw, in plain words ("applying calendars/: 1,200 of 5,000 files"). */
  detail?: string | undefined;
}

/** One named readiness check; entries add their own to `AppDeps.readiness`. */
export interface ReadinessCheck {
  name: string;
  check(): CheckResult | Promise<CheckResult>;
}

/** Checks every deployment runs. Reads can succeed on a full or read-only disk while every change fails. */
function builtInChecks(deps: AppDeps): ReadinessCheck[] {
  return [
    {
      name: 'database-writable',
      check: async () => {
        await deps.store.probeWrite();
        return { ok: true };
      },
    },
  ];
}

export const health = new Hono<HonoEnv>();

health.get(
  describe({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process serves HTTP',
    tag: 'Health',
    auth: false,
    responses: { 200: '{ status: "ok" }' },
  }).path,
  (c) => c.json({ status: 'ok' }),
);

health.get(
  describe({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: every named check passes (503 until then)',
    tag: 'Health',
    auth: false,
    responses: { 200: '{ status: "ready", checks }', 503: '{ status: "not-ready", checks }' },
  }).path,
  async (c) => {
    const deps = c.get('deps');
    const checks = await Promise.all(
      [...builtInChecks(deps), ...(deps.readiness ?? [])].map(async ({ name, check }) => {
        try {
          return { name, ...(await check()) };
        } catch (error) {
          return {
            name,
            ok: false,
            detail: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    const ready = checks.every((check) => check.ok);
    c.header('cache-control', 'no-store');
    return c.json({ status: ready ? 'ready' : 'not-ready', checks }, ready ? 200 : 503);
  },
);
