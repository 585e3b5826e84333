import { beforeEach, describe, expect, it } from 'vitest';
import { FAILURE_LIMIT } from '../../src/services/rate-limit.ts';
import { addAccount, ORGANISATION_A, ROSTER_A, type TestAccount } from '../support/accounts.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { ADMIN_TOKEN, problemOf, startTestService, type TestService } from '../support/service.ts';

let service: TestService;
let manager: TestAccount;
const { page } = pagesOf(() => service);

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  manager = await addAccount(service, 'can-bo-a', 'roster-manager', ORGANISATION_A, [ROSTER_A]);
});

const from = (address: string) => ({ 'cf-connecting-ip': address });
const signIn = (account: string, password: string, address = '198.51.100.1') =>
  page('POST', '/admin/login', { form: { account, password }, headers: from(address) });
const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('signing in with an account', () => {
  it('opens a session that acts as the account: its rosters only, and gone once it is disabled', async () => {
    const { response } = await signIn('can-bo-a', manager.password);
    expect(response.status).toBe(303);
    const cookie = cookieOf(response);
    expect((await page('GET', `/admin/rosters/${ROSTER_A}`, { cookie })).response.status).toBe(200);
    const feeds = await page('GET', '/admin/feeds', { cookie });
    expect(feeds.response.status).toBe(403);
    expect(feeds.html).toContain('Tài khoản của bạn không có quyền này.');

    await service.json('DELETE', '/api/accounts/can-bo-a', 204);
    const after = await page('GET', `/admin/rosters/${ROSTER_A}`, { cookie });
    expect(after.response.status).toBe(303);
    expect(after.response.headers.get('location')).toBe('/admin/login');
  });

  it('refuses a wrong password with the same words as an unknown account', async () => {
    const wrong = await signIn('can-bo-a', 'not-the-password');
    const unknown = await signIn('khong-co-ai', 'not-the-password');
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.html).toContain('Tài khoản hoặc mật khẩu không đúng.');
    expect(unknown.html).toContain('Tài khoản hoặc mật khẩu không đúng.');
  });
});

describe('rate limiting', () => {
  it('locks an account after repeated wrong passwords from many addresses, even for the right one', async () => {
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++)
      expect(
        (await signIn('can-bo-a', 'sai-mat-khau', `203.0.113.${attempt}`)).response.status,
      ).toBe(401);
    const locked = await signIn('can-bo-a', manager.password, '192.0.2.200');
    expect(locked.response.status).toBe(429);
    expect(locked.response.headers.get('retry-after')).toBe('900');
    expect(locked.html).toContain('Đã thử sai quá nhiều lần; hãy thử lại sau 15 phút.');

    service.setNow('2024-05-02T01:15:01Z');
    expect((await signIn('can-bo-a', manager.password, '192.0.2.200')).response.status).toBe(303);
  });

  it('locks an address after repeated bad tokens, with Retry-After counting down', async () => {
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++) {
      const response = await service.request('GET', '/api/rosters', {
        token: `lt_guess-${attempt}`,
        headers: from('198.51.100.7'),
      });
      expect(response.status).toBe(401);
    }
    service.setNow('2024-05-02T01:05:00Z');
    const locked = await service.request('GET', '/api/rosters', {
      token: ADMIN_TOKEN,
      headers: from('198.51.100.7'),
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('600');
    expect(await problemOf(locked)).toMatchObject({ status: 429, title: 'Thử sai quá nhiều lần' });
    // Another address is not held up, and a request without a token counts as no failure.
    const other = await service.request('GET', '/api/rosters', {
      token: manager.token,
      headers: from('198.51.100.8'),
    });
    expect(other.status).toBe(200);
    for (let attempt = 0; attempt < FAILURE_LIMIT + 2; attempt++)
      expect(
        (
          await service.request('GET', '/api/rosters', {
            token: null,
            headers: from('198.51.100.9'),
          })
        ).status,
      ).toBe(401);
  });

  it('locks an address that tries many accounts', async () => {
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++)
      await signIn(`tai-khoan-${attempt}`, 'doan-thu', '198.51.100.20');
    expect((await signIn('can-bo-a', manager.password, '198.51.100.20')).response.status).toBe(429);
    expect((await signIn('can-bo-a', manager.password, '198.51.100.21')).response.status).toBe(303);
  });
});
