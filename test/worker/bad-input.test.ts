/**
 * Bad input to the Worker in workerd: the same table as on Node (test/support/bad-input.ts, run by
 * test/http/absences.test.ts), each refused with a problem+json that names what is wrong, and nothing stored in D1.
 */
import { describe, expect, it } from 'vitest';
import {
  BAD_ABSENCES,
  expectRefusal,
  requestOf,
  VALID_ABSENCE as valid,
} from '../support/bad-input.ts';
import { exports } from 'cloudflare:workers';
import { ADMIN_TOKEN, PUBLIC_URL } from './provided.ts';
import { call, json, problemOf, ROSTER_ID } from './workerd/api.ts';

const ROSTER = `/api/rosters/${ROSTER_ID}`;

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
  it.each(BAD_ABSENCES)('refuses $name with a problem+json and stores nothing', async (bad) => {
    const before = await storedState();
    await expectRefusal(await call('POST', `${ROSTER}/absences`, requestOf(bad)), bad);
    expect(await storedState()).toEqual(before);
  });

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

/**
 * A body streamed in chunks with no Content-Length, which never ends on its own: the Worker must answer 413 from what
 * it counted, before the body is over (the stream is cancelled once the answer is in).
 */
function endlessBody(): { body: ReadableStream<Uint8Array>; sent: () => number } {
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, sent: () => sent };
}

describe('a chunked body over the limit in workerd', () => {
  it.each([
    ['/admin/login, before sign-in', '/admin/login', 'application/x-www-form-urlencoded', null],
    ['/api, with the admin token', `${ROSTER}/absences`, 'application/json', ADMIN_TOKEN],
  ])('%s: 413 problem+json while the body still streams', async (_name, path, type, token) => {
    const { body, sent } = endlessBody();
    const headers = new Headers({ 'content-type': type });
    if (token) headers.set('authorization', `Bearer ${token}`);
    const response = await exports.default.fetch(
      new Request(new URL(path, PUBLIC_URL), { method: 'POST', headers, body }),
    );
    expect(response.status).toBe(413);
    expect(await problemOf(response)).toMatchObject({
      status: 413,
      detail: 'the body is larger than 262144 bytes',
    });
    expect(sent()).toBeLessThan(4 * 1024 * 1024);
    await body.cancel().catch(() => undefined);
  });
});
