/**
 * One-time sign-in links by e-mail, end to end: the link form, the mail as the SMTP stand-in receives it (through
 * nodemailer, the Node entry's channel), a GET that signs nobody in, the POST that does, once, within 15 minutes;
 * the same answer for accounts that get nothing, and the rate limit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEmailChannel,
  type EmailChannel,
} from '../../src/providers/notices/email-channel.ts';
import { FAILURE_LIMIT } from '../../src/services/rate-limit.ts';
import { sha256Hex } from '../../src/services/secrets.ts';
import { startSmtpStandIn, type SmtpStandIn } from '../stand-ins/smtp-server.ts';
import { addAccount, ORGANISATION_A, ROSTER_A, type TestAccount } from '../support/accounts.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { PUBLIC_URL, startTestService, type TestService } from '../support/service.ts';

let service: TestService;
let smtp: SmtpStandIn;
let mail: EmailChannel;
let manager: TestAccount;
const { page } = pagesOf(() => service);

const EMAIL = 'luyen.nv@bacgiang.gov.vn';
const LINK = /https:\/\/lichtruc\.test\/admin\/login\/link\/([A-Za-z0-9_-]{43})/;
const SENT =
  'Nếu tài khoản tồn tại, đang dùng và có địa chỉ e-mail, một liên kết đăng nhập vừa được gửi';

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  smtp = await startSmtpStandIn();
  mail = createEmailChannel({
    url: smtp.url,
    from: 'Lịch trực <lichtruc@example.gov.vn>',
    domain: 'lichtruc.test',
  });
  service.appDeps.signInMail = mail;
  manager = await addAccount(service, 'can-bo-a', 'roster-manager', ORGANISATION_A, [ROSTER_A]);
  await service.json('PUT', '/api/accounts/can-bo-a/email', 200, {
    email: 'Luyen.NV@BacGiang.gov.vn',
  });
});

afterEach(async () => {
  mail.close();
  await smtp.close();
});

const from = (address: string) => ({ 'cf-connecting-ip': address });
const askLink = (who: string, address = '198.51.100.1') =>
  page('POST', '/admin/login/link', { form: { who }, headers: from(address) });
const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

/** Asks for a link for the manager and reads it out of the mail that arrives. */
async function linkToken(count = smtp.messages.length + 1): Promise<string> {
  expect((await askLink('can-bo-a')).response.status).toBe(200);
  await smtp.waitFor(count);
  return LINK.exec(smtp.messages[count - 1]!.text)![1]!;
}

