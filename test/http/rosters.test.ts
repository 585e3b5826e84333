import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, problemOf, startTestService, type TestService } from '../support/service.ts';

let service: TestService;
type RosterView = {
  id: string;
  origin: string;
  version: number;
  definition: Record<string, unknown> & { members: { id: string }[]; periods: unknown[] };
};

beforeEach(async () => {
  service = await startTestService();
});

async function letterDefinition() {
  return (await service.json<RosterView>('GET', '/api/rosters/so-vhttdl-bac-giang', 200)).body
    .definition;
}

async function createApiRoster(id = 'so-tu-phap') {
  const definition = { ...(await letterDefinition()), id, name: 'Lịch trực Một cửa – Sở Tư pháp' };
  return service.json<RosterView>('POST', '/api/rosters', 201, definition);
}

describe('authentication', () => {
  it('asks for the admin token on every /api route, and answers health checks without it', async () => {
    for (const token of [null, 'wrong-token']) {
      const response = await service.request('GET', '/api/rosters', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="lichtruc"');
      expect(await problemOf(response)).toMatchObject({ status: 401, title: 'Chưa xác thực' });
    }
    expect((await service.request('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await service.request('GET', '/api/rosters', { token: ADMIN_TOKEN })).status).toBe(200);
  });

  it('titles problems in English when the client prefers it', async () => {
    const response = await service.request('GET', '/api/rosters/khong-co', {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(await problemOf(response)).toMatchObject({
      status: 404,
      title: 'Not found',
      detail: 'roster "khong-co" does not exist',
    });
  });
});

describe('file-defined rosters', () => {
  it('lists the roster applied from calendars/, with its ETag', async () => {
    const { body } = await service.json<{
      rosters: { id: string; origin: string; members: number }[];
    }>('GET', '/api/rosters', 200);
    expect(body.rosters).toEqual([
      expect.objectContaining({ id: 'so-vhttdl-bac-giang', origin: 'file', members: 3 }),
    ]);
    const one = await service.json<RosterView>('GET', '/api/rosters/so-vhttdl-bac-giang', 200);
    expect(one.response.headers.get('etag')).toBe(`"v${one.body.version}"`);
  });

  it('refuses edits of a file-defined roster and says which file to edit', async () => {
    const definition = await letterDefinition();
    const response = await service.request('PUT', '/api/rosters/so-vhttdl-bac-giang', {
      body: definition,
      headers: { 'if-match': '"v1"' },
    });
    expect(response.status).toBe(409);
    expect((await problemOf(response)).detail).toContain(
      'is defined by so-vhttdl-bac-giang.yaml: edit that file instead',
    );
  });
});

describe('API-managed rosters', () => {
  it('creates a roster that serves a schedule at once', async () => {
    const { body, response } = await createApiRoster();
    expect(body).toMatchObject({ id: 'so-tu-phap', origin: 'api', version: 1 });
    expect(response.headers.get('location')).toBe('/api/rosters/so-tu-phap');
    const schedule = await service.json<{ slots: unknown[] }>(
      'GET',
      '/api/rosters/so-tu-phap/schedule?from=2024-05-06&to=2024-05-10',
      200,
    );
    expect(schedule.body.slots).toHaveLength(5);
  });

  it('refuses a second roster with the same id, and an invalid one with its fields', async () => {
    await createApiRoster();
    expect(
      (
        await service.request('POST', '/api/rosters', {
          body: { ...(await letterDefinition()), id: 'so-tu-phap' },
        })
      ).status,
    ).toBe(409);
    const invalid = await service.request('POST', '/api/rosters', {
      body: { ...(await letterDefinition()), id: 'Bad Id', timeZone: 'Asia/Hanoi' },
    });
    expect(invalid.status).toBe(422);
    expect((await problemOf(invalid)).errors?.map((error) => error.field).sort()).toEqual([
      'id',
      'timeZone',
    ]);
  });

  it('needs If-Match to change a roster, and refuses a stale one so two admins cannot overwrite each other', async () => {
    await createApiRoster();
    const member = {
      id: 'tran-thi-mai',
      honorific: 'Bà',
      fullName: 'Trần Thị Mai',
      title: 'Chuyên viên',
      unit: 'Văn phòng Sở',
      role: 'backup',
    };
    expect(
      (await service.request('POST', '/api/rosters/so-tu-phap/members', { body: member })).status,
    ).toBe(428);

    const first = await service.json<RosterView>(
      'POST',
      '/api/rosters/so-tu-phap/members',
      200,
      member,
      { 'if-match': '"v1"' },
    );
    expect(first.response.headers.get('etag')).toBe('"v2"');
    expect(first.body.definition.members.map((m) => m.id)).toContain('tran-thi-mai');

    const stale = await service.request('PUT', '/api/rosters/so-tu-phap/members/tran-thi-mai', {
      body: { ...member, fullName: 'Trần Thị Mai Anh' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    const current = await service.json<RosterView>('GET', '/api/rosters/so-tu-phap', 200);
    expect(current.body.version).toBe(2);
  });

  it('refuses to remove a member the pattern still names, and explains where', async () => {
    await createApiRoster();
    const response = await service.request(
      'DELETE',
      '/api/rosters/so-tu-phap/members/nguyen-van-hanh',
      { headers: { 'if-match': '"v1"' } },
    );
    expect(response.status).toBe(422);
    expect((await problemOf(response)).errors).toContainEqual({
      field: 'periods.0.pattern.thursday.memberId',
      message: 'no member with id "nguyen-van-hanh" in this roster',
    });
    expect(
      (await service.json<RosterView>('GET', '/api/rosters/so-tu-phap', 200)).body.version,
    ).toBe(1);
  });

  it('edits periods: a new assignment from 01/07/2024 gives Thursday to Luyện', async () => {
    await createApiRoster();
    const period = {
      id: 'phan-cong-2024-07',
      from: '2024-07-01',
      pattern: {
        monday: { position: 'primary', memberId: 'nguyen-manh-ha' },
        thursday: { position: 'backup', memberId: 'nguyen-van-luyen' },
      },
    };
    await service.json('POST', '/api/rosters/so-tu-phap/periods', 200, period, {
      'if-match': '"v1"',
    });
    const { body } = await service.json<{ slots: { date: string; memberId: string }[] }>(
      'GET',
      '/api/rosters/so-tu-phap/schedule?from=2024-06-27&to=2024-07-04',
      200,
    );
    expect(body.slots.map((slot) => [slot.date, slot.memberId])).toEqual([
      ['2024-06-27', 'nguyen-van-hanh'],
      ['2024-06-28', 'nguyen-manh-ha'],
      ['2024-07-01', 'nguyen-manh-ha'],
      ['2024-07-04', 'nguyen-van-luyen'],
    ]);
  });

  it('deletes a roster, revokes its feed links and keeps its data in the audit log', async () => {
    await createApiRoster();
    const feed = await service.json<{ url: string }>('POST', '/api/feeds', 201, {
      rosterId: 'so-tu-phap',
    });
    await service.json('POST', '/api/rosters/so-tu-phap/absences', 201, {
      memberId: 'nguyen-manh-ha',
      from: '2024-05-06',
      to: '2024-05-06',
      reason: 'leave',
    });
    expect(
      (
        await service.request('DELETE', '/api/rosters/so-tu-phap', {
          headers: { 'if-match': '"v1"' },
        })
      ).status,
    ).toBe(204);
    expect((await service.request('GET', '/api/rosters/so-tu-phap')).status).toBe(404);
    expect(
      (await service.request('GET', new URL(feed.body.url).pathname, { token: null })).status,
    ).toBe(410);
    const audit = await service.json<{
      entries: { action: string; before: { facts: { absences: unknown[] } } }[];
    }>('GET', '/api/audit?rosterId=so-tu-phap', 200);
    expect(audit.body.entries[0]!.action).toBe('roster.delete');
    expect(audit.body.entries[0]!.before.facts.absences).toHaveLength(1);
  });
});

describe('schedule', () => {
  it('returns slots with the CLI fields and the closed days by name', async () => {
    const { body } = await service.json<{
      slots: Record<string, unknown>[];
      closedDays: { date: string; name: string }[];
    }>('GET', '/api/rosters/so-vhttdl-bac-giang/schedule?from=2024-04-29&to=2024-05-04', 200);
    expect(body.closedDays.map((day) => [day.date, day.name])).toEqual([
      ['2024-04-29', 'Nghỉ hoán đổi (làm bù Thứ Bảy 04/05/2024)'],
      ['2024-04-30', 'Ngày Chiến thắng'],
      ['2024-05-01', 'Ngày Quốc tế Lao động'],
    ]);
    expect(body.slots.at(-1)).toMatchObject({
      date: '2024-05-04',
      position: 'primary',
      memberId: 'nguyen-manh-ha',
      memberName: 'Bà Nguyễn Mạnh Hà',
      kind: 'makeup',
      coversFor: null,
      start: '2024-05-04T07:00:00+07:00',
      end: '2024-05-04T17:00:00+07:00',
    });
  });

  it.each([
    ['from=2024-02-30&to=2024-03-01', ['from']],
    ['from=2024-05-10&to=2024-05-01', ['to']],
    ['to=2024-05-01', ['from']],
    ['from=2000-01-01&to=2030-01-01', ['to']],
  ])('refuses the range %s with the failing fields', async (query, fields) => {
    const response = await service.request(
      'GET',
      `/api/rosters/so-vhttdl-bac-giang/schedule?${query}`,
    );
    expect(response.status).toBe(422);
    expect((await problemOf(response)).errors?.map((error) => error.field)).toEqual(fields);
  });
});
