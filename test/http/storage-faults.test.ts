/**
 * A database that cannot be written: a full disk (SQLite's max_page_count reached: SQLITE_FULL) and a read-only one
 * (query_only: SQLITE_READONLY), both real SQLite refusals. A change answers 503 saying why, the log says why (not
 * "cannot rollback – no transaction is active"), /readyz answers 503 until writes work again, /healthz stays 200.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import { problemOf, startTestService, type TestService } from '../support/service.ts';

const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
const ABSENCE = {
  memberId: 'nguyen-van-luyen',
  from: '2024-05-07',
  to: '2024-05-07',
  reason: 'sick',
};
let service: TestService;
let logged: unknown[];

beforeEach(async () => {
  service = await startTestService();
  logged = [];
  service.appDeps.logError = (error) => logged.push(error);
});

const pragma = (sql: string) => service.ctx.store.db.exec(sql);

/** No free page left and no room to grow (VACUUM packs the pages): a change of a few KiB needs a page it cannot get. */
async function fillTheDisk() {
  await pragma('VACUUM');
  const row = await service.ctx.store.db
    .prepare('PRAGMA page_count')
    .first<{ page_count: number }>();
  await pragma(`PRAGMA max_page_count = ${row!.page_count}`);
}

const faults = [
  {
    name: 'a full disk',
    start: fillTheDisk,
    stop: () => pragma('PRAGMA max_page_count = 1073741823'),
    why: 'the database cannot be written: the disk is full (SQLite: database or disk is full)',
  },
  {
    name: 'a read-only database',
    start: () => pragma('PRAGMA query_only = 1'),
    stop: () => pragma('PRAGMA query_only = 0'),
    why: 'the database cannot be written: the database file is read-only (SQLite: attempt to write a readonly database)',
  },
];

const { page, signIn } = pagesOf(() => service);

describe.each(faults)('$name', ({ start, stop, why }) => {
  it('an admin page answers 503 saying the database cannot be written, and why', async () => {
    const { cookie, csrf } = await signIn();
    await start();
    let answer: { response: Response; html: string } | undefined;
    for (let n = 1; n <= 40 && answer?.response.status !== 503; n++) {
      answer = await page('POST', '/admin/feeds', {
        cookie,
        form: { csrf, rosterId: 'so-vhttdl-bac-giang', label: `liên kết ${n} ${'x'.repeat(400)}` },
      });
    }
    expect(answer!.response.status).toBe(503);
    expect(answer!.html).toContain('Cơ sở dữ liệu không ghi được nên thay đổi chưa được lưu');
    expect(answer!.html).toContain(why);
    await stop();
  });

  it('a change answers 503 saying why, the log says the same, and nothing of it is stored', async () => {
    await start();
    // The disk fills as absences come in (each day a new one): the first that needs room it cannot get is refused.
    let stored = 0;
    let refused: Response | undefined;
    for (let day = 1; day <= 28 && !refused; day++) {
      const date = `2024-06-${String(day).padStart(2, '0')}`;
      const response = await service.request('POST', `${ROSTER}/absences`, {
        body: { ...ABSENCE, from: date, to: date },
      });
      if (response.status === 201) stored++;
      else refused = response;
    }
    expect(refused?.status).toBe(503);
    expect(await problemOf(refused!)).toMatchObject({ status: 503, detail: why });
    expect(logged.map((error) => (error as Error).message)).toEqual([why]);
    await stop();
    const { body } = await service.json<{ absences: unknown[] }>('GET', `${ROSTER}/absences`, 200);
    expect(body.absences).toHaveLength(stored);
  });

  it('/readyz answers 503 while writes fail and 200 once they work again; /healthz stays 200', async () => {
    expect((await service.request('GET', '/readyz', { token: null })).status).toBe(200);
    await start();
    const notReady = await service.request('GET', '/readyz', { token: null });
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'not-ready',
      checks: [{ name: 'database-writable', ok: false, detail: why }],
    });
    expect((await service.request('GET', '/healthz', { token: null })).status).toBe(200);
    await stop();
    const ready = await service.request('GET', '/readyz', { token: null });
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: [{ name: 'database-writable', ok: true }],
    });
    await service.json('POST', `${ROSTER}/absences`, 201, ABSENCE);
  });
});
