/**
 * The Worker's HTTP API in workerd, on D1: health check, the admin token, the bundled roster applied on first use,
 * and the schedule of the week of 30/04 (the same expectations as test/http/rosters.test.ts on Node).
 */
import { describe, expect, it } from 'vitest';
import { call, json, problemOf, ROSTER_ID } from './workerd/api.ts';

describe('the Worker in workerd', () => {
  it('answers the health check without the admin token', async () => {
    const response = await call('GET', '/healthz', { token: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is ready: D1 takes a write (GET /readyz, no token)', async () => {
    const response = await call('GET', '/readyz', { token: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: [{ name: 'database-writable', ok: true }],
    });
  });

  it('asks for the admin token on /api routes with a problem+json 401', async () => {
    for (const token of [null, 'not-the-admin-token-at-all-0000']) {
      const response = await call('GET', '/api/rosters', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="lichtruc"');
      expect(await problemOf(response)).toMatchObject({ status: 401, title: 'Chưa xác thực' });
    }
  });

  it('lists the bundled roster, applied to D1 on first use', async () => {
    const { rosters } = await json<{ rosters: { id: string; origin: string; members: number }[] }>(
      'GET',
      '/api/rosters',
      200,
    );
    expect(rosters).toEqual([
      expect.objectContaining({ id: ROSTER_ID, origin: 'file', members: 3 }),
    ]);
  });

  it('gives the closed days of 29/04–01/05/2024 and the làm bù Saturday 04/05/2024', async () => {
    const body = await json<{
      slots: Record<string, unknown>[];
      closedDays: { date: string; name: string }[];
    }>('GET', `/api/rosters/${ROSTER_ID}/schedule?from=2024-04-29&to=2024-05-04`, 200);
    expect(body.closedDays.map((day) => [day.date, day.name])).toEqual([
      ['2024-04-29', 'Nghỉ hoán đổi (làm bù Thứ Bảy 04/05/2024)'],
      ['2024-04-30', 'Ngày Chiến thắng'],
      ['2024-05-01', 'Ngày Quốc tế Lao động'],
    ]);
    expect(body.slots.map((slot) => [slot.date, slot.memberId, slot.kind])).toEqual([
      ['2024-05-02', 'nguyen-van-hanh', 'regular'],
      ['2024-05-03', 'nguyen-manh-ha', 'regular'],
      ['2024-05-04', 'nguyen-manh-ha', 'makeup'],
    ]);
    expect(body.slots.at(-1)).toMatchObject({
      date: '2024-05-04',
      position: 'primary',
      memberId: 'nguyen-manh-ha',
      memberName: 'Bà Nguyễn Mạnh Hà',
      kind: 'makeup',
      coversFor: null,
      start: '2024-05-04T07:00:00+07:00',
      end: '2024-05-04T17:00:00+07:00',
    });
  });
});