describe('asking for a link', () => {
  it('offers the form only when e-mail is configured', async () => {
    expect((await page('GET', '/admin/login')).html).toContain('Gửi liên kết đăng nhập qua e-mail');
    service.appDeps.signInMail = undefined;
    expect((await page('GET', '/admin/login')).html).not.toContain('liên kết đăng nhập');
    const refused = await askLink('can-bo-a');
    expect(refused.response.status).toBe(404);
    expect(refused.html).toContain('Máy chủ chưa cấu hình gửi e-mail (LICHTRUC_SMTP_URL)');
  });

  it('mails a link to the account’s address, with a UTF-8 subject, keeping only its hash', async () => {
    const asked = await askLink('can-bo-a');
    expect(asked.html).toContain(SENT);
    await smtp.waitFor(1);
    const [message] = smtp.messages;
    expect(message!.to).toEqual([EMAIL]);
    expect(message!.subject).toBe('Liên kết đăng nhập lịch trực');
    expect(message!.text).toContain('Kính gửi Tài khoản can-bo-a,');
    expect(message!.text).toContain('trong 15 phút');
    const token = LINK.exec(message!.text)![1]!;
    expect(message!.html).toContain(`href="${PUBLIC_URL}/admin/login/link/${token}"`);
    const rows = (await service.ctx.store.db.prepare('SELECT * FROM sign_in_links').all()).results;
    expect(rows).toEqual([expect.objectContaining({ token_hash: await sha256Hex(token) })]);
    expect(JSON.stringify(rows)).not.toContain(token);
    const audit = await service.json<{ entries: { action: string; actor: string }[] }>(
      'GET',
      '/api/audit?entity=account',
      200,
    );
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({ action: 'sign-in-link.send', actor: 'can-bo-a' }),
    );
  });

  it('finds the account by its e-mail address in any case', async () => {
    expect((await askLink('LUYEN.nv@bacgiang.GOV.vn')).html).toContain(SENT);
    await smtp.waitFor(1);
    expect(smtp.messages[0]!.to).toEqual([EMAIL]);
  });

  it('answers an unknown, a disabled and an address-less account alike, and mails none of them', async () => {
    await addAccount(service, 'khong-email', 'viewer', ORGANISATION_A);
    await addAccount(service, 'da-khoa', 'viewer', ORGANISATION_A);
    await service.json('PUT', '/api/accounts/da-khoa/email', 200, {
      email: 'khoa@bacgiang.gov.vn',
    });
    await service.json('DELETE', '/api/accounts/da-khoa', 204);
    const known = await askLink('can-bo-a');
    for (const who of [
      'khong-co-ai',
      'ai@nowhere.example',
      'khong-email',
      'da-khoa',
      'khoa@bacgiang.gov.vn',
    ]) {
      const answer = await askLink(who);
      expect(answer.response.status, who).toBe(200);
      expect(answer.html, who).toBe(known.html);
    }
    await smtp.waitFor(1);
    expect(smtp.messages.map((message) => message.to)).toEqual([[EMAIL]]);
    const links = await service.ctx.store.db.prepare('SELECT account_id FROM sign_in_links').all();
    expect(links.results).toEqual([{ account_id: 'can-bo-a' }]);
  });

  it('limits requests per address and per account, without locking password sign-in', async () => {
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++)
      expect((await askLink('can-bo-a', `203.0.113.${attempt}`)).response.status).toBe(200);
    const limited = await askLink('can-bo-a', '192.0.2.50');
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('900');
    expect(limited.html).toContain('Đã xin liên kết quá nhiều lần; hãy thử lại sau 15 phút.');
    // An unknown name is limited after as many tries, so the limit does not tell who exists.
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++)
      await askLink('khong-co-ai', `203.0.113.${100 + attempt}`);
    expect((await askLink('khong-co-ai', '192.0.2.51')).response.status).toBe(429);
    // One address asking for many names is limited too.
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++)
      await askLink(`ai-do-${attempt}`, '198.51.100.99');
    expect((await askLink('ai-khac', '198.51.100.99')).response.status).toBe(429);
    const password = await page('POST', '/admin/login', {
      form: { account: 'can-bo-a', password: manager.password },
    });
    expect(password.response.status).toBe(303);
    service.setNow('2024-05-02T01:15:01Z');
    expect((await askLink('can-bo-a', '192.0.2.50')).response.status).toBe(200);
  });

  it('refuses a request from another site and an empty form', async () => {
    const crossSite = await page('POST', '/admin/login/link', {
      form: { who: 'can-bo-a' },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.response.status).toBe(403);
    const empty = await askLink('  ');
    expect(empty.response.status).toBe(422);
    expect(empty.html).toContain('Hãy nhập tài khoản hoặc địa chỉ e-mail.');
  });
});

