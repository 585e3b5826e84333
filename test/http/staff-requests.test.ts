/**
 * Staff requests end to end in memory: an officer asks from their page, a manager approves or declines over the API,
 * and only an approval changes the roster (through the same path as an admin's change: covers, feeds, audit).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import { eventLines, propertyOf } from '../support/feed-reader.ts';
import { readCalendarFiles } from '../support/sample.ts';
import { startTestService, type TestService } from '../support/service.ts';
import {
  HA,
  LUYEN,
  ROSTER_ID,
  type StaffLink,
  staffLink,
  staffPages,
} from '../support/staff-requests.ts';

const ROSTER = `/api/rosters/${ROSTER_ID}`;
const MONDAY = '2024-05-06';
const TUESDAY = '2024-05-07';

let service: TestService;
let pages: ReturnType<typeof staffPages>;
let ha: StaffLink;

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  pages = staffPages(service);
  ha = await staffLink(service, HA);
});

interface Slot {
  memberId: string | null;
  coversFor: string | null;
  reason: string | null;
}
async function slotOn(date: string): Promise<Slot> {
  const { body } = await service.json<{ slots: Slot[] }>(
    'GET',
    `${ROSTER}/schedule?from=${date}&to=${date}`,
    200,
  );
  return body.slots[0]!;
}

interface RequestBody {
  id: string;
  state: string;
  memberId: string;
  decisionReason: string | null;
  factId: string | null;
}
async function requestsOf(state?: string): Promise<RequestBody[]> {
  const query = state ? `?state=${state}` : '';
  const { body } = await service.json<{ requests: RequestBody[] }>(
    'GET',
    `${ROSTER}/requests${query}`,
    200,
  );
  return body.requests;
}

async function askForMonday(reason = 'training') {
  const location = await pages.submit(ha, 'absence', {
    rosterId: ROSTER_ID,
    from: MONDAY,
    to: MONDAY,
    reason,
    note: 'Lớp bồi dưỡng kỹ năng số',
  });
  expect(location).toBe(`${ha.page}?done=absence#yeu-cau`);
  const [request] = await requestsOf('pending');
  return request!;
}

describe('an absence request', () => {
  it('is asked on a page of its own: the staff page, which colleagues see too, names no sensitive reason', async () => {
    const staff = await pages.open(ha);
    expect(staff.html).toContain(`href="${ha.page}/requests/absence"`);
    expect(staff.html).not.toContain('nghỉ ốm');
    const form = await pages.open(ha, '/requests/absence');
    expect(form.response.status).toBe(200);
    expect(form.response.headers.get('cache-control')).toBe('private, no-store');
    expect(form.html).toContain('<option value="sick">nghỉ ốm</option>');
    expect(form.html).toContain(`action="${ha.page}/requests/absence"`);
  });

  it('waits for approval without changing the roster, and the officer sees it pending', async () => {
    const feedBefore = await (await service.request('GET', ha.feed, { token: null })).text();
    const request = await askForMonday();
    expect(request).toMatchObject({ memberId: HA, state: 'pending', factId: null });
    expect(await slotOn(MONDAY)).toMatchObject({ memberId: HA, coversFor: null });
    const { html } = await pages.open(ha, '?done=absence');
    expect(html).toContain('Đã gửi đề nghị nghỉ; xin chờ duyệt.');
    expect(html).toContain('Nghỉ 06/05/2024: đi học tập, bồi dưỡng');
    expect(html).toContain('Chờ duyệt');
    const feedAfter = await (await service.request('GET', ha.feed, { token: null })).text();
    expect(feedAfter).toBe(feedBefore);
  });

  it('once approved, is recorded as an admin’s absence: a colleague covers, the feed and the audit say so', async () => {
    const request = await askForMonday();
    const { body } = await service.json<{
      request: RequestBody;
      changedSlots: { key: string; after: { memberId: string } }[];
    }>('POST', `${ROSTER}/requests/${request.id}/approve`, 200, { reason: 'Đồng ý' });
    expect(body.request).toMatchObject({ state: 'approved', decisionReason: 'Đồng ý' });
    expect(body.changedSlots.map((changed) => changed.key)).toContain(
      `${ROSTER_ID}/${MONDAY}/primary`,
    );
    const monday = await slotOn(MONDAY);
    expect(monday).toMatchObject({ coversFor: HA, reason: 'training' });
    const { body: absences } = await service.json<{ absences: { id: string }[] }>(
      'GET',
      `${ROSTER}/absences`,
      200,
    );
    expect(absences.absences.map((absence) => absence.id)).toEqual([body.request.factId]);

    const roster = await staffLink(service);
    const feed = await (await service.request('GET', roster.feed, { token: null })).text();
    expect(propertyOf(eventLines(feed, `${ROSTER_ID}/${MONDAY}/primary@lichtruc`), 'SUMMARY')).toBe(
      'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà đi học tập\\, bồi dưỡng)',
    );
    const { html } = await pages.open(ha);
    expect(html).toContain('Đã duyệt');
    expect(html).toContain('Đồng ý');

    const { body: audit } = await service.json<{ entries: { action: string; actor: string }[] }>(
      'GET',
      `/api/audit?rosterId=${ROSTER_ID}`,
      200,
    );
    const changes = audit.entries.filter((entry) => !entry.action.startsWith('feed.'));
    expect(changes.map((entry) => [entry.action, entry.actor]).slice(0, 3)).toEqual([
      ['absence.create', 'admin'],
      ['request.approve', 'admin'],
      ['request.create', `staff:${HA}`],
    ]);
  });

  it('declined, changes nothing and the officer reads why', async () => {
    const request = await askForMonday();
    const schedule = await service.json(
      'GET',
      `${ROSTER}/schedule?from=2024-05-01&to=2024-05-31`,
      200,
    );
    const response = await service.request('POST', `${ROSTER}/requests/${request.id}/decline`, {
      body: {},
    });
    expect(response.status).toBe(422);
    const { body } = await service.json<{ request: RequestBody }>(
      'POST',
      `${ROSTER}/requests/${request.id}/decline`,
      200,
      { reason: 'Tuần này thiếu người trực' },
    );
    expect(body.request).toMatchObject({
      state: 'declined',
      decisionReason: 'Tuần này thiếu người trực',
    });
    const after = await service.json(
      'GET',
      `${ROSTER}/schedule?from=2024-05-01&to=2024-05-31`,
      200,
    );
    expect(after.body).toEqual(schedule.body);
    const { html } = await pages.open(ha);
    expect(html).toContain('Không duyệt');
    expect(html).toContain('Tuần này thiếu người trực');
    const again = await service.request('POST', `${ROSTER}/requests/${request.id}/approve`, {
      body: {},
    });
    expect(again.status).toBe(409);
  });

  it('withdrawn by the officer, can no longer be approved', async () => {
    const request = await askForMonday();
    const location = await pages.submit(ha, `${request.id}/withdraw`, {});
    expect(location).toBe(`${ha.page}?done=withdraw#yeu-cau`);
    expect((await requestsOf())[0]).toMatchObject({ state: 'withdrawn' });
    const approve = await service.request('POST', `${ROSTER}/requests/${request.id}/approve`, {
      body: {},
    });
    expect(approve.status).toBe(409);
    expect(await slotOn(MONDAY)).toMatchObject({ memberId: HA, coversFor: null });
    const { html } = await pages.open(ha);
    expect(html).toContain('Đã rút');
    expect(html).not.toContain('Rút đề nghị</button>');
  });

  it('is refused on the page, with the reason, when it overlaps a recorded absence; nothing is stored', async () => {
    await service.json('POST', `${ROSTER}/absences`, 201, {
      memberId: HA,
      from: MONDAY,
      to: TUESDAY,
      reason: 'leave',
    });
    const token = await pages.formToken(ha);
    const refused = await pages.post(ha, 'absence', {
      form: token,
      rosterId: ROSTER_ID,
      from: MONDAY,
      to: MONDAY,
      reason: 'sick',
    });
    expect(refused.response.status).toBe(409);
    expect(refused.html).toContain('Xung đột dữ liệu');
    // The form comes back as it was sent.
    expect(refused.html).toContain('<option value="sick" selected>');
    expect(refused.html).toContain(`name="from" required value="${MONDAY}"`);
    expect(await requestsOf()).toEqual([]);
    const past = await pages.post(ha, 'absence', {
      form: token,
      rosterId: ROSTER_ID,
      from: '2024-04-29',
      to: '2024-04-29',
      reason: 'leave',
    });
    expect(past.response.status).toBe(422);
    expect(past.html).toContain('chỉ đề nghị nghỉ được từ hôm nay');
  });
});

describe('refusals without a session', () => {
  it('a post from another site, or without the page’s form token, is refused and stores nothing', async () => {
    const token = await pages.formToken(ha);
    const form = { form: token, rosterId: ROSTER_ID, from: MONDAY, to: MONDAY, reason: 'leave' };
    const foreign = await pages.post(ha, 'absence', form, { origin: 'https://evil.example' });
    expect(foreign.response.status).toBe(403);
    expect(foreign.html).toContain('Yêu cầu đến từ một trang khác.');
    const crossSite = await pages.post(ha, 'absence', form, {
      origin: 'null',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.response.status).toBe(403);
    const forged = await pages.post(ha, 'absence', { ...form, form: '0'.repeat(64) });
    expect(forged.response.status).toBe(403);
    expect(forged.html).toContain('Biểu mẫu không hợp lệ hoặc đã cũ');
    // Another officer's form token does not open this officer's forms.
    const luyenToken = await pages.formToken(await staffLink(service, LUYEN));
    const borrowed = await pages.post(ha, 'absence', { ...form, form: luyenToken });
    expect(borrowed.response.status).toBe(403);
    expect(await requestsOf()).toEqual([]);
  });

  it('a roster-wide link has no request forms, and its posts are refused', async () => {
    const roster = await staffLink(service);
    const { html } = await pages.open(roster);
    expect(html).not.toContain('name="form"');
    const post = await pages.post(roster, 'absence', { form: '0'.repeat(64) });
    expect(post.response.status).toBe(403);
    expect(post.html).toContain('Chỉ đường liên kết riêng của cán bộ mới gửi được đề nghị.');
    const form = await pages.open(roster, '/requests/absence');
    expect(form.response.status).toBe(403);
  });

  it('another officer cannot withdraw a request (it is not found for them)', async () => {
    const request = await askForMonday();
    const luyen = await staffLink(service, LUYEN);
    const refused = await pages.post(luyen, `${request.id}/withdraw`, {
      form: await pages.formToken(luyen),
    });
    expect(refused.response.status).toBe(404);
    expect((await requestsOf())[0]).toMatchObject({ state: 'pending' });
  });
});

describe('a swap', () => {
  async function proposeMondayForTuesday() {
    await pages.submit(ha, 'swap', {
      rosterId: ROSTER_ID,
      mine: `${MONDAY}/primary`,
      colleagueId: LUYEN,
      theirs: TUESDAY,
    });
    const [request] = await requestsOf('proposed');
    return request!;
  }

  it('proposed, accepted by the colleague on their page, then approved: the two duties change hands', async () => {
    const request = await proposeMondayForTuesday();
    const luyen = await staffLink(service, LUYEN);
    const { html } = await pages.open(luyen);
    expect(html).toContain(
      'Bà Nguyễn Mạnh Hà đề nghị đổi ca Thứ Hai 06/05/2024 lấy ca Thứ Ba 07/05/2024',
    );
    await pages.submit(luyen, `${request.id}/accept`, {});
    expect((await requestsOf())[0]).toMatchObject({ state: 'pending' });
    expect(await slotOn(MONDAY)).toMatchObject({ memberId: HA });
    await service.json('POST', `${ROSTER}/requests/${request.id}/approve`, 200, {});
    expect((await slotOn(MONDAY)).memberId).toBe(LUYEN);
    expect((await slotOn(TUESDAY)).memberId).toBe(HA);
  });

  it('on a roster allowing agreed swaps, is recorded as soon as the colleague accepts', async () => {
    const files = readCalendarFiles().map((file) =>
      file.path === `${ROSTER_ID}.yaml`
        ? { ...file, text: `${file.text}requests:\n  swapsWithoutApproval: true\n` }
        : file,
    );
    await applyCalendars(service.ctx, loadCalendarSet(files));
    const request = await proposeMondayForTuesday();
    expect(await slotOn(MONDAY)).toMatchObject({ memberId: HA });
    const luyen = await staffLink(service, LUYEN);
    expect(await pages.submit(luyen, `${request.id}/accept`, {})).toBe(
      `${luyen.page}?done=accept#yeu-cau`,
    );
    const [accepted] = await requestsOf();
    expect(accepted).toMatchObject({ state: 'approved' });
    expect(accepted?.factId).not.toBeNull();
    expect((await slotOn(MONDAY)).memberId).toBe(LUYEN);
    expect((await slotOn(TUESDAY)).memberId).toBe(HA);
    const { html } = await pages.open(ha);
    expect(html).toContain('Đã duyệt');
  });

  it('is refused when the colleague does not serve that day', async () => {
    const refused = await pages.post(ha, 'swap', {
      form: await pages.formToken(ha),
      rosterId: ROSTER_ID,
      mine: `${MONDAY}/primary`,
      colleagueId: LUYEN,
      theirs: '2024-05-08',
    });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('không có ca trực ngày 08/05/2024');
    expect(await requestsOf()).toEqual([]);
  });
});
