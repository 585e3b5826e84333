/**
 * `/healthz` answers at once; `/readyz` runs the built-in write check and the entry's named checks, and answers 503
 * until every one passes.
 */
import { describe, expect, it } from 'vitest';
import { startTestService } from '../support/service.ts';

describe('GET /readyz', () => {
  it('answers 503 naming the failing check, then 200 once it passes, without a token', async () => {
    const service = await startTestService();
    let applied = false;
    service.appDeps.readiness = [
      { name: 'database', check: () => ({ ok: true }) },
      {
        name: 'calendars',
        check: () =>
          applied
            ? { ok: true, detail: 'calendars/ applied' }
            : { ok: false, detail: 'applying calendars/: 120 of 5000 changed files' },
      },
    ];
    const before = await service.request('GET', '/readyz', { token: null });
    expect(before.status).toBe(503);
    expect(before.headers.get('cache-control')).toBe('no-store');
    expect(await before.json()).toEqual({
      status: 'not-ready',
      checks: [
        { name: 'database-writable', ok: true },
        { name: 'database', ok: true },
        { name: 'calendars', ok: false, detail: 'applying calendars/: 120 of 5000 changed files' },
      ],
    });
    expect((await service.request('GET', '/healthz', { token: null })).status).toBe(200);

    applied = true;
    const after = await service.request('GET', '/readyz', { token: null });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ status: 'ready' });
  });

  it('counts a check that throws as failing, with its message', async () => {
    const service = await startTestService();
    service.appDeps.readiness = [
      {
        name: 'database',
        check: () => {
          throw new Error('disk I/O error');
        },
      },
    ];
    const answer = await service.request('GET', '/readyz', { token: null });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({
      status: 'not-ready',
      checks: [
        { name: 'database-writable', ok: true },
        { name: 'database', ok: false, detail: 'disk I/O error' },
      ],
    });
  });
});
