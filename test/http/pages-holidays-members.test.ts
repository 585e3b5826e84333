/**
 * The admin pages of the holiday table (a late notice, a pending day coming into force) and of a roster's members
 * (read-only for a file-defined roster; add, stale version, refused removal for an API-managed one), as a browser
 * meets them: signed in, every form with its CSRF token.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';

let service: TestService;

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
});

const { page, signIn } = pagesOf(() => service);

const row = (html: string, attribute: string, value: string) =>
  new RegExp(`<tr[^>]*${attribute}="${value}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[0] ?? '';
const cell = (html: string, date: string) =>
  new RegExp(`<td[^>]*data-date="${date}"[^>]*>([\\s\\S]*?)</td>`).exec(html)?.[0] ?? '';

type Table = {
  entries: { date: string; status: string; kind: string; source?: string }[];
  sources: { id: string; number: string }[];
};
type Schedule = { slots: unknown[]; closedDays: { date: string; name: string }[] };

describe('admin holiday table page', () => {
  it('shows the 2026 table with 24/11 pending, an estimated year as "dự kiến", and a link in the header', async () => {
    const { cookie } = await signIn();
    const { response, html } = await page('GET', '/admin/holidays?year=2026', { cookie });
    expect(response.status).toBe(200);
    expect(html).toContain('Bảng ngày nghỉ 2026');
    expect(html).toContain('href="/admin/holidays"');
    const culture = row(html, 'data-date', '2026-11-24');
    expect(culture).toContain('24/11/2026');
    expect(culture).toContain('Thứ Ba');
    expect(culture).toContain('Ngày Văn hóa Việt Nam');
    expect(culture).toContain('chờ hiệu lực');
    expect(row(html, 'data-date', '2026-01-10')).toContain('Làm bù');
    expect(row(html, 'data-date', '2026-01-10')).toContain('12729/VPCP-KGVX');
    expect(html).toContain(`action="/admin/holidays/days/2026-11-24/in-force?year=2026"`);
    expect(html).not.toMatch(/<script/i);

    const estimated = await page('GET', '/admin/holidays?year=2031&lang=en', { cookie });
    expect(estimated.html).toContain('estimated from the lunar calendar');
    expect((await page('GET', '/admin/holidays?year=2031', { cookie })).html).toContain('dự kiến');
  });

  it('puts 24/11/2026 in force with its source: the office is closed that day', async () => {
    const { cookie, csrf } = await signIn();
    const form = {
      csrf,
      sourceNumber: '…/2026/QH15',
      sourceDate: '2026-06',
      sourceIssuer: 'Quốc hội',
      sourceTitle: 'Luật sửa đổi Bộ luật Lao động',
      correctionReason: '',
    };
    const saved = await page('POST', '/admin/holidays/days/2026-11-24/in-force?year=2026', {
      cookie,
      form,
    });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe('/admin/holidays?year=2026&saved=1');
    const { body } = await service.json<Schedule>(
      'GET',
      `/api/rosters/${ROSTER_ID}/schedule?from=2026-11-24&to=2026-11-24`,
      200,
    );
    expect(body).toMatchObject({
      slots: [],
      closedDays: [{ date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam' }],
    });
    const after = await page('GET', '/admin/holidays?year=2026&saved=1', { cookie });
    expect(after.html).toContain('Đã lưu bảng ngày nghỉ');
    const culture = row(after.html, 'data-date', '2026-11-24');
    expect(culture).toContain('chính thức');
    expect(culture).toContain('…/2026/QH15 ngày 06/2026 – Quốc hội');
    expect(culture).toContain('sửa bởi admin');

    // Undo the edit: back to the base table, pending again, and the office open.
    const undone = await page('POST', '/admin/holidays/revert?year=2026', {
      cookie,
      form: { csrf, date: '2026-11-24', action: 'undo', correctionReason: '' },
    });
    expect(undone.response.status).toBe(303);
    expect(
      (
        await service.json<Schedule>(
          'GET',
          `/api/rosters/${ROSTER_ID}/schedule?from=2026-11-24&to=2026-11-24`,
          200,
        )
      ).body.slots,
    ).toHaveLength(1);
    expect(
      row(
        (await page('GET', '/admin/holidays?year=2026', { cookie })).html,
        'data-date',
        '2026-11-24',
      ),
    ).toContain('chờ hiệu lực');
  });

  it('records a late swap notice (Friday 03/05/2024 off, made up on Saturday 11/05): the month grid follows', async () => {
    const { cookie, csrf } = await signIn();
    const form = {
      csrf,
      intent: 'notice',
      swappedDate: '2024-05-03',
      makeupDate: '2024-05-11',
      sourceNumber: '99/TB-VPCP',
      sourceDate: '2024-05-02',
      sourceIssuer: 'Văn phòng Chính phủ',
      sourceTitle: '',
      correctionReason: '',
    };
    const saved = await page('POST', '/admin/holidays/notice?year=2024', { cookie, form });
    expect(saved.response.status).toBe(303);
    const table = (await service.json<Table>('GET', '/api/holidays/2024', 200)).body;
    expect(table.sources).toContainEqual(
      expect.objectContaining({ id: '99-tb-vpcp', number: '99/TB-VPCP' }),
    );
    expect(
      table.entries.filter((entry) => ['2024-05-03', '2024-05-11'].includes(entry.date)),
    ).toMatchObject([
      { date: '2024-05-03', kind: 'swapped', status: 'official', source: '99-tb-vpcp' },
      { date: '2024-05-11', kind: 'makeup-workday', status: 'official', source: '99-tb-vpcp' },
    ]);
    const grid = await page('GET', `/admin/rosters/${ROSTER_ID}?month=2024-05`, { cookie });
    expect(cell(grid.html, '2024-05-03')).toContain('class="closed"');
    expect(cell(grid.html, '2024-05-03')).toContain('Nghỉ hoán đổi (làm bù Thứ Bảy 11/05/2024)');
    expect(cell(grid.html, '2024-05-11')).toContain('Làm bù');
    // 11/05 makes up Friday 03/05, whose officer is Bà Hà.
    expect(cell(grid.html, '2024-05-11')).toContain('Bà Nguyễn Mạnh Hà');
    const { body } = await service.json<{
      entries: { action: string; actor: string; entityId: string }[];
    }>('GET', '/api/audit?limit=2', 200);
    expect(body.entries.map((entry) => [entry.action, entry.entityId])).toEqual([
      ['holiday.put', '2024-05-11'],
      ['holiday.put', '2024-05-03'],
    ]);
  });

  it('refuses a làm bù day on a weekday in words, and changes nothing (not even the swapped day)', async () => {
    const { cookie, csrf } = await signIn();
    const before = (await service.json<Table>('GET', '/api/holidays/2024', 200)).body;
    const form = {
      csrf,
      intent: 'notice',
      swappedDate: '2024-05-06',
      makeupDate: '2024-05-07',
      sourceNumber: '98/TB-VPCP',
      sourceDate: '2024-05-02',
      sourceIssuer: 'Văn phòng Chính phủ',
      correctionReason: '',
    };
    const refused = await page('POST', '/admin/holidays/notice?year=2024', { cookie, form });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Không lưu được');
    expect(refused.html).toContain(
      '<span class="field-error" id="error-makeupDate">07/05/2024 là ngày thường: chỉ Thứ Bảy hoặc Chủ nhật mới là ngày làm bù</span>',
    );
    // The form comes back as it was sent.
    expect(refused.html).toContain('value="98/TB-VPCP"');
    expect((await service.json<Table>('GET', '/api/holidays/2024', 200)).body).toEqual(before);
    const missing = await page('POST', '/admin/holidays/notice?year=2024', {
      cookie,
      form: { ...form, makeupDate: '2024-05-11', sourceIssuer: '' },
    });
    expect(missing.response.status).toBe(422);
    expect(missing.html).toContain(
      '<span class="field-error" id="error-sourceIssuer">cần nhập</span>',
    );
    expect((await service.json<Table>('GET', '/api/holidays/2024', 200)).body).toEqual(before);
  });

  it('passes the reason for a closed month through to the correction', async () => {
    service.setNow('2024-07-01T02:00:00Z');
    await service.json('POST', `/api/rosters/${ROSTER_ID}/months/2024-05/close`, 201);
    const { cookie, csrf } = await signIn();
    const before = (await service.json<Table>('GET', '/api/holidays/2024', 200)).body;
    const form = {
      csrf,
      intent: 'notice',
      swappedDate: '2024-05-03',
      makeupDate: '2024-05-11',
      sourceNumber: '99/TB-VPCP',
      sourceDate: '2024-05-02',
      sourceIssuer: 'Văn phòng Chính phủ',
      correctionReason: '',
    };
    const refused = await page('POST', '/admin/holidays/notice?year=2024', { cookie, form });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain(
      'Tháng 05/2024 đã chốt số liệu: thay đổi được ghi thành điều chỉnh và cần ghi lý do',
    );
    expect((await service.json<Table>('GET', '/api/holidays/2024', 200)).body).toEqual(before);
    const saved = await page('POST', '/admin/holidays/notice?year=2024', {
      cookie,
      form: { ...form, correctionReason: 'Thông báo đến muộn' },
    });
    expect(saved.response.status).toBe(303);
    const { body } = await service.json<{ entries: { action: string }[] }>(
      'GET',
      `/api/audit?rosterId=${ROSTER_ID}&limit=5`,
      200,
    );
    expect(body.entries.map((entry) => entry.action)).toContain('month.correct');
  });

  it('refuses a form without the CSRF token', async () => {
    const { cookie } = await signIn();
    const refused = await page('POST', '/admin/holidays/revert?year=2026', {
      cookie,
      form: { date: '2026-11-24', action: 'remove' },
    });
    expect(refused.response.status).toBe(403);
  });
});

type RosterView = {
  version: number;
  definition: Record<string, unknown> & { members: { id: string; fullName: string }[] };
};

describe('admin members page', () => {
  it('lists the members of a file-defined roster, read-only, naming the file to edit', async () => {
    await service.json('POST', '/api/feeds', 201, {
      rosterId: ROSTER_ID,
      memberId: 'nguyen-manh-ha',
    });
    const { cookie } = await signIn();
    const { response, html } = await page('GET', `/admin/rosters/${ROSTER_ID}/members`, { cookie });
    expect(response.status).toBe(200);
    const ha = row(html, 'data-member', 'nguyen-manh-ha');
    expect(ha).toContain('Bà Nguyễn Mạnh Hà');
    expect(ha).toContain('Chuyên viên');
    expect(ha).toContain('Văn phòng Sở');
    expect(ha).toContain('Trực chính');
    expect(ha).toMatch(/<td>1<\/td><\/tr>$/);
    expect(row(html, 'data-member', 'nguyen-van-luyen')).toContain('Trực dự bị');
    expect(html).toContain('được khai báo trong tệp so-vhttdl-bac-giang.yaml');
    expect(html).not.toContain('name="ifMatch"');
    expect((await page('GET', '/admin', { cookie })).html).toContain(
      `href="/admin/rosters/${ROSTER_ID}/members"`,
    );
  });

  async function apiRoster() {
    const letter = (await service.json<RosterView>('GET', `/api/rosters/${ROSTER_ID}`, 200)).body
      .definition;
    await service.json('POST', '/api/rosters', 201, {
      ...letter,
      id: 'so-tu-phap',
      name: 'Lịch trực Một cửa – Sở Tư pháp',
    });
    return '/admin/rosters/so-tu-phap/members';
  }

  const MAI = {
    honorific: 'Bà',
    fullName: 'Trần Thị Mai',
    title: 'Chuyên viên',
    unit: 'Văn phòng Sở',
    role: 'backup',
    email: 'mai@example.vn',
    googleAccount: '',
    outlookAddress: '',
    phone: '',
  };

  it('adds a member to an API-managed roster, sending the version it was read at', async () => {
    const path = await apiRoster();
    const { cookie, csrf } = await signIn();
    const before = await page('GET', path, { cookie });
    expect(before.html).toContain('name="ifMatch" value=""v1""');
    const added = await page('POST', path, {
      cookie,
      form: { csrf, ifMatch: '"v1"', intent: 'add', id: '', ...MAI },
    });
    expect(added.response.status).toBe(303);
    const { body } = await service.json<RosterView>('GET', '/api/rosters/so-tu-phap', 200);
    expect(body.version).toBe(2);
    expect(body.definition.members).toContainEqual({
      id: 'tran-thi-mai',
      honorific: 'Bà',
      fullName: 'Trần Thị Mai',
      title: 'Chuyên viên',
      unit: 'Văn phòng Sở',
      role: 'backup',
      email: 'mai@example.vn',
    });
    const after = await page('GET', `${path}?saved=1`, { cookie });
    expect(after.html).toContain('Đã lưu thay đổi');
    expect(row(after.html, 'data-member', 'tran-thi-mai')).toContain('mai@example.vn');
  });

  it('says next to each field what is wrong with a new member, and keeps the roster', async () => {
    const path = await apiRoster();
    const { cookie, csrf } = await signIn();
    const refused = await page('POST', path, {
      cookie,
      form: { csrf, ifMatch: '"v1"', intent: 'add', id: '', ...MAI, unit: '', email: 'mai@' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain(
      'name="unit" maxlength="200" required value=""><span class="field-error" id="error-unit">cần nhập</span>',
    );
    expect(refused.html).toContain(
      'value="mai@"><span class="field-error" id="error-email">sai định dạng</span>',
    );
    expect(
      (await service.json<RosterView>('GET', '/api/rosters/so-tu-phap', 200)).body.version,
    ).toBe(1);
  });

  it('refuses a form read at an older version, saying someone else changed the roster', async () => {
    const path = await apiRoster();
    const { cookie, csrf } = await signIn();
    expect(
      (
        await page('POST', path, {
          cookie,
          form: { csrf, ifMatch: '"v1"', intent: 'add', id: '', ...MAI },
        })
      ).response.status,
    ).toBe(303);
    const stale = await page('POST', `${path}/tran-thi-mai`, {
      cookie,
      form: {
        csrf,
        ifMatch: '"v1"',
        intent: 'edit',
        memberId: 'tran-thi-mai',
        ...MAI,
        fullName: 'Trần Thị Mai Anh',
      },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.html).toContain('lịch trực đã được người khác thay đổi sau khi trang này được mở');
    expect(stale.html).toContain('name="ifMatch" value=""v2""');
    const { body } = await service.json<RosterView>('GET', '/api/rosters/so-tu-phap', 200);
    expect(body.version).toBe(2);
    expect(body.definition.members.find((member) => member.id === 'tran-thi-mai')!.fullName).toBe(
      'Trần Thị Mai',
    );
    // With the current version the same edit goes through.
    expect(
      (
        await page('POST', `${path}/tran-thi-mai`, {
          cookie,
          form: {
            csrf,
            ifMatch: '"v2"',
            intent: 'edit',
            memberId: 'tran-thi-mai',
            ...MAI,
            fullName: 'Trần Thị Mai Anh',
          },
        })
      ).response.status,
    ).toBe(303);
    expect(
      (
        await service.json<RosterView>('GET', '/api/rosters/so-tu-phap', 200)
      ).body.definition.members.find((member) => member.id === 'tran-thi-mai')!.fullName,
    ).toBe('Trần Thị Mai Anh');
  });

  it('refuses to remove a member the pattern still names, with the field, and keeps the roster', async () => {
    const path = await apiRoster();
    const { cookie, csrf } = await signIn();
    const refused = await page('POST', `${path}/nguyen-van-hanh/delete`, {
      cookie,
      form: { csrf, ifMatch: '"v1"' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Không lưu được');
    expect(refused.html).toContain(
      'Lịch phân công giai đoạn 1, Thứ Năm: không có người mang mã "nguyen-van-hanh" trong lịch trực này',
    );
    expect(
      (await service.json<RosterView>('GET', '/api/rosters/so-tu-phap', 200)).body.version,
    ).toBe(1);
  });

  it('refuses edits of a file-defined roster posted anyway', async () => {
    const { cookie, csrf } = await signIn();
    const refused = await page('POST', `/admin/rosters/${ROSTER_ID}/members`, {
      cookie,
      form: { csrf, ifMatch: '"v1"', intent: 'add', id: '', ...MAI },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.html).toContain(
      'Lịch trực này được khai báo trong tệp so-vhttdl-bac-giang.yaml',
    );
  });
});
