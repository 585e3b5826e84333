/**
 * A colleague declines a swap proposed to them, from their own staff page: the requester reads it (with the note),
 * the roster stays as it was, the proposal can no longer be accepted or approved, and the audit names the colleague.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
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
let luyen: StaffLink;
const { page, signIn } = pagesOf(() => service);

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  pages = staffPages(service);
  ha = await staffLink(service, HA);
  luyen = await staffLink(service, LUYEN);
});

interface RequestBody {
  id: string;
  state: string;
  decisionReason: string | null;
  decidedBy: string | null;
}
async function onlyRequest(): Promise<RequestBody> {
  const { body } = await service.json<{ requests: RequestBody[] }>(
    'GET',
    `${ROSTER}/requests`,
    200,
  );
  expect(body.requests).toHaveLength(1);
  return body.requests[0]!;
}

async function dutyOn(date: string): Promise<string | null> {
  const { body } = await service.json<{ slots: { memberId: string | null }[] }>(
    'GET',
    `${ROSTER}/schedule?from=${date}&to=${date}`,
    200,
  );
  return body.slots[0]!.memberId;
}

async function proposeMondayForTuesday(): Promise<string> {
  await pages.submit(ha, 'swap', {
    rosterId: ROSTER_ID,
    mine: `${MONDAY}/primary`,
    colleagueId: LUYEN,
    theirs: TUESDAY,
  });
  return (await onlyRequest()).id;
}

describe('declining a proposed swap', () => {
  it('is offered to the colleague beside accepting, never to the requester', async () => {
    const id = await proposeMondayForTuesday();
    const colleague = await pages.open(luyen);
    expect(colleague.html).toContain(`action="${luyen.page}/requests/${id}/decline"`);
    expect(colleague.html).toContain('Không đồng ý đổi ca');
    const requester = await pages.open(ha);
    expect(requester.html).not.toContain(`/requests/${id}/decline`);
  });

  it('with a note: the requester reads it, nothing changes on the roster, the audit names the colleague', async () => {
    const id = await proposeMondayForTuesday();
    const location = await pages.submit(luyen, `${id}/decline`, { note: 'Hôm đó tôi đi họp' });
    expect(location).toBe(`${luyen.page}?done=decline#yeu-cau`);
    expect(await onlyRequest()).toMatchObject({
      state: 'declined',
      decisionReason: 'Hôm đó tôi đi họp',
      decidedBy: `staff:${LUYEN}`,
    });
    const requester = await pages.open(ha);
    expect(requester.html).toContain('Đồng nghiệp không đồng ý đổi ca');
    expect(requester.html).toContain('Hôm đó tôi đi họp');
    expect(requester.html).not.toContain(`/requests/${id}/withdraw`);
    const colleague = await pages.open(luyen, '?done=decline');
    expect(colleague.html).toContain('Đã từ chối đề nghị đổi ca.');
    expect(colleague.html).toContain('Ông/Bà đã từ chối');
    expect(await dutyOn(MONDAY)).toBe(HA);
    expect(await dutyOn(TUESDAY)).toBe(LUYEN);
    const { cookie } = await signIn();
    const managers = await page('GET', `/admin/rosters/${ROSTER_ID}/requests`, { cookie });
    expect(managers.html).toContain(
      '<td>Đồng nghiệp không đồng ý đổi ca<div class="muted">Hôm đó tôi đi họp</div></td>',
    );
    const { body } = await service.json<{ entries: { action: string; actor: string }[] }>(
      'GET',
      `/api/audit?rosterId=${ROSTER_ID}`,
      200,
    );
    expect(body.entries.filter((entry) => entry.action === 'request.decline-swap')).toEqual([
      expect.objectContaining({ actor: `staff:${LUYEN}` }),
    ]);
  });

  it('without a note is fine; afterwards it can be neither accepted nor approved', async () => {
    const id = await proposeMondayForTuesday();
    await pages.submit(luyen, `${id}/decline`, {});
    expect(await onlyRequest()).toMatchObject({ state: 'declined', decisionReason: null });
    const accepted = await pages.post(luyen, `${id}/accept`, {
      form: await pages.formToken(luyen),
    });
    expect(accepted.response.status).toBe(409);
    await service.json('POST', `${ROSTER}/requests/${id}/approve`, 409, {});
    const again = await pages.post(luyen, `${id}/decline`, { form: await pages.formToken(luyen) });
    expect(again.response.status).toBe(409);
    expect(again.html).toContain('đề nghị đổi ca này không còn chờ Ông/Bà trả lời');
    expect(await dutyOn(MONDAY)).toBe(HA);
  });

  it('once accepted, is the managers’ to decide: the colleague’s decline is refused in words', async () => {
    const id = await proposeMondayForTuesday();
    await pages.submit(luyen, `${id}/accept`, {});
    const refused = await pages.post(luyen, `${id}/decline`, {
      form: await pages.formToken(luyen),
    });
    expect(refused.response.status).toBe(409);
    expect(refused.html).toContain('đề nghị đổi ca này không còn chờ Ông/Bà trả lời');
    expect(await onlyRequest()).toMatchObject({ state: 'pending' });
  });

  it('is refused to the requester, to another site, to a stale form and to an over-long note', async () => {
    const id = await proposeMondayForTuesday();
    const byRequester = await pages.post(ha, `${id}/decline`, { form: await pages.formToken(ha) });
    expect(byRequester.response.status).toBe(404);
    const form = await pages.formToken(luyen);
    const elsewhere = await pages.post(
      luyen,
      `${id}/decline`,
      { form },
      { origin: 'https://x.test' },
    );
    expect(elsewhere.response.status).toBe(403);
    const stale = await pages.post(luyen, `${id}/decline`, { form: await pages.formToken(ha) });
    expect(stale.response.status).toBe(403);
    const long = await pages.post(luyen, `${id}/decline`, { form, note: 'x'.repeat(501) });
    expect(long.response.status).toBe(422);
    expect(long.html).toContain('dài tối đa 500 ký tự');
    expect(await onlyRequest()).toMatchObject({ state: 'proposed', decisionReason: null });
  });
});
