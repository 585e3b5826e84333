/**
 * API tokens on the admin pages: one's own listed without secrets, a new one shown once after a redirect (never
 * in a URL, never stored in clear) with a copy button allowed by its hash alone, revoked after a confirm step;
 * an organisation admin manages the tokens of their organisation's accounts and nobody else's.
 */
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { COPY_SCRIPT, COPY_SCRIPT_SOURCE } from '../../src/http/pages/copy-button.ts';
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
const { page, signIn, signInAs } = pagesOf(() => service);

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  await addDepartmentB(service);
});

/** Creates a token from the page: the POST's answer, and the page it redirects to (with the cookie it set). */
async function createToken(
  session: { cookie: string; csrf: string },
  form: Record<string, string>,
) {
  const posted = await page('POST', '/admin/tokens', {
    cookie: session.cookie,
    form: { csrf: session.csrf, ...form },
  });
  expect(posted.response.status, posted.html).toBe(303);
  const flash = posted.response.headers.get('set-cookie')!;
  const shown = await page('GET', posted.response.headers.get('location')!, {
    cookie: `${session.cookie}; ${flash.split(';')[0]}`,
  });
  const secret = /id="token-secret" readonly value="(lt_[A-Za-z0-9_-]{43})"/.exec(shown.html)?.[1];
  return { posted, flash, shown, secret: secret! };
}

const apiStatus = async (token: string) =>
  (await service.request('GET', `/api/rosters/${ROSTER_A}`, { token })).status;

