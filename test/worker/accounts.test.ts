/**
 * Accounts inside workerd, on D1: password sign-in through Web Crypto's PBKDF2 at the production ceiling, an
 * account's API token, and the rate limits of bad tokens (per address) and wrong passwords (per account), whose
 * counts live in D1 so they hold across isolates.
 */
import { describe, expect, it } from 'vitest';
import { exports } from 'cloudflare:workers';
import { call, json, problemOf, ROSTER_ID, requestOf } from './workerd/api.ts';

const LIMIT = 10;
const from = (address: string) => ({ 'cf-connecting-ip': address });

async function createManager(id: string): Promise<{ password: string; token: string }> {
  const password = `mat-khau-cua-${id}`;
  await json('POST', '/api/accounts', 201, {
    id,
    name: `Cán bộ ${id}`,
    role: 'roster-manager',
    organisationId: 'so-vhttdl',
    rosters: [ROSTER_ID],
    password,
  });
  const issued = await json<{ secret: string }>('POST', `/api/accounts/${id}/tokens`, 201, {
    label: 'workerd',
  });
  return { password, token: issued.secret };
}

/** A sign-in form post; the redirect to /admin is the answer to look at, not to follow. */
function signIn(account: string, password: string, address: string): Promise<Response> {
  const request = requestOf('POST', '/admin/login', {
    token: null,
    headers: { ...from(address), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ account, password }).toString(),
  });
  return exports.default.fetch(new Request(request, { redirect: 'manual' }));
}

describe('accounts in workerd', () => {
  it('signs an account in with its password and acts with its token', async () => {
    const { password, token } = await createManager('can-bo-mot');
    const signedIn = await signIn('can-bo-mot', password, '198.51.100.1');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('set-cookie')).toMatch(/^lichtruc_admin=[\w-]{43};/);
    const schedule = await call(
      'GET',
      `/api/rosters/${ROSTER_ID}/schedule?from=2024-05-06&to=2024-05-06`,
      {
        token,
      },
    );
    expect(schedule.status).toBe(200);
    expect((await call('GET', '/api/audit', { token })).status).toBe(403);
  });

  it('answers 429 with Retry-After to an address after repeated bad tokens, even with the right one', async () => {
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      const response = await call('GET', '/api/rosters', {
        token: `lt_doan-${attempt}`,
        headers: from('203.0.113.9'),
      });
      expect(response.status).toBe(401);
    }
    const locked = await call('GET', '/api/rosters', { headers: from('203.0.113.9') });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(await problemOf(locked)).toMatchObject({ status: 429, title: 'Thử sai quá nhiều lần' });
    expect((await call('GET', '/api/rosters', { headers: from('203.0.113.10') })).status).toBe(200);
  });

  it('locks an account after repeated wrong passwords from several addresses', async () => {
    const { password } = await createManager('can-bo-hai');
    for (let attempt = 0; attempt < LIMIT; attempt++)
      expect((await signIn('can-bo-hai', 'sai-mat-khau', `192.0.2.${attempt}`)).status).toBe(401);
    const locked = await signIn('can-bo-hai', password, '192.0.2.100');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await locked.text()).toContain('Đã thử sai quá nhiều lần');
  });
});
