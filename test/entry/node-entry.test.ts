/**
 * The newcomer's `npm start`: the Node entry run as a child process on 127.0.0.1 with a fresh database and no
 * configuration but a port. It prints an admin token and a feed link once, serves them, keeps them across a restart
 * without printing secrets again, and refuses bad configuration naming the variable.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lintIcs } from '../support/ics-lint.ts';
import {
  exitWithin,
  freePort,
  ROOT,
  type Spawned,
  spawnEntry,
  stop,
  stopAll,
  waitForOutput,
} from '../support/spawned-entry.ts';

const READY = /serving on [\s\S]*health: \S+\/healthz/;
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'lichtruc-entry-'));
});

afterEach(async () => {
  await stopAll();
});

afterAll(async () => {
  await stopAll();
  rmSync(directory, { recursive: true, force: true });
});

/** A request that cannot hang the test. */
const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, signal: AbortSignal.timeout(10_000) });

async function start(env: Record<string, string>): Promise<{ spawned: Spawned; output: string }> {
  const spawned = spawnEntry(env);
  const output = await waitForOutput(spawned, READY);
  return { spawned, output };
}

describe('npm start on a fresh database', () => {
  let port = 0;
  let db = '';
  let base = '';
  let adminToken = '';
  let feedUrl = '';

  beforeAll(async () => {
    port = await freePort();
    db = join(directory, 'fresh', 'lichtruc.db');
    base = `http://127.0.0.1:${port}`;
  });

  it('prints the admin token and the feed link once, and serves them', async () => {
    const { spawned, output } = await start({
      LICHTRUC_DB: db,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    expect(output).toContain(`lichtruc is serving on ${base} (database ${db})`);
    adminToken = /Admin token \(shown once, keep it\): (\S+)/.exec(output)?.[1] ?? '';
    expect(adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const links = [
      ...output.matchAll(/^\s+((?:https?|webcal):\/\/\S+\/feeds\/[A-Za-z0-9_-]{43}\.ics)$/gm),
    ].map((match) => match[1]!);
    expect(links).toHaveLength(2);
    feedUrl = links.find((link) => link.startsWith('http:'))!;
    expect(feedUrl).toMatch(new RegExp(`^${base}/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(links).toContain(feedUrl.replace(/^http:/, 'webcal:'));
    expect(output).toContain('so-vhttdl-bac-giang');
    expect(spawned.stderr()).toBe('');
    // The staff page of the same link is printed too, and opens.
    const staffPage = feedUrl.replace(/\/feeds\/([^/]+)\.ics$/, '/my/$1');
    expect(output).toContain(`staff page with subscribe buttons and a QR code: ${staffPage}`);
    const staff = await get(staffPage);
    expect(staff.status).toBe(200);
    expect(await staff.text()).toContain('Bà Nguyễn Mạnh Hà');

    const health = await get(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'database-writable', ok: true },
        { name: 'calendars', ok: true, detail: 'calendars/ applied: 1 changed, 0 unchanged' },
      ],
    });

    // fetch asks for gzip and unzips on its own: ask for identity to compare Content-Length with the bytes.
    const feed = await get(feedUrl, { 'accept-encoding': 'identity' });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('content-encoding')).toBeNull();
    const bytes = new Uint8Array(await feed.arrayBuffer());
    expect(feed.headers.get('content-length')).toBe(String(bytes.byteLength));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(lintIcs(bytes)).toEqual([]);
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain(
      '\r\nX-WR-CALNAME:Lịch trực Bộ phận Một cửa – Sở Văn hóa\\, Thể thao và Du lịch\r\n',
    );
    expect(unfolded).toContain('\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n');
    expect(unfolded).toMatch(
      /\r\nUID:so-vhttdl-bac-giang\/\d{4}-\d{2}-\d{2}\/(primary|backup)@lichtruc\r\n/,
    );
    expect(unfolded).toMatch(
      /\r\nSUMMARY:Trực Bộ phận Một cửa – Trực (chính|dự bị): (Bà Nguyễn Mạnh Hà|Ông Nguyễn Văn Luyện|Ông Nguyễn Văn Hanh)/,
    );
    const etag = feed.headers.get('etag')!;
    expect((await get(feedUrl, { 'if-none-match': etag })).status).toBe(304);
    const zipped = await get(feedUrl, { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.text()).toBe(text);

    const authorised = await get(`${base}/api/rosters`, { authorization: `Bearer ${adminToken}` });
    expect(authorised.status).toBe(200);
    expect(
      ((await authorised.json()) as { rosters: { id: string }[] }).rosters.map(
        (roster) => roster.id,
      ),
    ).toEqual(['so-vhttdl-bac-giang']);
    const wrong = await get(`${base}/api/rosters`, {
      authorization: `Bearer ${adminToken.slice(0, -1)}x`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect((await get(`${base}/api/rosters`)).status).toBe(401);

    // SIGTERM closes the server and exits cleanly.
    expect(await stop(spawned)).toBe(0);
  });

  it('on restart prints no secret, and the old token and feed link still work', async () => {
    expect(adminToken, 'the first start must have passed').not.toBe('');
    const { spawned, output } = await start({
      LICHTRUC_DB: db,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    expect(output).not.toContain('shown once');
    expect(output).not.toContain(adminToken);
    expect(output).not.toMatch(/\/feeds\/[A-Za-z0-9_-]{43}\.ics/);
    expect(output).toContain('Admin token: the one printed at first start');
    expect(output).toContain(`sign in to the admin pages: ${base}/admin/feeds`);
    expect(spawned.stderr()).toBe('');

    expect(
      (await get(`${base}/api/rosters`, { authorization: `Bearer ${adminToken}` })).status,
    ).toBe(200);
    expect(
      (
        await get(`${base}/api/rosters`, {
          authorization: 'Bearer not-the-token-at-all-0123456789',
        })
      ).status,
    ).toBe(401);
    const feed = await get(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('UID:so-vhttdl-bac-giang/');
    const feeds = await get(`${base}/api/feeds`, { authorization: `Bearer ${adminToken}` });
    expect(((await feeds.json()) as { feeds: unknown[] }).feeds).toHaveLength(1);

    expect(await stop(spawned)).toBe(0);
  });
});

describe('a broken file in calendars/', () => {
  it('serves the other rosters, names the file in the log, and parses nothing unchanged on restart', async () => {
    const calendars = join(directory, 'broken-calendars');
    cpSync(join(ROOT, 'calendars'), calendars, { recursive: true });
    const letter = readFileSync(join(calendars, 'so-vhttdl-bac-giang.yaml'), 'utf8');
    writeFileSync(
      join(calendars, 'so-noi-vu.yaml'),
      letter.replaceAll('so-vhttdl-bac-giang', 'so-noi-vu'),
    );
    // A billion laughs: nine levels of nine aliases.
    const bomb = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 9; level++)
      bomb.push(
        `l${level}: &l${level} [${Array(9)
          .fill(`*l${level - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(join(calendars, 'so-loi.yaml'), bomb.join('\n'));
    const env = {
      LICHTRUC_DB: join(directory, 'broken', 'lichtruc.db'),
      LICHTRUC_CALENDARS: calendars,
      LICHTRUC_ADMIN_TOKEN: 'an-admin-token-for-this-test-0123456789',
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
    };
    const base = `http://127.0.0.1:${env.PORT}`;
    const first = await start(env);
    expect(first.output).toContain('calendars/so-loi.yaml was not applied');
    expect(first.output).toContain(
      'so-loi.yaml:1:1 Excessive alias count indicates a resource exhaustion attack',
    );
    expect(first.output).toContain('roster so-noi-vu from calendars/so-noi-vu.yaml: created');
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()) as unknown).toMatchObject({
      checks: [
        { name: 'database-writable', ok: true },
        { name: 'calendars', ok: true, detail: expect.stringContaining('1 broken') },
      ],
    });
    const rosters = await get(`${base}/api/rosters`, {
      authorization: `Bearer ${env.LICHTRUC_ADMIN_TOKEN}`,
    });
    expect(
      ((await rosters.json()) as { rosters: { id: string }[] }).rosters.map((roster) => roster.id),
    ).toEqual(['so-noi-vu', 'so-vhttdl-bac-giang']);
    expect(await stop(first.spawned)).toBe(0);

    const second = await start(env);
    expect(second.output).toContain('6 files unchanged since the last start');
    expect(second.output).not.toContain(': created');
    expect(second.output).toContain('calendars/so-loi.yaml was not applied');
    expect(await stop(second.spawned)).toBe(0);
  });
});

describe('bad configuration', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['PORT=abc', { PORT: 'abc' }, 'PORT'],
    ['PORT=70000', { PORT: '70000' }, 'PORT'],
    ['LICHTRUC_PUBLIC_URL=ftp://x', { LICHTRUC_PUBLIC_URL: 'ftp://x' }, 'LICHTRUC_PUBLIC_URL'],
  ];

  it.each(cases)('%s: exits with 1 and names the variable', async (_name, env, variable) => {
    const spawned = spawnEntry({
      LICHTRUC_DB: join(directory, 'bad', 'lichtruc.db'),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      ...env,
    });
    expect(await exitWithin(spawned)).toBe(1);
    expect(spawned.stderr()).toMatch(
      new RegExp(`^lichtruc: invalid configuration:\\n\\s+${variable}: `),
    );
    expect(spawned.stderr()).toContain(Object.values(env)[0]!);
    expect(spawned.stdout()).not.toContain('serving on');
  });

  it('does not echo a rejected admin token', async () => {
    const secret = 'short-secret';
    const spawned = spawnEntry({
      LICHTRUC_DB: join(directory, 'bad', 'lichtruc.db'),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LICHTRUC_ADMIN_TOKEN: secret,
    });
    expect(await exitWithin(spawned)).toBe(1);
    expect(spawned.stderr()).toContain('LICHTRUC_ADMIN_TOKEN');
    expect(spawned.stderr()).not.toContain(secret);
  });
});