describe('API tokens on the pages', () => {
  let manager: TestAccount;
  beforeEach(async () => {
    manager = await addAccount(service, 'can-bo', 'roster-manager', ORGANISATION_A, [ROSTER_A]);
  });

  it('lists my tokens by name, creation and last use, never a secret', async () => {
    const session = await signInAs(manager);
    expect(session.home).toContain('href="/admin/tokens"');
    const before = await page('GET', '/admin/tokens', { cookie: session.cookie });
    expect(before.html).toMatch(
      /<td>Tài khoản can-bo \(can-bo\)<\/td><td>kiểm thử<\/td><td>02\/05\/2024 08:00<\/td><td>Chưa dùng<\/td>/,
    );
    service.setNow('2024-05-02T03:30:00Z');
    expect(await apiStatus(manager.token)).toBe(200);
    const after = await page('GET', '/admin/tokens', { cookie: session.cookie });
    expect(after.html).toContain(
      '<td>kiểm thử</td><td>02/05/2024 08:00</td><td>02/05/2024 10:30</td>',
    );
    expect(after.html).not.toContain(manager.token);
    expect(after.html).not.toContain(manager.token.slice(3, 20));
  });

  it('shows a new token once, after a redirect that carries it in no URL, with a copy button', async () => {
    const session = await signInAs(manager);
    const { posted, flash, shown, secret } = await createToken(session, { label: 'Bảng tin' });
    expect(posted.response.headers.get('location')).toBe('/admin/tokens/new');
    expect(flash).toMatch(/HttpOnly/i);
    expect(flash).toMatch(/SameSite=Strict/i);
    expect(flash).toContain('Path=/admin/tokens');
    expect(shown.response.status).toBe(200);
    expect(shown.html).toContain('<strong>Bảng tin</strong> – Tài khoản can-bo (can-bo)');
    expect(shown.html).toContain('chỉ hiện một lần');
    expect(shown.response.headers.get('cache-control')).toBe('no-store');
    // The page clears the cookie it read: nothing can show the secret again.
    expect(shown.response.headers.get('set-cookie')).toMatch(/lichtruc_new_api_token=;.*Max-Age=0/);
    expect(await apiStatus(secret)).toBe(200);
    // The database keeps its hash only; the audit entry names the token, not its secret.
    const rows = await service.ctx.store.db.prepare('SELECT * FROM api_tokens').all();
    const audit = await service.ctx.store.db.prepare('SELECT * FROM audit_log').all();
    expect(JSON.stringify([rows.results, audit.results])).not.toContain(secret.slice(3));
    const again = await page('GET', '/admin/tokens/new', { cookie: session.cookie });
    expect(again.response.status).toBe(404);
    expect(again.html).not.toContain(secret);
    expect(again.html).toContain('Mã mới chỉ hiện một lần');
  });

  it('allows the copy script on that page alone, by the hash of that very script', async () => {
    const session = await signInAs(manager);
    const { shown } = await createToken(session, { label: 'Bảng tin' });
    const digest = createHash('sha256').update(COPY_SCRIPT).digest('base64');
    expect(COPY_SCRIPT_SOURCE).toBe(`'sha256-${digest}'`);
    expect(shown.html).toContain(`<script>${COPY_SCRIPT}</script>`);
    expect(shown.html).toContain(
      'data-copy="token-secret" data-done="Đã sao chép" hidden>Sao chép',
    );
    const policy = shown.response.headers.get('content-security-policy')!;
    expect(policy).toContain(`script-src ${COPY_SCRIPT_SOURCE}`);
    expect(policy).toContain("frame-ancestors 'none'");
    const list = await page('GET', '/admin/tokens', { cookie: session.cookie });
    expect(list.response.headers.get('content-security-policy')).not.toContain('script-src');
  });

  it('refuses a token without a name next to the field, and a form from elsewhere; stores nothing', async () => {
    const session = await signInAs(manager);
    const refused = await page('POST', '/admin/tokens', {
      cookie: session.cookie,
      form: { csrf: session.csrf, label: '  ' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('<span class="field-error" id="error-label">cần nhập</span>');
    const forged = await page('POST', '/admin/tokens', {
      cookie: session.cookie,
      form: { csrf: 'x'.repeat(43), label: 'Giả' },
    });
    expect(forged.response.status).toBe(403);
    const elsewhere = await page('POST', '/admin/tokens', {
      cookie: session.cookie,
      form: { csrf: session.csrf, label: 'Giả' },
      headers: { origin: 'https://evil.test' },
    });
    expect(elsewhere.response.status).toBe(403);
    expect(await service.ctx.store.accounts.tokensOf('can-bo')).toHaveLength(1);
  });

  it('revokes a token after a confirm page: the API refuses it from then on', async () => {
    const session = await signInAs(manager);
    const [token] = await service.ctx.store.accounts.tokensOf('can-bo');
    const path = `/admin/accounts/can-bo/tokens/${token!.id}/revoke`;
    const confirm = await page('GET', path, { cookie: session.cookie });
    expect(confirm.html).toContain('<strong>kiểm thử</strong>');
    expect(confirm.html).toContain(`<form method="post" action="${path}">`);
    expect(await apiStatus(manager.token)).toBe(200);
    const revoked = await page('POST', path, {
      cookie: session.cookie,
      form: { csrf: session.csrf },
    });
    expect(revoked.response.headers.get('location')).toBe('/admin/tokens?revoked=1');
    expect(await apiStatus(manager.token)).toBe(401);
    const list = await page('GET', '/admin/tokens?revoked=1', { cookie: session.cookie });
    expect(list.html).toContain('Đã thu hồi mã; nó không còn dùng được.');
    expect(list.html).toContain('<td>Đã thu hồi 02/05/2024 08:00</td>');
  });
});

describe('tokens of other accounts', () => {
  it('an organisation admin sees and revokes those of their organisation, never another’s', async () => {
    const viewerA = await addAccount(service, 'lanh-dao', 'viewer', ORGANISATION_A);
    const viewerB = await addAccount(service, 'lanh-dao-b', 'viewer', ORGANISATION_B);
    const adminA = await signInAs(
      await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A),
    );
    const list = await page('GET', '/admin/tokens', { cookie: adminA.cookie });
    expect(list.html).toContain('<td>Tài khoản lanh-dao (lanh-dao)</td>');
    expect(list.html).not.toContain('lanh-dao-b');
    expect(list.html).toContain('<option value="lanh-dao">');
    const [tokenB] = await service.ctx.store.accounts.tokensOf('lanh-dao-b');
    const pathB = `/admin/accounts/lanh-dao-b/tokens/${tokenB!.id}/revoke`;
    expect((await page('GET', pathB, { cookie: adminA.cookie })).response.status).toBe(404);
    const refused = await page('POST', pathB, {
      cookie: adminA.cookie,
      form: { csrf: adminA.csrf },
    });
    expect(refused.response.status).toBe(404);
    expect(await apiStatus(viewerB.token)).toBe(404);
    const [tokenA] = await service.ctx.store.accounts.tokensOf('lanh-dao');
    const pathA = `/admin/accounts/lanh-dao/tokens/${tokenA!.id}/revoke`;
    await page('POST', pathA, { cookie: adminA.cookie, form: { csrf: adminA.csrf } });
    expect(await apiStatus(viewerA.token)).toBe(401);
    // A token issued for department B's account is refused as a missing account; none is created.
    const forB = await page('POST', '/admin/tokens', {
      cookie: adminA.cookie,
      form: { csrf: adminA.csrf, accountId: 'lanh-dao-b', label: 'Lén' },
    });
    expect(forB.response.status).toBe(404);
    expect(await service.ctx.store.accounts.tokensOf('lanh-dao-b')).toHaveLength(1);
  });

  it('a viewer sees only their own; the bootstrap admin every account’s and has none of its own', async () => {
    await addAccount(service, 'lanh-dao-b', 'viewer', ORGANISATION_B);
    const viewer = await signInAs(await addAccount(service, 'lanh-dao', 'viewer', ORGANISATION_A));
    const own = await page('GET', '/admin/tokens', { cookie: viewer.cookie });
    expect(own.html.match(/<tr data-token=/g)).toHaveLength(1);
    expect(own.html).toContain('<input type="hidden" name="accountId" value="lanh-dao">');
    const { cookie } = await signIn();
    const all = await page('GET', '/admin/tokens', { cookie });
    expect(all.html).toContain('<td>Tài khoản lanh-dao (lanh-dao)</td>');
    expect(all.html).toContain('<td>Tài khoản lanh-dao-b (lanh-dao-b)</td>');
  });
});
