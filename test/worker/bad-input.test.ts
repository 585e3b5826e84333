/**
 * Bad input to the Worker in workerd, as on Node (test/http/absences.test.ts): each refused with a problem+json that
 * names what is wrong, and nothing stored in D1.
 */
import { describe, expect, it } from 'vitest';
import { type CallOptions, call, json, problemOf, ROSTER_ID } from './workerd/api.ts';

const ROSTER = `/api/rosters/${ROSTER_ID}`;
const valid = { memberId: 'nguyen-manh-ha', from: '2024-05-06', to: '2024-05-08', reason: 'leave' };

/** Everything an admin could have entered, to show a refused request changed none of it. */
async function storedState() {
  const paths = [
    `${ROSTER}/absences`,
    `${ROSTER}/overrides`,
    `${ROSTER}/swaps`,
    '/api/audit',
    ROSTER,
  ];
  return Promise.all(paths.map((path) => json<unknown>('GET', path, 200)));
}

describe('POST /api/rosters/{id}/absences in workerd refuses bad input', () => {
  const cases: [string, CallOptions, number, string | RegExp][] = [
    [
      'malformed JSON',
      { body: '{"memberId": "nguyen-manh-ha",' },
      422,
      /the body is not valid JSON/,
    ],
    ['an impossible date', { body: { ...valid, from: '2024-02-30' } }, 422, 'from'],
    ['to before from', { body: { ...valid, from: '2024-05-08', to: '2024-05-06' } }, 422, 'to'],
    ['an unknown member', { body: { ...valid, memberId: 'nguyen-van-khong' } }, 422, 'memberId'],
    ['an unknown reason', { body: { ...valid, reason: 'holiday' } }, 422, 'reason'],
    ['control characters in the note', { body: { ...valid, note: 'a\u0000b' } }, 422, 'note'],
    [
      'a body that is not JSON',
      { body: 'memberId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      /application\/json/,
    ],
    ['an oversized body', { body: { ...valid, note: 'x'.repeat(300_000) } }, 413, /larger than/],
  ];

  it.each(cases)(
    'refuses %s with a problem+json and stores nothing',
    async (_name, request, status, expected) => {
      const before = await storedState();
      const response = await call('POST', `${ROSTER}/absences`, request);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      const problem = await problemOf(response);
      expect(problem).toMatchObject({
        status,
        type: expect.stringMatching(/^urn:lichtruc:problem:/),
        title: expect.any(String),
        requestId: expect.any(String),
      });
      if (typeof expected === 'string')
        expect(problem.errors?.map((error) => error.field)).toContain(expected);
      else expect(JSON.stringify(problem)).toMatch(expected);
      expect(await storedState()).toEqual(before);
    },
  );

  it('still takes a valid absence afterwards (the refusals left the roster usable)', async () => {
    await json('POST', `${ROSTER}/absences`, 201, valid);
    const { absences } = await json<{ absences: { memberId: string }[] }>(
      'GET',
      `${ROSTER}/absences`,
      200,
    );
    expect(absences.map((absence) => absence.memberId)).toEqual(['nguyen-manh-ha']);
  });
});
