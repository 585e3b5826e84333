/**
 * The web pages as a browser meets them (HTML over the in-memory service): the staff page of a feed link, and the
 * admin pages behind a session: sign-in, the month grid, a day's preview then confirm, feed rotation, resync.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import { ADMIN_TOKEN, PUBLIC_URL, startTestService, type TestService } from '../support/service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const HA = 'nguyen-manh-ha';

let service: TestService;

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
});

async function createFeed(
  memberId?: string,
): Promise<{ id: string; url: string; webcalUrl: string; token: string }> {
  const { body } = await service.json<{ id: string; url: string; webcalUrl: string }>(
    'POST',
    '/api/feeds',
    201,
    { rosterId: ROSTER_ID, ...(memberId ? { memberId } : {}) },
  );
  return { ...body, token: /\/feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(body.url)![1]! };
}

const { page, signIn, followNewFeed } = pagesOf(() => service);

describe('GET /my/{token}: the staff page of a feed link', () => {
  it("shows a member's next duties first, plainly, with hours marked provisional, then the subscribe buttons", async () => {
    const feed = await createFeed(HA);
    const { response, html } = await page('GET', `/my/${feed.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Lịch trực – Bà Nguyễn Mạnh Hà');
    expect(html).toContain('Thứ Hai 06/05/2024');
    // Her own day reads as duty, the position as her role (not "Trực chính: Bà …").
    expect(html).toContain(
      '<div>Trực Bộ phận Một cửa</div><div class="muted">Vai trò: trực chính</div>',
    );
    expect(html).not.toContain('Trực chính: Bà Nguyễn Mạnh Hà');
    expect(html).toContain('07h00–11h30, 13h30–17h00 (dự kiến)');
    expect(html).toContain('Trung tâm Phục vụ hành chính công tỉnh Bắc Giang');
    // The làm bù Saturday, and not a Tuesday (Ông Luyện's).
    expect(html).toContain('Thứ Bảy 04/05/2024');
    expect(html).toContain('Trực Bộ phận Một cửa (Thứ Bảy làm bù cho Thứ Hai 29/04/2024)');
    expect(html).not.toContain('Thứ Ba 07/05/2024');
    // Duties before the subscribe buttons; after the sixth, the rest is folded.
    expect(html.indexOf('Thứ Hai 06/05/2024')).toBeLessThan(html.indexOf('iPhone / iPad'));
    expect(html).toMatch(/<details class="more"><summary>Xem thêm \d+ ca trực<\/summary>/);

    // The subscribe card's buttons (the requests part below has its own).
    const subscribe = html.slice(html.indexOf('id="dang-ky"'), html.indexOf('id="yeu-cau"'));
    const buttons = [
      ...subscribe.matchAll(/<a class="button[^"]*" href="([^"]+)"[^>]*>([^<]+)<\/a>/g),
    ].map((match) => [match[2], match[1]!.replaceAll('&amp;', '&')]);
    const name = encodeURIComponent('Lịch trực – Bà Nguyễn Mạnh Hà');
    expect(buttons).toEqual([
      ['iPhone / iPad', feed.webcalUrl],
      [
        'Android – Google Calendar',
        `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(feed.webcalUrl)}`,
      ],
      [
        'Outlook (cơ quan)',
        `https://outlook.office.com/calendar/0/addfromweb?url=${encodeURIComponent(feed.url)}&name=${name}`,
      ],
      [
        'Outlook.com',
        `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feed.url)}&name=${name}`,
      ],
      ['Tải tệp .ics', feed.url],
    ]);
    // The https link, to paste where webcal is refused; the QR code, folded for small screens.
    expect(html).toContain(`<input type="text" readonly value="${feed.url}"`);
    expect(html).toMatch(
      /<details class="qr-fold"><summary>Mã QR[^<]*<\/summary>\s*<div class="qr"[^>]*><svg/,
    );
    expect(html).not.toMatch(/<script/i);
  });

  it('addresses the officer formally and shows who covers them; the roster feed names every officer with a role', async () => {
    await service.json('POST', `/api/rosters/${ROSTER_ID}/absences`, 201, {
      memberId: HA,
      from: '2024-05-06',
      to: '2024-05-06',
      reason: 'leave',
    });
    const member = await createFeed(HA);
    const mine = await page('GET', `/my/${member.token}`);
    expect(mine.html).toContain('<h2>Người trực thay Bà Nguyễn Mạnh Hà</h2>');
    expect(mine.html).toContain(
      'Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)',
    );
    const text = mine.html.replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/\bbạn\b/i);
    const roster = await createFeed();
    const all = await page('GET', `/my/${roster.token}`);
    expect(all.html).toContain(
      '<div>Ông Nguyễn Văn Luyện</div><div class="muted">Vai trò: trực dự bị</div>',
    );
    const english = await page('GET', `/my/${roster.token}?lang=en`);
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain('Tuesday 07/05/2024');
    expect(english.html).toContain('<div class="muted">Role: backup</div>');
    expect(english.html).toContain('07h00–11h30, 13h30–17h00 (provisional)');
    expect(english.html).toContain('>Outlook (work)</a>');
  });

  it('answers 410 for a revoked link and 404 for an unknown one, like the feed', async () => {
    const feed = await createFeed();
    await service.json('DELETE', `/api/feeds/${feed.id}`, 204);
    const revoked = await page('GET', `/my/${feed.token}`);
    expect(revoked.response.status).toBe(410);
    expect(revoked.html).toContain('Xin liên hệ quản trị viên');
    expect((await page('GET', `/my/${'x'.repeat(43)}`)).response.status).toBe(404);
  });
});

describe('admin sign-in', () => {
  it('stays on the sign-in page with an error for a wrong token, and sets no cookie', async () => {
    const { response, html } = await page('POST', '/admin/login', {
      form: { token: 'not-the-token' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(html).toContain('Mã quản trị không đúng');
    expect(html).toContain('name="token"');
  });

  it('sets an HttpOnly, SameSite=Strict, Secure session cookie for /admin with the right token', async () => {
    const { response } = await page('POST', '/admin/login', { form: { token: ADMIN_TOKEN } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/Secure/);
    // The token is not stored in clear.
    const rows = (
      await service.ctx.store.db
        .prepare('SELECT token_hash FROM admin_sessions')
        .all<{ token_hash: string }>()
    ).results;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toBe(/=([^;]+)/.exec(cookie)![1]);
  });

  it('sends a visitor without a session to the sign-in page, and signing out ends the session', async () => {
    const anonymous = await page('GET', '/admin');
    expect(anonymous.response.status).toBe(303);
    expect(anonymous.response.headers.get('location')).toBe('/admin/login');
    const { cookie, csrf } = await signIn();
    expect((await page('POST', '/admin/logout', { cookie, form: { csrf } })).response.status).toBe(
      303,
    );
    expect((await page('GET', '/admin', { cookie })).response.status).toBe(303);
  });

  it('expires a session after 12 hours', async () => {
    const { cookie } = await signIn();
    service.setNow('2024-05-02T13:00:01Z');
    expect((await page('GET', '/admin', { cookie })).response.status).toBe(303);
  });
});

describe('admin month grid and day changes', () => {
  it('shows May 2024: 01/05 closed for Labour Day, 04/05 a làm bù Saturday', async () => {
    const { cookie } = await signIn();
    const { response, html } = await page('GET', `/admin/rosters/${ROSTER_ID}?month=2024-05`, {
      cookie,
    });
    expect(response.status).toBe(200);
    const cell = (date: string) =>
      new RegExp(`<td[^>]*data-date="${date}"[^>]*>([\\s\\S]*?)</td>`).exec(html)?.[0] ?? '';
    expect(cell('2024-05-01')).toContain('class="closed"');
    expect(cell('2024-05-01')).toContain('Ngày Quốc tế Lao động');
    expect(cell('2024-05-04')).toContain('Làm bù');
    expect(cell('2024-05-04')).toContain('Bà Nguyễn Mạnh Hà');
    expect(cell('2024-05-07')).toContain('Ông Nguyễn Văn Luyện');
    expect(html).toContain(`href="/admin/rosters/${ROSTER_ID}/days/2024-05-06"`);
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses a POST without the CSRF token (403) or from another site, and stores nothing', async () => {
    const { cookie, csrf } = await signIn();
    const form = {
      kind: 'absence',
      memberId: HA,
      from: '2024-05-06',
      to: '2024-05-06',
      reason: 'leave',
    };
    const missing = await page('POST', `/admin/rosters/${ROSTER_ID}/days/2024-05-06/confirm`, {
      cookie,
      form,
    });
    expect(missing.response.status).toBe(403);
    const wrong = await page('POST', `/admin/rosters/${ROSTER_ID}/days/2024-05-06/confirm`, {
      cookie,
      form: { ...form, csrf: 'x'.repeat(43) },
    });
    expect(wrong.response.status).toBe(403);
    const foreign = await page('POST', `/admin/rosters/${ROSTER_ID}/days/2024-05-06/confirm`, {
      cookie,
      form: { ...form, csrf },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.response.status).toBe(403);
    // Under Referrer-Policy: no-referrer a browser sends `Origin: null`; then Sec-Fetch-Site must say same-origin.
    const opaque = await page('POST', `/admin/rosters/${ROSTER_ID}/days/2024-05-06/confirm`, {
      cookie,
      form: { ...form, csrf },
      headers: { origin: 'null', 'sec-fetch-site': 'cross-site' },
    });
    expect(opaque.response.status).toBe(403);
    const { body } = await service.json<{ absences: unknown[] }>(
      'GET',
      `/api/rosters/${ROSTER_ID}/absences`,
      200,
    );
    expect(body.absences).toEqual([]);
  });

  it('previews an absence with its cover without saving, then stores it on confirm', async () => {
    const { cookie, csrf } = await signIn();
    const day = await page('GET', `/admin/rosters/${ROSTER_ID}/days/2024-05-06`, { cookie });
    expect(day.html).toContain('Thứ Hai 06/05/2024');
    const form = {
      csrf,
      kind: 'absence',
      memberId: HA,
      from: '2024-05-06',
      to: '2024-05-06',
      reason: 'leave',
      note: '',
      correctionReason: '',
    };
    // Previewing stores nothing, so the form is a GET: reloading the preview re-posts nothing.
    expect(day.html).toContain(
      `<form class="stack card" method="get" action="/admin/rosters/${ROSTER_ID}/days/2024-05-06/preview">`,
    );
    const { csrf: _csrf, ...query } = form;
    const preview = await page(
      'GET',
      `/admin/rosters/${ROSTER_ID}/days/2024-05-06/preview?${new URLSearchParams(query)}`,
      { cookie },
    );
    expect(preview.response.status).toBe(200);
    expect(preview.html).toContain('<title>Xem trước – Thứ Hai 06/05/2024 – Lịch trực</title>');
    expect(preview.html).toContain('Trực chính: Bà Nguyễn Mạnh Hà');
    expect(preview.html).toContain(
      'Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)',
    );
    expect(preview.html).toContain('/confirm');
    expect(
      (
        await service.json<{ absences: unknown[] }>(
          'GET',
          `/api/rosters/${ROSTER_ID}/absences`,
          200,
        )
      ).body.absences,
    ).toEqual([]);

    const confirm = await page('POST', `/admin/rosters/${ROSTER_ID}/days/2024-05-06/confirm`, {
      cookie,
      form,
    });
    expect(confirm.response.status).toBe(303);
    expect(confirm.response.headers.get('location')).toBe(
      `/admin/rosters/${ROSTER_ID}?month=2024-05&saved=1`,
    );
    const { body } = await service.json<{
      absences: { memberId: string; from: string; createdBy: string }[];
    }>('GET', `/api/rosters/${ROSTER_ID}/absences`, 200);
    expect(body.absences).toMatchObject([{ memberId: HA, from: '2024-05-06', createdBy: 'admin' }]);
    const grid = await page('GET', `/admin/rosters/${ROSTER_ID}?month=2024-05&saved=1`, { cookie });
    expect(grid.html).toContain('Đã lưu thay đổi');

    const list = await page('GET', `/admin/rosters/${ROSTER_ID}/absences`, { cookie });
    expect(list.html).toContain('06/05/2024');
    expect(list.html).toContain('nghỉ phép');
  });

  it('shows a refused change in words on the day page, and stores nothing', async () => {
    const { cookie, csrf } = await signIn();
    const refused = await page(
      'GET',
      `/admin/rosters/${ROSTER_ID}/days/2024-05-01/preview?kind=override&memberId=${HA}`,
      { cookie },
    );
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Không lưu được');
    expect(refused.html).toContain('ngày 01/05/2024 là ngày nghỉ, không có ca trực');
    const confirmed = await page('POST', `/admin/rosters/${ROSTER_ID}/days/2024-05-01/confirm`, {
      cookie,
      form: { csrf, kind: 'override', memberId: HA },
    });
    expect(confirmed.response.status).toBe(422);
    expect(
      (
        await service.json<{ overrides: unknown[] }>(
          'GET',
          `/api/rosters/${ROSTER_ID}/overrides`,
          200,
        )
      ).body.overrides,
    ).toEqual([]);
  });
});

describe('admin feed links, sync and audit', () => {
  it('rotates a link: the old one answers 410 and the new one is shown once with its QR code', async () => {
    const feed = await createFeed(HA);
    const { cookie, csrf } = await signIn();
    const list = await page('GET', '/admin/feeds', { cookie });
    expect(list.html).toContain(`data-feed="${feed.id}"`);
    const confirm = await page('GET', `/admin/feeds/${feed.id}/rotate`, { cookie });
    expect(confirm.html).toContain('Bà Nguyễn Mạnh Hà');
    expect(confirm.html).toContain(`action="/admin/feeds/${feed.id}/rotate"`);
    const posted = await page('POST', `/admin/feeds/${feed.id}/rotate`, {
      cookie,
      form: { csrf },
    });
    expect(posted.response.status).toBe(303);
    expect(posted.response.headers.get('location')).toBe('/admin/feeds/new');
    const rotated = await followNewFeed(cookie, posted.response);
    expect(rotated.response.status).toBe(200);
    const newUrl = new RegExp(`${PUBLIC_URL}/feeds/([A-Za-z0-9_-]{43})\\.ics`).exec(rotated.html);
    expect(newUrl?.[1]).toBeDefined();
    expect(newUrl![1]).not.toBe(feed.token);
    expect(rotated.html).toMatch(/<svg/);
    expect((await service.request('GET', `/feeds/${feed.token}.ics`, { token: null })).status).toBe(
      410,
    );
    expect((await service.request('GET', `/feeds/${newUrl![1]}.ics`, { token: null })).status).toBe(
      200,
    );
    expect((await page('GET', `/my/${newUrl![1]}`)).response.status).toBe(200);
  });

  it('creates and revokes a link from the pages', async () => {
    const { cookie, csrf } = await signIn();
    const posted = await page('POST', '/admin/feeds', {
      cookie,
      form: { csrf, rosterId: ROSTER_ID, memberId: '', label: 'Bảng tin' },
    });
    expect(posted.response.status).toBe(303);
    const created = await followNewFeed(cookie, posted.response);
    expect(created.response.status).toBe(200);
    const token = /\/feeds\/([A-Za-z0-9_-]{43})\.ics/.exec(created.html)![1]!;
    const { body } = await service.json<{ feeds: { id: string; label: string }[] }>(
      'GET',
      '/api/feeds',
      200,
    );
    expect(body.feeds).toMatchObject([{ label: 'Bảng tin' }]);
    const revoked = await page('POST', `/admin/feeds/${body.feeds[0]!.id}/revoke`, {
      cookie,
      form: { csrf },
    });
    expect(revoked.response.status).toBe(303);
    expect((await service.request('GET', `/feeds/${token}.ics`, { token: null })).status).toBe(410);
  });

  it('explains a resync dry run when no calendar provider is configured', async () => {
    const { cookie, csrf } = await signIn();
    const status = await page('GET', '/admin/sync', { cookie });
    expect(status.html).toContain('chưa cấu hình Google Calendar hay Outlook');
    const preview = await page('POST', `/admin/sync/${ROSTER_ID}/preview`, {
      cookie,
      form: { csrf },
    });
    expect(preview.response.status).toBe(422);
    expect(preview.html).toContain('chưa cấu hình nhà cung cấp lịch nào');
  });

  it('filters the audit log by roster and actor', async () => {
    await createFeed();
    const { cookie } = await signIn();
    const byAdmin = await page('GET', `/admin/audit?rosterId=${ROSTER_ID}&actor=admin`, { cookie });
    expect(byAdmin.html).toContain('feed.create');
    expect(byAdmin.html).not.toContain('roster.create');
    const { body } = await service.json<{ entries: { action: string; actor: string }[] }>(
      'GET',
      `/api/audit?rosterId=${ROSTER_ID}`,
      200,
    );
    const provisioner = body.entries.find((entry) => entry.action === 'roster.create')!.actor;
    const byTest = await page(
      'GET',
      `/admin/audit?rosterId=${ROSTER_ID}&actor=${encodeURIComponent(provisioner)}`,
      { cookie },
    );
    expect(byTest.html).toContain('roster.create');
    expect(byTest.html).not.toContain('feed.create');
  });
});