describe('using a link', () => {
  it('shows a button on GET without signing in; the POST signs in once as the account', async () => {
    const token = await linkToken();
    const path = `/admin/login/link/${token}`;
    for (let opened = 0; opened < 2; opened++) {
      const shown = await page('GET', path);
      expect(shown.response.status).toBe(200);
      expect(shown.response.headers.get('set-cookie')).toBeNull();
      expect(shown.response.headers.get('cache-control')).toBe('no-store');
      expect(shown.html).toContain(`<form method="post" action="${path}">`);
      expect(shown.html).toContain('<button type="submit">Đăng nhập</button>');
    }
    const signedIn = await page('POST', path, { form: {} });
    expect(signedIn.response.status).toBe(303);
    expect(signedIn.response.headers.get('location')).toBe('/admin');
    expect(signedIn.response.headers.get('set-cookie')).toMatch(
      /^lichtruc_admin=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/admin; HttpOnly; Secure; SameSite=Strict/,
    );
    const cookie = cookieOf(signedIn.response);
    expect((await page('GET', `/admin/rosters/${ROSTER_A}`, { cookie })).response.status).toBe(200);
    expect((await page('GET', '/admin/feeds', { cookie })).response.status).toBe(403);

    const again = await page('POST', path, { form: {} });
    expect(again.response.status).toBe(410);
    expect(again.response.headers.get('set-cookie')).toBeNull();
    expect(again.html).toContain('Liên kết đăng nhập này đã hết hạn hoặc đã được dùng.');
    expect((await page('GET', path)).response.status).toBe(410);
  });

  it('refuses a link past 15 minutes (410 for a day, then unknown), and works until then', async () => {
    const first = await linkToken();
    service.setNow('2024-05-02T01:14:59Z');
    expect((await page('POST', `/admin/login/link/${first}`, { form: {} })).response.status).toBe(
      303,
    );
    service.setNow('2024-05-02T01:20:00Z');
    const second = await linkToken();
    service.setNow('2024-05-02T01:35:00Z');
    expect((await page('GET', `/admin/login/link/${second}`)).response.status).toBe(410);
    const late = await page('POST', `/admin/login/link/${second}`, { form: {} });
    expect(late.response.status).toBe(410);
    expect(late.html).toContain('đã hết hạn hoặc đã được dùng');
    // Asking for another link the next morning clears the old ones: a day after expiry one is unknown.
    service.setNow('2024-05-03T02:00:00Z');
    await linkToken();
    expect((await page('GET', `/admin/login/link/${second}`)).response.status).toBe(404);
  });

  it('refuses a link whose account was disabled since it was sent', async () => {
    const token = await linkToken();
    await service.json('DELETE', '/api/accounts/can-bo-a', 204);
    expect((await page('POST', `/admin/login/link/${token}`, { form: {} })).response.status).toBe(
      410,
    );
  });

  it('answers an unknown or malformed token with 404 and a cross-site POST with 403', async () => {
    for (const token of ['A'.repeat(43), 'ngan', '%E0%A4%A']) {
      const unknown = await page('GET', `/admin/login/link/${token}`);
      expect(unknown.response.status, token).toBe(404);
      expect(unknown.html).toContain('Không có liên kết đăng nhập này.');
      expect((await page('POST', `/admin/login/link/${token}`, { form: {} })).response.status).toBe(
        404,
      );
    }
    const token = await linkToken();
    const crossSite = await page('POST', `/admin/login/link/${token}`, {
      form: {},
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.response.status).toBe(403);
    expect((await page('POST', `/admin/login/link/${token}`, { form: {} })).response.status).toBe(
      303,
    );
  });
});

describe('an account’s e-mail address', () => {
  it('is validated, unique whatever its case, and set only by an admin of the account', async () => {
    const bad = await service.request('PUT', '/api/accounts/can-bo-a/email', {
      body: { email: 'khong-phai-email' },
    });
    expect(bad.status).toBe(422);
    const taken = await service.request('POST', '/api/accounts', {
      body: {
        id: 'nguoi-khac',
        name: 'Người khác',
        role: 'viewer',
        organisationId: ORGANISATION_A,
        email: EMAIL.toUpperCase(),
      },
    });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ errors: [{ field: 'email' }] });
    const created = await service.json('POST', '/api/accounts', 201, {
      id: 'nguoi-khac',
      name: 'Người khác',
      role: 'org-admin',
      organisationId: ORGANISATION_A,
      email: 'Khac@BacGiang.gov.vn',
    });
    expect(created.body).toMatchObject({ email: 'khac@bacgiang.gov.vn' });
    const own = await service.request('PUT', '/api/accounts/nguoi-khac/email', {
      token: (
        await service.json<{ secret: string }>('POST', '/api/accounts/nguoi-khac/tokens', 201, {
          label: 't',
        })
      ).body.secret,
      body: { email: 'moi@bacgiang.gov.vn' },
    });
    expect(own.status).toBe(409);
    const removed = await service.json('PUT', '/api/accounts/can-bo-a/email', 200, { email: null });
    expect(removed.body).toMatchObject({ email: null });
  });

  it('is set on the accounts pages', async () => {
    const { signIn } = pagesOf(() => service);
    const { cookie, csrf } = await signIn();
    const list = await page('GET', '/admin/accounts', { cookie });
    expect(list.html).toContain(`<td>${EMAIL}</td>`);
    const saved = await page('POST', '/admin/accounts/can-bo-a/email', {
      cookie,
      form: { csrf, email: 'Moi@BacGiang.gov.vn' },
    });
    expect(saved.response.status).toBe(303);
    expect((await service.ctx.store.accounts.get('can-bo-a'))?.email).toBe('moi@bacgiang.gov.vn');
    await addAccount(service, 'nguoi-khac', 'viewer', ORGANISATION_A);
    const taken = await page('POST', '/admin/accounts/nguoi-khac/email', {
      cookie,
      form: { csrf, email: 'moi@bacgiang.gov.vn' },
    });
    expect(taken.response.status).toBe(409);
    expect(taken.html).toContain('địa chỉ e-mail này đã là của một tài khoản khác');
    const created = await page('POST', '/admin/accounts', {
      cookie,
      form: {
        csrf,
        id: 'thu-ba',
        name: 'Thứ ba',
        role: 'viewer',
        organisationId: ORGANISATION_A,
        rosters: '',
        email: 'ba@bacgiang.gov.vn',
      },
    });
    expect(created.response.status).toBe(200);
    expect((await service.ctx.store.accounts.get('thu-ba'))?.email).toBe('ba@bacgiang.gov.vn');
  });
});
