/**
 * Passwords on the admin pages: changing one's own (current one checked and rate-limited, the account's other
 * sessions end, this one stays) and an organisation admin setting the password of an account they manage (every
 * session of it ends); each refusal in Vietnamese next to its field, with nothing stored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FAILURE_LIMIT } from '../../src/services/rate-limit.ts';
import {
  addAccount,
  addDepartmentB,
  ORGANISATION_A,
  ORGANISATION_B,
  ROSTER_A,
  type TestAccount,
} from '../support/accounts.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

let service: TestService;
let manager: TestAccount;
const { page, signIn, signInAs } = pagesOf(() => service);
const NEW_PASSWORD = 'mat-khau-moi-rat-dai-2024';

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  await addDepartmentB(service);
  manager = await addAccount(service, 'can-bo', 'roster-manager', ORGANISATION_A, [ROSTER_A]);
});

type Session = Awaited<ReturnType<typeof signInAs>>;
const change = (session: Session, form: Record<string, string>) =>
  page('POST', '/admin/password', {
    cookie: session.cookie,
    form: { csrf: session.csrf, ...form },
  });
const signedIn = async (session: Session) =>
  (await page('GET', '/admin/tokens', { cookie: session.cookie })).response.status === 200;
const signInStatus = async (id: string, password: string) =>
  (await page('POST', '/admin/login', { form: { account: id, password } })).response.status;

async function auditOf(action: string) {
  const { body } = await service.json<{
    entries: { action: string; actor: string; entityId: string }[];
  }>('GET', '/api/audit', 200);
  return body.entries.filter((entry) => entry.action === action);
}

describe('changing one’s own password', () => {
  it('keeps this browser signed in, ends the other sessions, and only the new password opens one', async () => {
    const here = await signInAs(manager);
    const elsewhere = await signInAs(manager);
    expect(here.home).toContain('href="/admin/password"');
    const changed = await change(here, {
      current: manager.password,
      password: NEW_PASSWORD,
      repeat: NEW_PASSWORD,
    });
    expect(changed.response.headers.get('location')).toBe('/admin/password?done=1');
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
    const done = await page('GET', '/admin/password?done=1', { cookie: here.cookie });
    expect(done.html).toContain(
      'Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.',
    );
    expect(await signInStatus('can-bo', manager.password)).toBe(401);
    expect(await signInStatus('can-bo', NEW_PASSWORD)).toBe(303);
    expect(await auditOf('password.change')).toEqual([
      expect.objectContaining({ actor: 'can-bo', entityId: 'can-bo' }),
    ]);
    const row = await service.ctx.store.db.prepare('SELECT * FROM audit_log').all();
    expect(JSON.stringify(row.results)).not.toContain(NEW_PASSWORD);
  });

  it('says each problem next to its field, never writes a password back, and changes nothing', async () => {
    const here = await signInAs(manager);
    const elsewhere = await signInAs(manager);
    const cases: [Record<string, string>, string, string][] = [
      [
        { current: 'sai-mat-khau', password: NEW_PASSWORD, repeat: NEW_PASSWORD },
        'current',
        'mật khẩu hiện tại không đúng',
      ],
      [
        { current: manager.password, password: 'ngan', repeat: 'ngan' },
        'password',
        'cần ít nhất 12 ký tự',
      ],
      [
        { current: manager.password, password: NEW_PASSWORD, repeat: `${NEW_PASSWORD}x` },
        'repeat',
        'hai lần nhập mật khẩu mới không giống nhau',
      ],
      [{ current: '', password: NEW_PASSWORD, repeat: NEW_PASSWORD }, 'current', 'cần nhập'],
    ];
    for (const [form, field, words] of cases) {
      const refused = await change(here, form);
      expect(refused.response.status, field).toBe(422);
      expect(refused.html).toContain(
        `<span class="field-error" id="error-${field}">${words}</span>`,
      );
      expect(refused.html).not.toContain(NEW_PASSWORD);
      expect(refused.html).not.toContain(manager.password);
    }
    expect(await signedIn(elsewhere)).toBe(true);
    expect(await signInStatus('can-bo', manager.password)).toBe(303);
    expect(await auditOf('password.change')).toEqual([]);
  });

  it('counts wrong current passwords like wrong sign-ins: past the limit, 429 even with the right one', async () => {
    const here = await signInAs(manager);
    const wrong = { current: 'sai-mat-khau', password: NEW_PASSWORD, repeat: NEW_PASSWORD };
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++) await change(here, wrong);
    const limited = await change(here, { ...wrong, current: manager.password });
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.html).toContain('Đã nhập sai mật khẩu hiện tại quá nhiều lần');
    service.setNow('2024-05-02T01:20:00Z');
    expect(await signInStatus('can-bo', manager.password)).toBe(303);
  });

  it('is not for the bootstrap admin token, which has no password', async () => {
    const session = await signIn();
    const shown = await page('GET', '/admin/password', { cookie: session.cookie });
    expect(shown.html).toContain('mã quản trị khởi tạo, không có mật khẩu');
    const refused = await page('POST', '/admin/password', {
      cookie: session.cookie,
      form: { csrf: session.csrf, current: 'x', password: NEW_PASSWORD, repeat: NEW_PASSWORD },
    });
    expect(refused.response.status).toBe(422);
  });
});

describe('an admin resetting another account’s password', () => {
  it('sets it within their organisation, ends every session of that account, and is audited', async () => {
    const managerSession = await signInAs(manager);
    const adminA = await signInAs(
      await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A),
    );
    const accounts = await page('GET', '/admin/accounts', { cookie: adminA.cookie });
    expect(accounts.html).toContain('href="/admin/accounts/can-bo/password"');
    expect(accounts.html).not.toContain('href="/admin/accounts/quan-tri-a/password"');
    const path = '/admin/accounts/can-bo/password';
    const reset = await page('POST', path, {
      cookie: adminA.cookie,
      form: { csrf: adminA.csrf, password: NEW_PASSWORD, repeat: NEW_PASSWORD },
    });
    expect(reset.response.headers.get('location')).toBe(`${path}?done=1`);
    expect(await signedIn(managerSession)).toBe(false);
    expect(await signedIn(adminA)).toBe(true);
    expect(await signInStatus('can-bo', manager.password)).toBe(401);
    expect(await signInStatus('can-bo', NEW_PASSWORD)).toBe(303);
    expect(await auditOf('password.reset')).toEqual([
      expect.objectContaining({ actor: 'quan-tri-a', entityId: 'can-bo' }),
    ]);
  });

  it('refuses another department’s account as missing, one’s own, and a weak password, in words', async () => {
    const other = await addAccount(service, 'lanh-dao-b', 'viewer', ORGANISATION_B);
    const adminA = await signInAs(
      await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A),
    );
    const post = (id: string, form: Record<string, string>) =>
      page('POST', `/admin/accounts/${id}/password`, {
        cookie: adminA.cookie,
        form: { csrf: adminA.csrf, ...form },
      });
    const strong = { password: NEW_PASSWORD, repeat: NEW_PASSWORD };
    expect(
      (await page('GET', '/admin/accounts/lanh-dao-b/password', { cookie: adminA.cookie })).response
        .status,
    ).toBe(404);
    expect((await post('lanh-dao-b', strong)).response.status).toBe(404);
    const own = await post('quan-tri-a', strong);
    expect(own.response.status).toBe(409);
    expect(own.html).toContain('hãy dùng trang “Đổi mật khẩu”');
    const weak = await post('can-bo', { password: 'ngan', repeat: 'ngan' });
    expect(weak.response.status).toBe(422);
    expect(weak.html).toContain(
      '<span class="field-error" id="error-password">cần ít nhất 12 ký tự</span>',
    );
    service.appDeps.passwordPepper = undefined;
    const unconfigured = await post('can-bo', strong);
    expect(unconfigured.response.status).toBe(422);
    expect(unconfigured.html).toContain('chưa cấu hình LICHTRUC_PASSWORD_PEPPER');
    service.appDeps.passwordPepper = 'test-pepper-0123456789abcdefghijklmnop';
    expect(await signInStatus('lanh-dao-b', other.password)).toBe(303);
    expect(await signInStatus('can-bo', manager.password)).toBe(303);
    expect(await auditOf('password.reset')).toEqual([]);
  });
});
