/**
 * The admin pages in Vietnamese, as an office admin reads them: refusals with people's names and dd/MM/yyyy next
 * to their fields, the audit log and the sync page in words, the extra-day-off notice; and a walk through every
 * admin page and refusal that fails on any English sentence.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../support/accounts.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const GRID = `/admin/rosters/${ROSTER_ID}`;
const HA = 'nguyen-manh-ha';

let service: TestService;

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
});

const { page, signIn } = pagesOf(() => service);

/** Words of English sentences that Vietnamese text never uses. */
const ENGLISH =
  /\b(the|is|are|was|of|and|with|before|after|does|not|must|expected|required|should|cannot|exists?|overlaps|only|this|that|from|invalid|valid|roster|someone|again|please)\b/gi;

/** The English words in what a reader sees: no head, no tags, not the "English" link (marked lang="en"). */
function englishIn(html: string): string[] {
  const visible = html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<a [^>]*\blang="en"[^>]*>[^<]*<\/a>/g, '')
    .replace(/<[^>]+>/g, ' ');
  return [...new Set(visible.match(ENGLISH) ?? [])];
}

const absence = { memberId: HA, from: '2024-05-06', to: '2024-05-10', reason: 'leave' };

describe('refusals in Vietnamese, next to their fields', () => {
  it("names the person and the days of an overlapping absence next to 'Từ ngày'", async () => {
    await service.json('POST', `/api/rosters/${ROSTER_ID}/absences`, 201, absence);
    const { cookie } = await signIn();
    const query = new URLSearchParams({ kind: 'absence', ...absence, from: '2024-05-08' });
    const refused = await page('GET', `${GRID}/days/2024-05-08/preview?${query}`, { cookie });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain(
      'Từ ngày<input type="date" name="from" required value="2024-05-08"><span class="field-error" id="error-from">trùng với một ngày vắng khác của Bà Nguyễn Mạnh Hà (từ 06/05/2024 đến 10/05/2024)</span>',
    );
    const backwards = new URLSearchParams({ kind: 'absence', ...absence, to: '2024-05-01' });
    const before = await page('GET', `${GRID}/days/2024-05-06/preview?${backwards}`, { cookie });
    expect(before.html).toContain('id="error-to">ngày kết thúc trước ngày bắt đầu</span>');
    const api = await service.request('POST', `/api/rosters/${ROSTER_ID}/absences`, {
      body: { ...absence, from: '2024-05-08' },
    });
    // The API keeps its English problem+json.
    expect(await api.json()).toMatchObject({
      status: 409,
      detail: 'overlaps another absence of nguyen-manh-ha (2024-05-06 to 2024-05-10)',
      errors: [
        {
          field: 'from',
          message: 'overlaps another absence of nguyen-manh-ha (2024-05-06 to 2024-05-10)',
        },
      ],
    });
  });

  it('records an extra day off with its source, and reports every problem of the form at once', async () => {
    const { cookie, csrf } = await signIn();
    const form = {
      csrf,
      intent: 'day-off',
      dayOffDate: '2024-05-11',
      dayOffName: '',
      sourceNumber: '100/TB-VPCP',
      sourceDate: '2024-05-03',
      sourceIssuer: '',
    };
    const refused = await page('POST', '/admin/holidays/day-off?year=2024', { cookie, form });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain(
      'id="error-dayOffDate">11/05/2024 là ngày cuối tuần, vốn đã được nghỉ',
    );
    expect(refused.html).toContain('id="error-sourceIssuer">cần nhập</span>');
    const saved = await page('POST', '/admin/holidays/day-off?year=2024', {
      cookie,
      form: { ...form, dayOffDate: '2024-05-13', sourceIssuer: 'Văn phòng Chính phủ' },
    });
    expect(saved.response.status).toBe(303);
    const { body } = await service.json<{ closedDays: { date: string; name: string }[] }>(
      'GET',
      `/api/rosters/${ROSTER_ID}/schedule?from=2024-05-13&to=2024-05-13`,
      200,
    );
    expect(body.closedDays).toMatchObject([{ date: '2024-05-13', name: 'Ngày nghỉ bổ sung' }]);
  });

  it('shows the audit log in words with names, and the sync page without Resync when nothing is configured', async () => {
    await service.json('POST', `/api/rosters/${ROSTER_ID}/absences`, 201, absence);
    const { cookie } = await signIn();
    const audit = await page('GET', `/admin/audit?rosterId=${ROSTER_ID}`, { cookie });
    expect(audit.html).toMatch(
      /<td>Ghi nhận ngày vắng<\/td><td>Lịch trực Bộ phận Một cửa[^<]*<\/td><td>Bà Nguyễn Mạnh Hà, 06\/05\/2024 – 10\/05\/2024<\/td>/,
    );
    expect(audit.html).toContain('<td>Tạo lịch trực</td>');
    const sync = await page('GET', '/admin/sync', { cookie });
    expect(sync.html).not.toContain('Đồng bộ lại…');
    expect(sync.html).toContain('GOOGLE_SERVICE_ACCOUNT_KEY');
    expect(sync.html).toContain('publish.google.calendarId');
  });
});

