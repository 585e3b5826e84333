/**
 * Staff requests on the admin pages: a pending request shows the slots its approval would change before anything is
 * stored; approving it from the page records the absence (the month grid shows the cover), declining needs a reason.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { HA, ROSTER_ID, staffLink, staffPages } from '../support/staff-requests.ts';

const PAGE = `/admin/rosters/${ROSTER_ID}/requests`;
let service: TestService;
let admin: ReturnType<typeof pagesOf>;
let session: { cookie: string; csrf: string };
let requestId: string;

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  admin = pagesOf(() => service);
  session = await admin.signIn();
  const ha = await staffLink(service, HA);
  await staffPages(service).submit(ha, 'absence', {
    rosterId: ROSTER_ID,
    from: '2024-05-06',
    to: '2024-05-06',
    reason: 'personal',
    note: 'Việc gia đình',
  });
  const { body } = await service.json<{ requests: { id: string }[] }>(
    'GET',
    `/api/rosters/${ROSTER_ID}/requests`,
    200,
  );
  requestId = body.requests[0]!.id;
});

const post = (verb: string, reason: string) =>
  admin.page('POST', `${PAGE}/${requestId}/${verb}`, {
    cookie: session.cookie,
    form: { csrf: session.csrf, reason },
  });

describe('the requests page', () => {
  it('previews the cover an approval causes, with the manager reading the reason and note', async () => {
    const { response, html } = await admin.page('GET', PAGE, { cookie: session.cookie });
    expect(response.status).toBe(200);
    expect(html).toContain('Bà Nguyễn Mạnh Hà: nghỉ 06/05/2024, nghỉ việc riêng');
    expect(html).toContain('Việc gia đình');
    const row =
      /<td>Thứ Hai 06\/05\/2024<\/td><td class="before">([^<]*)<\/td><td class="after">([^<]*)<\/td>/.exec(
        html,
      );
    expect(row?.[1]).toBe('Trực chính: Bà Nguyễn Mạnh Hà');
    expect(row?.[2]).toBe(
      'Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ việc riêng)',
    );
    // The preview stored nothing.
    const { body } = await service.json<{ absences: unknown[] }>(
      'GET',
      `/api/rosters/${ROSTER_ID}/absences`,
      200,
    );
    expect(body.absences).toEqual([]);
  });

  it('approving from the page records the absence: the month grid shows the cover', async () => {
    const approved = await post('approve', '');
    expect(approved.response.status).toBe(303);
    expect(approved.response.headers.get('location')).toBe(`${PAGE}?done=approved`);
    const month = await admin.page('GET', `/admin/rosters/${ROSTER_ID}?month=2024-05`, {
      cookie: session.cookie,
    });
    const monday = /<td[^>]*data-date="2024-05-06"[^>]*>([\s\S]*?)<\/td>/.exec(month.html);
    expect(monday?.[1]).toContain('Ông Nguyễn Văn Luyện');
    expect(monday?.[1]).not.toContain('Bà Nguyễn Mạnh Hà</');
    const after = await admin.page('GET', `${PAGE}?done=approved`, { cookie: session.cookie });
    expect(after.html).toContain('Không có đề nghị nào chờ duyệt.');
    expect(after.html).toContain('Đã duyệt');
  });

  it('declining without a reason is refused on the page; with one, nothing changes but the state', async () => {
    const refused = await post('decline', ' ');
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('cần ghi lý do từ chối');
    const declined = await post('decline', 'Trùng lịch tiếp công dân');
    expect(declined.response.status).toBe(303);
    const { body } = await service.json<{ absences: unknown[] }>(
      'GET',
      `/api/rosters/${ROSTER_ID}/absences`,
      200,
    );
    expect(body.absences).toEqual([]);
    const again = await post('approve', '');
    expect(again.response.status).toBe(409);
    expect(again.html).toContain('chỉ đề nghị đang chờ mới duyệt hoặc từ chối được');
  });
});
