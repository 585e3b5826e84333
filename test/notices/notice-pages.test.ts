/**
 * The notice pages: admins see a failing channel in words on the sync page and the notices page, resend from the log,
 * add a webhook (its secret shown once; a private URL refused with a readable message); a member turns e-mail off
 * from their staff page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { createEmailChannel } from '../../src/providers/notices/email-channel.ts';
import { startSmtpStandIn } from '../stand-ins/smtp-server.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { EMAIL, ROSTER, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;
const { page, signIn } = pagesOf(() => h.service);

beforeEach(async () => {
  h = await startNoticeHarness('2026-12-07T02:00:00Z');
});
afterEach(() => h.close());

describe('admin notice pages', () => {
  it('shows a refused address in words on the sync page, and resends from the log', async () => {
    h.smtp.unknown.add(EMAIL['nguyen-van-luyen']);
    await h.absent('nguyen-manh-ha', '2026-12-09', 'training');
    h.advance(121);
    await runNotices(h.deps);
    const { cookie, csrf } = await signIn();
    const sync = await page('GET', '/admin/sync', { cookie });
    expect(sync.html).toContain(
      'Thông báo – Thư điện tử / E-mail: 1 không gửi được, 0 đang thử lại.',
    );
    expect(sync.html).toContain('Kiểm tra địa chỉ thư của thành viên');

    const notices = await page('GET', '/admin/notices', { cookie });
    const resend = /action="(\/admin\/notices\/so-vhttdl-bac-giang\/[0-9a-f]{32}\/resend)"/.exec(
      notices.html,
    )![1]!;
    h.smtp.unknown.clear();
    const posted = await page('POST', resend, { cookie, form: { csrf } });
    expect(posted.response.status).toBe(303);
    await runNotices(h.deps);
    expect(h.smtp.messages.map((mail) => mail.to[0]).sort()).toEqual([
      EMAIL['nguyen-manh-ha'],
      EMAIL['nguyen-van-luyen'],
    ]);
  });

  it('retries a refused SMTP sign-in, names LICHTRUC_SMTP_URL, and resends once it is fixed', async () => {
    const guarded = await startSmtpStandIn({ auth: { user: 'lichtruc', pass: 'right' } });
    const withPassword = (pass: string) =>
      createEmailChannel({
        url: guarded.url.replace('//', `//lichtruc:${pass}@`),
        from: 'lichtruc@svhttdl.test',
        domain: 'lichtruc.test',
        timeoutMs: 1500,
      });
    const wrong = withPassword('wrong');
    h.deps.channels.email = wrong;
    try {
      await h.absent('nguyen-manh-ha', '2026-12-09', 'training');
      h.advance(121);
      const first = await runNotices(h.deps);
      // Both recipients are retried, neither is given up after one refusal.
      expect(first).toMatchObject({ retried: 2, failed: 0 });
      const { cookie, csrf } = await signIn();
      const advice = 'Máy chủ thư từ chối đăng nhập: kiểm tra LICHTRUC_SMTP_URL';
      expect((await page('GET', '/admin/sync', { cookie })).html).toContain(
        'Thư điện tử / E-mail: 0 không gửi được, 2 đang thử lại.',
      );
      expect((await page('GET', '/admin/notices', { cookie })).html).toContain(advice);
      // The backoff caps at an hour; the eighth attempt gives up and the log offers a resend.
      let failed = 0;
      for (let hour = 0; hour < 12 && failed < 2; hour++) {
        h.advance(3600);
        failed += (await runNotices(h.deps)).failed;
      }
      expect(failed).toBe(2);
      const sync = (await page('GET', '/admin/sync', { cookie })).html;
      expect(sync).toContain('Thư điện tử / E-mail: 2 không gửi được, 0 đang thử lại.');
      expect(sync).toContain(advice);
      expect(sync).toContain('(gave up after 8 attempts)');
      const notices = (await page('GET', '/admin/notices', { cookie })).html;
      const resends = [...notices.matchAll(/action="(\/admin\/notices\/[^"]+\/resend)"/g)];
      expect(resends).toHaveLength(2);
      h.deps.channels.email = withPassword('right');
      for (const [, path] of resends)
        expect((await page('POST', path!, { cookie, form: { csrf } })).response.status).toBe(303);
      await runNotices(h.deps);
      expect(guarded.messages.map((mail) => [mail.user, mail.to[0]]).sort()).toEqual([
        ['lichtruc', EMAIL['nguyen-manh-ha']],
        ['lichtruc', EMAIL['nguyen-van-luyen']],
      ]);
    } finally {
      wrong.close();
      (h.deps.channels.email as { close?: () => void }).close?.();
      await guarded.close();
    }
  });

  it('adds a webhook with its secret shown once, and refuses a private URL', async () => {
    h.service.appDeps.notices = { allowPrivateWebhooks: false };
    const { cookie, csrf } = await signIn();
    const path = '/admin/notices/so-vhttdl-bac-giang/webhooks';
    const refused = await page('POST', path, {
      cookie,
      form: { csrf, url: 'https://192.168.1.10/x' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Địa chỉ webhook phải là một địa chỉ https:// công khai');
    const added = await page('POST', path, {
      cookie,
      form: { csrf, url: 'https://hooks.example.com/a' },
    });
    expect(added.html).toMatch(/<code>whsec_[A-Za-z0-9+/]{32}<\/code>/);
    const listed = await page('GET', '/admin/notices', { cookie });
    expect(listed.html).toContain('https://hooks.example.com/a');
    expect(listed.html).not.toContain('whsec_');
  });
});

describe('the staff page', () => {
  it("saves a member's choice to get no e-mail", async () => {
    const { body } = await h.service.json<{ url: string }>('POST', '/api/feeds', 201, {
      rosterId: 'so-vhttdl-bac-giang',
      memberId: 'nguyen-van-luyen',
    });
    const staff = `/my/${body.url.split('/feeds/')[1]!.replace('.ics', '')}`;
    expect((await page('GET', staff)).html).toContain('name="emailOn" value="1" checked');
    const saved = await page('POST', `${staff}/notices`, { form: { zaloOn: '1' } });
    expect(saved.response.status).toBe(303);
    const after = (await page('GET', staff)).html;
    expect(after).not.toContain('name="emailOn" value="1" checked');
    expect(after).toContain('name="zaloOn" value="1" checked');
    const prefs = await h.service.json(
      'GET',
      `${ROSTER}/members/nguyen-van-luyen/notice-preferences`,
      200,
    );
    expect(prefs.body).toEqual({ email: null, emailOn: false, zaloOn: true, reminders: false });
  });
});
