import { beforeEach, describe, expect, it } from 'vitest';
import {
  addAccount,
  addDepartmentB,
  ORGANISATION_A,
  ORGANISATION_B,
  ROSTER_A,
} from '../support/accounts.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

let service: TestService;
const { page, signInAs } = pagesOf(() => service);

beforeEach(async () => {
  service = await startTestService();
  await addDepartmentB(service);
});

describe('the accounts page', () => {
  it('lets an organisation admin create a roster manager of its roster, and disable it', async () => {
    const adminA = await signInAs(
      await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A),
    );
    expect(adminA.home).toContain('href="/admin/accounts"');
    expect(adminA.home).not.toContain('href="/admin/holidays"');
    const form = {
      csrf: adminA.csrf,
      id: 'can-bo-moi',
      name: 'Nguyễn Văn Mới',
      role: 'roster-manager',
      organisationId: '',
      rosters: ROSTER_A,
      password: 'mat-khau-moi-du-dai',
    };
    const created = await page('POST', '/admin/accounts', { cookie: adminA.cookie, form });
    expect(created.response.status).toBe(200);
    expect(created.html).toContain('Đã tạo tài khoản can-bo-moi.');
    expect(created.html).toMatch(
      /data-account="can-bo-moi"><td>can-bo-moi<\/td><td>Nguyễn Văn Mới<\/td><td>Cán bộ quản lý lịch trực<\/td>\s*<td>so-vhttdl<\/td>/,
    );
    expect(created.html).not.toContain('mat-khau-moi-du-dai');

    const manager = {
      id: 'can-bo-moi',
      password: 'mat-khau-moi-du-dai',
      role: 'roster-manager',
      token: '',
    } as const;
    const session = await signInAs(manager);
    expect(
      (await page('GET', `/admin/rosters/${ROSTER_A}`, { cookie: session.cookie })).response.status,
    ).toBe(200);

    const list = await page('GET', '/admin/accounts', { cookie: adminA.cookie });
    expect(list.html).toContain('href="/admin/accounts/can-bo-moi/disable"');
    expect(list.html).not.toContain('action="/admin/accounts/can-bo-moi/disable"');
    const confirm = await page('GET', '/admin/accounts/can-bo-moi/disable', {
      cookie: adminA.cookie,
    });
    expect(confirm.html).toContain('Tài khoản bị khoá ngay');
    expect(confirm.html).toContain('action="/admin/accounts/can-bo-moi/disable"');
    // Only the confirm step's form disables: the manager still works after the GET.
    expect(
      (await page('GET', `/admin/rosters/${ROSTER_A}`, { cookie: session.cookie })).response.status,
    ).toBe(200);

    const disabled = await page('POST', '/admin/accounts/can-bo-moi/disable', {
      cookie: adminA.cookie,
      form: { csrf: adminA.csrf },
    });
    expect(disabled.response.status).toBe(303);
    const after = await page('GET', `/admin/rosters/${ROSTER_A}`, { cookie: session.cookie });
    expect(after.response.status).toBe(303);
  });

  it('refuses an account of another department with the reason, keeping the form and storing nothing', async () => {
    const adminA = await signInAs(
      await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A),
    );
    const form = {
      csrf: adminA.csrf,
      id: 'can-bo-b',
      name: 'Cán bộ B',
      role: 'viewer',
      organisationId: ORGANISATION_B,
      rosters: '',
      password: '',
    };
    const refused = await page('POST', '/admin/accounts', { cookie: adminA.cookie, form });
    expect(refused.response.status).toBe(403);
    expect(refused.html).toContain(`không quản lý tài khoản của đơn vị ${ORGANISATION_B}`);
    expect(refused.html).toContain('value="can-bo-b"');
    expect((await service.request('GET', '/api/accounts/can-bo-b')).status).toBe(404);
  });

  it('is not for viewers', async () => {
    const viewer = await signInAs(await addAccount(service, 'lanh-dao', 'viewer', ORGANISATION_A));
    expect(viewer.home).not.toContain('href="/admin/accounts"');
    const refused = await page('GET', '/admin/accounts', { cookie: viewer.cookie });
    expect(refused.response.status).toBe(403);
  });
});
