/**
 * What an admin at a desktop runs into: picking a month, reading a day to a screen reader, a change outside the
 * feeds' window, reloading after a post (Post/Redirect/Get), confirming before anything is deleted or revoked,
 * and HTML error pages under /admin.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const GRID = `/admin/rosters/${ROSTER_ID}`;
const HA = 'nguyen-manh-ha';

let service: TestService;

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
});

const { page, signIn, followNewFeed } = pagesOf(() => service);

const liveFeeds = async () =>
  (
    await service.json<{ feeds: { revokedAt: string | null }[] }>('GET', '/api/feeds', 200)
  ).body.feeds.filter((feed) => !feed.revokedAt).length;
const absences = async () =>
  (await service.json<{ absences: unknown[] }>('GET', `/api/rosters/${ROSTER_ID}/absences`, 200))
    .body.absences;

describe('the month grid', () => {
  it('has a month/year picker, a caption, header scopes, and names who is on duty to screen readers', async () => {
    const { cookie } = await signIn();
    const { html } = await page('GET', `${GRID}?year=2024&mon=04`, { cookie });
    expect(html).toContain('<title>Lịch tháng 04/2024 – Lịch trực</title>');
    expect(html).toContain(`<form class="picker" method="get" action="${GRID}">`);
    expect(html).toContain('<option value="04" selected>04</option>');
    expect(html).toContain('<caption>Lịch trực tháng 04/2024</caption>');
    expect(html).toContain('<th scope="col">Thứ Hai</th>');
    expect(html).toContain(
      'aria-label="Thứ Hai 22/04/2024: Bà Nguyễn Mạnh Hà (thường lệ)">22/04</a>',
    );
    expect(html).toContain('aria-label="Thứ Năm 18/04/2024: Giỗ Tổ Hùng Vương">18/04</a>');
  });

  it('answers ?month=2024-13 with an error and the picker, not the current month', async () => {
    const { cookie } = await signIn();
    const { response, html } = await page('GET', `${GRID}?month=2024-13`, { cookie });
    expect(response.status).toBe(422);
    expect(html).toContain('"2024-13" không phải một tháng (YYYY-MM, tháng từ 01 đến 12)');
    expect(html).not.toContain('<table class="month">');
    expect(html).toContain('<form class="picker"');
  });
});

describe('a change outside the feeds window', () => {
  it('is saved, and the page says subscribed calendars will not show it (180 days back)', async () => {
    const { cookie, csrf } = await signIn();
    const form = { csrf, kind: 'absence', memberId: HA, from: '2023-10-02', to: '2023-10-02' };
    const saved = await page('POST', `${GRID}/days/2023-10-02/confirm`, {
      cookie,
      form: { ...form, reason: 'leave' },
    });
    expect(saved.response.status).toBe(303);
    const location = saved.response.headers.get('location')!;
    expect(location).toBe(`${GRID}?month=2023-10&saved=1&outside=past`);
    const grid = await page('GET', location, { cookie });
    expect(grid.html).toContain(
      'lịch đã đăng ký qua đường liên kết (ICS) chỉ hiện 180 ngày gần nhất',
    );
    const inside = await page('POST', `${GRID}/days/2024-05-06/confirm`, {
      cookie,
      form: { ...form, from: '2024-05-06', to: '2024-05-06', reason: 'leave' },
    });
    expect(inside.response.headers.get('location')).toBe(`${GRID}?month=2024-05&saved=1`);
  });

  it('previews a far-future absence made from another day under its own dates, and returns to its month', async () => {
    const { cookie, csrf } = await signIn();
    const query = `kind=absence&memberId=${HA}&from=2025-09-01&to=2025-09-03&reason=training`;
    const preview = await page('GET', `${GRID}/days/2024-05-06/preview?${query}`, { cookie });
    expect(preview.html).toContain(
      '<title>Xem trước – Thứ Hai 01/09/2025 – Thứ Tư 03/09/2025 – Lịch trực</title>',
    );
    expect(preview.html).toContain('Thứ Hai 01/09/2025');
    const saved = await page('POST', `${GRID}/days/2024-05-06/confirm`, {
      cookie,
      form: { csrf, ...Object.fromEntries(new URLSearchParams(query)) },
    });
    expect(saved.response.headers.get('location')).toBe(
      `${GRID}?month=2025-09&saved=1&outside=future`,
    );
    const grid = await page('GET', saved.response.headers.get('location')!, { cookie });
    expect(grid.html).toContain('chỉ hiện 400 ngày tới');
  });
});

describe('Post/Redirect/Get and confirm steps', () => {
  it('shows a new link after a redirect: reloading it creates no second live link', async () => {
    const { cookie, csrf } = await signIn();
    const before = await liveFeeds();
    const posted = await page('POST', '/admin/feeds', {
      cookie,
      form: { csrf, rosterId: ROSTER_ID, memberId: HA, label: '' },
    });
    expect(posted.response.status).toBe(303);
    const shown = await followNewFeed(cookie, posted.response);
    const again = await followNewFeed(cookie, posted.response);
    const link = /https:\/\/lichtruc\.test\/feeds\/[A-Za-z0-9_-]{43}\.ics/;
    expect(shown.html.match(link)?.[0]).toBeDefined();
    expect(again.html.match(link)?.[0]).toBe(shown.html.match(link)?.[0]);
    expect(await liveFeeds()).toBe(before + 1);
    // Another browser (no cookie) is not shown the link.
    const elsewhere = await page('GET', '/admin/feeds/new', { cookie });
    expect(elsewhere.response.status).toBe(404);
    expect(elsewhere.html).not.toMatch(link);
  });

  it('asks before revoking a link; only the confirmed POST revokes it', async () => {
    const { body: feed } = await service.json<{ id: string }>('POST', '/api/feeds', 201, {
      rosterId: ROSTER_ID,
      memberId: HA,
    });
    const { cookie, csrf } = await signIn();
    const list = await page('GET', '/admin/feeds', { cookie });
    expect(list.html).toContain(
      `<a class="button danger" href="/admin/feeds/${feed.id}/revoke">Thu hồi…</a>`,
    );
    const ask = await page('GET', `/admin/feeds/${feed.id}/revoke`, { cookie });
    expect(ask.html).toContain('Bà Nguyễn Mạnh Hà');
    expect(ask.html).toContain('Không hoàn tác được');
    expect(await liveFeeds()).toBe(1);
    await page('POST', `/admin/feeds/${feed.id}/revoke`, { cookie, form: { csrf } });
    expect(await liveFeeds()).toBe(0);
  });

  it('asks before deleting an absence, naming whose and which days; asks a closed month for its reason', async () => {
    const {
      body: { absence },
    } = await service.json<{ absence: { id: string } }>(
      'POST',
      `/api/rosters/${ROSTER_ID}/absences`,
      201,
      { memberId: HA, from: '2024-05-06', to: '2024-05-10', reason: 'leave' },
    );
    service.setNow('2024-07-01T02:00:00Z');
    await service.json('POST', `/api/rosters/${ROSTER_ID}/months/2024-05/close`, 201);
    const { cookie, csrf } = await signIn();
    const path = `${GRID}/absences/${absence.id}/delete`;
    const ask = await page('GET', path, { cookie });
    expect(ask.html).toContain(
      '<strong>Bà Nguyễn Mạnh Hà</strong>, nghỉ phép: 06/05/2024 – 10/05/2024',
    );
    expect(await absences()).toHaveLength(1);
    const refused = await page('POST', path, { cookie, form: { csrf, correctionReason: '' } });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Tháng 05/2024 đã chốt số liệu');
    expect(refused.html).toContain('<span class="field-error" id="error-correctionReason">');
    expect(await absences()).toHaveLength(1);
    const done = await page('POST', path, {
      cookie,
      form: { csrf, correctionReason: 'Nhập nhầm' },
    });
    expect(done.response.status).toBe(303);
    expect(await absences()).toHaveLength(0);
  });
});

describe('HTML error pages under /admin', () => {
  it('answers an unknown page and a missing roster with a Vietnamese HTML 404, the API with problem+json', async () => {
    const { cookie } = await signIn();
    const unknown = await page('GET', '/admin/no-such-page', { cookie });
    expect(unknown.response.status).toBe(404);
    expect(unknown.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(unknown.html).toContain('<title>Không tìm thấy trang – Lịch trực</title>');
    const roster = await page('GET', '/admin/rosters/khong-co', { cookie });
    expect(roster.response.status).toBe(404);
    expect(roster.html).toContain('Lịch trực "khong-co" không tồn tại');
    expect(roster.html).toContain('action="/admin/logout"');
    const english = await page('GET', '/admin/rosters/khong-co?lang=en', { cookie });
    expect(english.html).toContain('Roster "khong-co" does not exist');
    const api = await service.request('GET', '/api/rosters/khong-co');
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers an unexpected failure with a 500 page giving the request id', async () => {
    const { cookie } = await signIn();
    const logged: string[] = [];
    service.appDeps.logError = (_error, requestId) => logged.push(requestId);
    service.appDeps.store.listRosters = () => Promise.reject(new Error('disk on fire'));
    const failed = await page('GET', '/admin', { cookie });
    expect(failed.response.status).toBe(500);
    expect(failed.html).toContain('Lỗi máy chủ');
    expect(failed.html).not.toContain('disk on fire');
    expect(logged).toHaveLength(1);
    expect(failed.html).toContain(`<code>${logged[0]}</code>`);
  });
});
