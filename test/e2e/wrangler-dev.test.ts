/**
 * The Worker as `wrangler dev` runs it (workerd, local D1, offline): what a deployment would start. The workerd test
 * project loads the module through the vitest pool; this starts the real bundle, so a Worker that cannot start
 * (e.g. an export workerd refuses) fails here. It also pushes to the Google stand-in: the bundle replaces the official
 * client's google-auth-library with a stub (wrangler.toml's [alias]), which the workerd project does not, so this is
 * where the client runs as deployed.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoogleStandIn, startGoogleStandIn } from '../stand-ins/google-calendar.ts';

const ROOT = join(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const TOKEN = 'wrangler-dev-admin-token-0123456789';
const OFFLINE = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

const GOOGLE_ACCOUNT = 'lichtruc-dev@du-an.iam.gserviceaccount.com';
const CALENDAR = 'truc-dev@group.calendar.google.com';

let google: GoogleStandIn;
let worker: ChildProcess | undefined;
let state: string;
let base: string;
let log = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'lichtruc-wrangler-'));
  const env = { ...process.env, ...OFFLINE };
  execFileSync(
    process.execPath,
    [WRANGLER, 'd1', 'migrations', 'apply', 'lichtruc', '--local', '--persist-to', state],
    { cwd: ROOT, env, stdio: 'ignore' },
  );
  google = await startGoogleStandIn();
  const key = JSON.stringify(google.createServiceAccount(GOOGLE_ACCOUNT));
  google.createCalendar({ id: CALENDAR, writers: [GOOGLE_ACCOUNT] });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  worker = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      state,
      '--var',
      `LICHTRUC_ADMIN_TOKEN:${TOKEN}`,
      '--var',
      `LICHTRUC_PUBLIC_URL:${base}`,
      '--var',
      `GOOGLE_API_ROOT_URL:${google.rootUrl}`,
      '--var',
      `GOOGLE_SERVICE_ACCOUNT_KEY:${key}`,
      '--test-scheduled',
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  worker.stdout?.on('data', (chunk) => (log += chunk));
  worker.stderr?.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 60_000;
  while (!/Ready on/.test(log)) {
    if (Date.now() > deadline || worker.exitCode !== null)
      throw new Error(`wrangler dev did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 90_000);

afterAll(async () => {
  worker?.kill('SIGTERM');
  await google?.close();
  rmSync(state, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });

describe('the Worker under wrangler dev', () => {
  it('starts, applies the bundled roster, and serves a feed with its ETag and 304', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const rosters = (await (await api('/api/rosters')).json()) as { rosters: { id: string }[] };
    expect(rosters.rosters.map((roster) => roster.id)).toEqual(['so-vhttdl-bac-giang']);

    const created = await api('/api/feeds', {
      method: 'POST',
      body: JSON.stringify({ rosterId: 'so-vhttdl-bac-giang' }),
    });
    expect(created.status).toBe(201);
    const { url } = (await created.json()) as { url: string };
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    const again = await fetch(url, { headers: { 'if-none-match': feed.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('runs the Cron Trigger handler', async () => {
    const response = await fetch(`${base}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
    expect(response.status).toBe(200);
    expect(log).not.toMatch(/Uncaught|ERROR/);
  });
});

describe('the push from the Worker as bundled', () => {
  it('writes a roster to Google, and the nightly reconcile lists it back through the official client', async () => {
    const { definition } = (await (await api('/api/rosters/so-vhttdl-bac-giang')).json()) as {
      definition: Record<string, unknown>;
    };
    const created = await api('/api/rosters', {
      method: 'POST',
      body: JSON.stringify({
        ...definition,
        id: 'mot-cua-dev',
        name: 'Lịch trực Một cửa (dev)',
        publish: { google: { calendarId: CALENDAR } },
      }),
    });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 30_000;
    const pending = async () => {
      const status = (await (await api('/api/sync/status')).json()) as {
        rosters: { rosterId: string; pendingChanges: number }[];
      };
      return status.rosters.find((roster) => roster.rosterId === 'mot-cua-dev')?.pendingChanges;
    };
    while ((await pending()) !== 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const pushed = google.events(CALENDAR).length;
    expect(pushed).toBeGreaterThan(0);

    google.resetLog();
    const nightly = await fetch(`${base}/__scheduled?cron=${encodeURIComponent('17 19 * * *')}`);
    expect(nightly.status).toBe(200);
    while (!google.requests.some((request) => request.method === 'GET') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(google.requests.filter((request) => request.method === 'GET').length).toBeGreaterThan(0);
    expect(google.events(CALENDAR)).toHaveLength(pushed);
    expect(log).not.toMatch(/Uncaught|ERROR|google-auth-library/);
  });
});
