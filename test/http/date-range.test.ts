/**
 * Dates outside the supported years (1976–2199, where holidays can be worked out) are refused where they come in:
 * 422 naming the range on the API, a message on the admin pages, and nothing stored. They used to reach the
 * holiday estimate and answer 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import { problemOf, startTestService, type TestService } from '../support/service.ts';

const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
const RANGE = 'expected a date from 1976-01-01 to 2199-12-31';
let service: TestService;
const { page, signIn } = pagesOf(() => service);

beforeAll(async () => {
  service = await startTestService();
});

async function stored() {
  const parts = ['/absences', '/overrides', '/swaps'].map((part) => `${ROSTER}${part}`);
  return Promise.all(
    [...parts, '/api/holidays/2024', '/api/audit'].map(
      async (path) => (await service.json('GET', path, 200)).body,
    ),
  );
}

describe('the API refuses dates outside 1976–2199 with a 422 naming the range', () => {
  const cases: [string, string, string, unknown, string][] = [
    [
      'an absence',
      'POST',
      `${ROSTER}/absences`,
      { memberId: 'nguyen-manh-ha', from: '9999-01-01', to: '9999-01-02', reason: 'leave' },
      'from',
    ],
    [
      'an override',
      'POST',
      `${ROSTER}/overrides`,
      { date: '1975-12-31', memberId: 'nguyen-van-hanh' },
      'date',
    ],
    [
      'a swap',
      'POST',
      `${ROSTER}/swaps`,
      { first: { date: '2024-05-07' }, second: { date: '2200-01-01' } },
      'second.date',
    ],
    [
      'a schedule range',
      'GET',
      `${ROSTER}/schedule?from=9999-01-01&to=9999-01-02`,
      undefined,
      'from',
    ],
    ['a report range', 'GET', `${ROSTER}/report?from=2024-01-01&to=2200-01-01`, undefined, 'to'],
    ['a holiday day', 'DELETE', '/api/holidays/days/0001-01-01', undefined, 'date'],
    [
      'a holiday entry',
      'PUT',
      '/api/holidays/days/9999-09-02',
      { entry: { date: '9999-09-02', kind: 'holiday', name: 'x', status: 'official' } },
      'date',
    ],
  ];

  it.each(cases)('%s', async (_name, method, path, body, field) => {
    const before = await stored();
    const response = await service.request(method, path, body === undefined ? {} : { body });
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.errors).toContainEqual({ field, message: RANGE });
    expect(await stored()).toEqual(before);
  });

  it('a month close', async () => {
    const response = await service.request('POST', `${ROSTER}/months/2200-01/close`);
    expect(response.status).toBe(422);
    expect((await problemOf(response)).errors).toContainEqual({
      field: 'month',
      message: 'expected a month within a date from 1976-01-01 to 2199-12-31',
    });
    expect(
      (await service.json<{ months: unknown[] }>('GET', `${ROSTER}/months`, 200)).body.months,
    ).not.toContainEqual(expect.objectContaining({ month: '2200-01' }));
  });

  it('still answers for the first and last supported days', async () => {
    const first = await service.json<{ slots: unknown[] }>(
      'GET',
      `${ROSTER}/schedule?from=1976-01-01&to=1976-01-31`,
      200,
    );
    const last = await service.json<{ slots: { date: string }[] }>(
      'GET',
      `${ROSTER}/schedule?from=2199-12-28&to=2199-12-31`,
      200,
    );
    // The roster starts in 2024 and continues after its last period: the last weekdays (Monday 30/12, Tuesday 31/12)
    // are staffed, the weekend before them is not.
    expect(first.body.slots).toEqual([]);
    expect(last.body.slots.map((slot) => slot.date)).toEqual(['2199-12-30', '2199-12-31']);
  });
});

describe('the admin pages say which dates they can show', () => {
  it.each([
    ['a month page', '/admin/rosters/so-vhttdl-bac-giang?month=9999-01'],
    ['a day page', '/admin/rosters/so-vhttdl-bac-giang/days/1900-05-06'],
  ])('%s outside the range', async (_name, path) => {
    const { cookie } = await signIn();
    const { response, html } = await page('GET', path, { cookie });
    expect(response.status).toBe(422);
    expect(html).toContain(
      '<p class="error" role="alert">Chỉ xem được lịch từ 01/01/1976 đến 31/12/2199.</p>',
    );
  });

  it('an override saved from a day page outside the range', async () => {
    const { cookie, csrf } = await signIn();
    const before = await stored();
    const { response, html } = await page(
      'POST',
      '/admin/rosters/so-vhttdl-bac-giang/days/2200-01-05/confirm',
      {
        cookie,
        form: { csrf, kind: 'override', memberId: 'nguyen-van-hanh' },
        headers: { origin: 'https://lichtruc.test' },
      },
    );
    expect(response.status).toBe(422);
    expect(html).toContain('31/12/2199');
    expect(await stored()).toEqual(before);
  });
});
