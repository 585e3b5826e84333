/**
 * Liveness and readiness. `/healthz` answers as soon as the process serves HTTP. `/readyz` runs the entry's named
 * checks (Node: "calendars", applied after the server listens) and answers 503 until every one passes, so a load
 * balancer or an orchestrator sends traffic only to a replica that is ready.
 */
import { Hono } from 'hono';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';

export interface CheckResult {
  ok: boolean;
  /** What the check saw, in plain words ("applying calendars/: 1,200 of 5,000 files"). */
  detail?: string | undefined;
}

/** One named readiness check; several entries or concerns add their own to `AppDeps.readiness`. */
export interface ReadinessCheck {
  name: string;
  check(): CheckResult | Promise<CheckResult>;
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
  }),
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
  }),
  async (c) => {
    const checks = await Promise.all(
      (c.get('deps').readiness ?? []).map(async ({ name, check }) => {
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