describe('a walk through the admin pages in Vietnamese', () => {
  it('finds no English sentence on any page or refusal (and finds them in English)', async () => {
    const { body } = await service.json<{ absence: { id: string } }>(
      'POST',
      `/api/rosters/${ROSTER_ID}/absences`,
      201,
      absence,
    );
    const { body: feed } = await service.json<{ id: string }>('POST', '/api/feeds', 201, {
      rosterId: ROSTER_ID,
      memberId: HA,
    });
    const viewer = await addAccount(service, 'lanh-dao', 'viewer', 'so-vhttdl');
    const [token] = await service.ctx.store.accounts.tokensOf(viewer.id);
    const { cookie, csrf } = await signIn();
    // E-mail configured: the sign-in page offers one-time links (a stand-in channel: no mail leaves here).
    service.appDeps.signInMail = { send: async () => ({ status: 'delivered' }) };
    const overlap = new URLSearchParams({ kind: 'absence', ...absence, from: '2024-05-08' });
    const gets = [
      '/admin/login',
      `/admin/login/link/${'A'.repeat(43)}`,
      `/admin/accounts/${viewer.id}/email`,
      '/admin/accounts',
      '/admin/tokens',
      '/admin/tokens/new',
      `/admin/accounts/${viewer.id}/tokens/${token!.id}/revoke`,
      '/admin/password',
      `/admin/accounts/${viewer.id}/password`,
      `/admin/accounts/${viewer.id}/password?done=1`,
      `/admin/accounts/${viewer.id}/disable`,
      '/admin',
      `${GRID}?month=2024-05`,
      `${GRID}?month=2024-13`,
      `${GRID}/days/2024-05-06`,
      `${GRID}/days/2024-05-06/preview?kind=absence&memberId=${HA}&from=2024-05-13&to=2024-05-13&reason=sick`,
      `${GRID}/days/2024-05-08/preview?${overlap}`,
      `${GRID}/days/2024-05-01/preview?kind=override&memberId=${HA}`,
      `${GRID}/absences`,
      `${GRID}/absences/${body.absence.id}/delete`,
      `${GRID}/members`,
      `${GRID}/report?from=2024-04-15&to=2024-06-30`,
      `${GRID}/report?from=2024-06-30&to=2024-04-15`,
      '/admin/holidays?year=2026',
      '/admin/holidays/revert?date=2026-11-24&action=remove',
      '/admin/feeds',
      `/admin/feeds/${feed.id}/revoke`,
      '/admin/feeds/new',
      '/admin/sync',
      `/admin/audit?rosterId=${ROSTER_ID}`,
      '/admin/import',
      '/admin/no-such-page',
      '/admin/rosters/khong-co',
    ];
    const posts: [string, Record<string, string>][] = [
      [
        '/admin/holidays/notice?year=2024',
        { intent: 'notice', swappedDate: '2024-05-06', makeupDate: '2024-05-07' },
      ],
      ['/admin/holidays/day-off?year=2024', { intent: 'day-off', dayOffDate: '2024-02-30' }],
      [`/admin/sync/${ROSTER_ID}/preview`, {}],
      ['/admin/feeds', { rosterId: ROSTER_ID, memberId: 'khong-co' }],
      ['/admin/import', { action: 'read', text: 'Sôû Vaên hoùa, Theå thao vaø Du lòch' }],
      ['/admin/tokens', { accountId: viewer.id, label: '' }],
      ['/admin/password', { current: 'x', password: 'ngan', repeat: 'khac' }],
      [`/admin/accounts/${viewer.id}/password`, { password: 'ngan', repeat: 'khac' }],
      [`/admin/accounts/${viewer.id}/email`, { email: 'khong-phai-dia-chi' }],
      ['/admin/login/link', { who: '' }],
    ];
    const found: Record<string, string[]> = {};
    for (const path of gets) {
      const words = englishIn((await page('GET', path, { cookie })).html);
      if (words.length > 0) found[path] = words;
    }
    for (const [path, form] of posts) {
      const { response, html } = await page('POST', path, { cookie, form: { csrf, ...form } });
      expect(response.status, path).toBe(422);
      const words = englishIn(html);
      if (words.length > 0) found[`POST ${path}`] = words;
    }
    expect(found).toEqual({});
    // The same refusal in English is caught, so the walk above can fail.
    const english = await page('GET', `${GRID}/days/2024-05-08/preview?${overlap}&lang=en`, {
      cookie,
    });
    expect(englishIn(english.html)).toEqual(expect.arrayContaining(['overlaps', 'of']));
  });
});
