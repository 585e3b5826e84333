/**
 * Bad input to `POST /api/rosters/{id}/absences`, one table for both runtimes: test/http/absences.test.ts runs it on
 * Node, test/worker/bad-input.test.ts inside workerd. Each case says what the client must be told: the failing field
 * (`field`) or words of the problem (`says`). No Node API here: workerd runs it too.
 */
import { expect } from 'vitest';

export const VALID_ABSENCE = {
  memberId: 'nguyen-manh-ha',
  from: '2024-05-06',
  to: '2024-05-08',
  reason: 'leave',
};

export interface BadInputCase {
  name: string;
  body: unknown;
  headers?: Record<string, string>;
  status: number;
  expect: { field: string; message?: string } | { says: RegExp };
}

const valid = VALID_ABSENCE;

export const BAD_ABSENCES: BadInputCase[] = [
  {
    name: 'malformed JSON',
    body: '{"memberId": "nguyen-manh-ha",',
    status: 422,
    expect: { says: /the body is not valid JSON/ },
  },
  {
    name: 'an impossible date',
    body: { ...valid, from: '2024-02-30' },
    status: 422,
    expect: { field: 'from', message: 'no such date in the calendar' },
  },
  {
    name: 'a date after 2199',
    body: { ...valid, from: '9999-01-01', to: '9999-01-02' },
    status: 422,
    expect: { field: 'from', message: 'expected a date from 1976-01-01 to 2199-12-31' },
  },
  {
    name: 'to before from',
    body: { ...valid, from: '2024-05-08', to: '2024-05-06' },
    status: 422,
    expect: { field: 'to' },
  },
  {
    name: 'an unknown member',
    body: { ...valid, memberId: 'nguyen-van-khong' },
    status: 422,
    expect: { field: 'memberId' },
  },
  {
    name: 'an unknown reason',
    body: { ...valid, reason: 'holiday' },
    status: 422,
    expect: { field: 'reason' },
  },
  {
    name: 'control characters in the note',
    body: { ...valid, note: 'a\u0000b' },
    status: 422,
    expect: { field: 'note' },
  },
  {
    name: 'a body that is not JSON',
    body: 'memberId=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    expect: { says: /application\/json/ },
  },
  {
    name: 'JSON in another charset than UTF-8',
    body: valid,
    headers: { 'content-type': 'application/json; charset=ISO-8859-1' },
    status: 415,
    expect: { says: /not charset=iso-8859-1/ },
  },
  {
    name: 'an oversized body',
    body: { ...valid, note: 'x'.repeat(300_000) },
    status: 413,
    expect: { says: /larger than 262144 bytes/ },
  },
];

/** The body and headers of a case, as both runtimes' request helpers take them. */
export function requestOf(bad: BadInputCase): { body: unknown; headers?: Record<string, string> } {
  return { body: bad.body, ...(bad.headers ? { headers: bad.headers } : {}) };
}

interface Problem {
  status: number;
  errors?: { field: string; message: string }[];
}

/** What a client of either runtime must be told about a refused case: its status, a problem+json, the reason. */
export async function expectRefusal(response: Response, refused: BadInputCase): Promise<void> {
  expect(response.status).toBe(refused.status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({
    status: refused.status,
    type: expect.stringMatching(/^urn:lichtruc:problem:/),
    title: expect.any(String),
    requestId: expect.any(String),
  });
  const expected = refused.expect;
  if ('says' in expected) expect(JSON.stringify(problem)).toMatch(expected.says);
  else
    expect(problem.errors).toContainEqual(
      expected.message === undefined
        ? expect.objectContaining({ field: expected.field })
        : { field: expected.field, message: expected.message },
    );
}
