/**
 * The real Node entry (`src/entry/node.ts`) as a running service for end-to-end tests: a child process on 127.0.0.1
 * and a free port, with its own temporary database and a fixed admin token. Built on spawned-entry.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnEntry, stop, waitForOutput } from './spawned-entry.ts';

/** The admin token every running service is started with (LICHTRUC_ADMIN_TOKEN needs at least 24 characters). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

/** The start-up output is complete once the last line (the docs and health links) is printed. */
const READY = /serving on [\s\S]*health: \S+\/healthz/;

export interface RunningService {
  /** e.g. http://127.0.0.1:43117 (no trailing slash). */
  baseUrl: string;
  adminToken: string;
  /** The http(s) feed link printed at first start for the sample roster in calendars/. */
  feedUrl: string;
  /** Everything the process printed on stdout so far. */
  output(): string;
  /** Everything the process printed on stderr so far. */
  errors(): string;
  /** fetch(baseUrl + path) with `Authorization: Bearer <admin token>` and a 10 s timeout. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** SIGTERM, then SIGKILL after a grace period; removes the temporary database. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the entry (LICHTRUC_*, …); overrides the defaults set here. */
  env?: Record<string, string>;
  /** How long to wait for the "serving on" output; the process is killed when it passes. */
  startTimeoutMs?: number;
}

export async function startService(options: StartOptions = {}): Promise<RunningService> {
  const directory = mkdtempSync(join(tmpdir(), 'lichtruc-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const spawned = spawnEntry({
    HOST: '127.0.0.1',
    PORT: String(port),
    LICHTRUC_DB: join(directory, 'lichtruc.db'),
    LICHTRUC_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    ...options.env,
  });
  let stopped: Promise<void> | undefined;
  const stopService = (): Promise<void> => {
    stopped ??= stop(spawned).then(() => rmSync(directory, { recursive: true, force: true }));
    return stopped;
  };

  let output: string;
  try {
    output = await waitForOutput(spawned, READY, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stopService();
    throw error;
  }
  const feedUrl = /^\s+(https?:\/\/\S+\/feeds\/\S+\.ics)$/m.exec(output)?.[1];
  if (!feedUrl) {
    await stopService();
    throw new Error(
      `the service printed no feed link\n--- stdout\n${output}\n--- stderr\n${spawned.stderr()}`,
    );
  }
  const adminToken = options.env?.LICHTRUC_ADMIN_TOKEN ?? E2E_ADMIN_TOKEN;

  return {
    baseUrl,
    adminToken,
    feedUrl,
    output: spawned.stdout,
    errors: spawned.stderr,
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${adminToken}`);
      return fetch(baseUrl + path, { signal: AbortSignal.timeout(10_000), ...init, headers });
    },
    stop: stopService,
  };
}

/** Creates a member's feed link over the API and answers the path of its staff page, `/my/{token}`. */
export async function memberStaffPath(
  service: RunningService,
  rosterId: string,
  memberId: string,
): Promise<string> {
  const created = await service.api('/api/feeds', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rosterId, memberId }),
  });
  const { url } = (await created.json()) as { url: string };
  return `/my/${/\/feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)![1]}`;
}
