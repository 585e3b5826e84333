import { beforeEach, describe, expect, it } from 'vitest';
import {
  BAD_ABSENCES,
  expectRefusal,
  requestOf,
  VALID_ABSENCE as valid,
} from '../support/bad-input.ts';
import { problemOf, startTestService, type TestService } from '../support/service.ts';

const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
let service: TestService;

beforeEach(async () => {
  service = await startTestService();
});

/** Everything an admin could have entered, to show a refused request changed none of it. */
async function storedState() {
  const [absences, overrides, swaps, audit, roster] = await Promise.all(
    ['/absences', '/overrides', '/swaps']
      .map((part) => service.json('GET', `${ROSTER}${part}`, 200).then((r) => r.body))
      .concat([
        service.json('GET', '/api/audit', 200).then((r) => r.body),
        service.json('GET', ROSTER, 200).then((r) => r.body),
      ]),
  );
  return { absences, overrides, swaps, audit, roster };
}

describe('POST /api/rosters/{id}/absences', () => {
  it('records an absence and answers with the slots it changed', async () => {
    const { body, response } = await service.json('POST', `${ROSTER}/absences`, 201, {
      memberId: 'nguyen-manh-ha',
      from: '2024-05-06',
      to: '2024-05-08',
      reason: 'training',
      note: 'Lớp bồi dưỡng kỹ năng số',
    });
    const absence = body.absence as { id: string };
    expect(body.absence).toMatchObject({
      memberId: 'nguyen-manh-ha',
      from: '2024-05-06',
      to: '2024-05-08',
      reason: 'training',
      createdBy: 'admin',
    });
    expect(response.headers.get('location')).toBe(`${ROSTER}/absences/${absence.id}`);
    const changed = body.changedSlots as {
      key: string;
      before: { memberId: string };
      after: { memberId: string; kind: string; title: string };
    }[];
    expect(
      changed.map((change) => [
        change.key.split('/')[1],
        change.before.memberId,
        change.after.memberId,
        change.after.kind,
      ]),
    ).toEqual([
      ['2024-05-06', 'nguyen-manh-ha', 'nguyen-van-luyen', 'cover'],
      ['2024-05-08', 'nguyen-manh-ha', 'nguyen-van-hanh', 'cover'],
    ]);
    expect(changed[0]!.after.title).toBe(
      'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà đi học tập, bồi dưỡng)',
    );

    const schedule = await service.json<{ slots: { date: string; memberId: string }[] }>(
      'GET',
      `${ROSTER}/schedule?from=2024-05-06&to=2024-05-06`,
      200,
    );
    expect(schedule.body.slots[0]!.memberId).toBe('nguyen-van-luyen');
  });

  it('lists absences and removes one, putting the officer back on duty', async () => {
    const created = await service.json<{ absence: { id: string } }>(
      'POST',
      `${ROSTER}/absences`,
      201,
      { memberId: 'nguyen-van-luyen', from: '2024-05-07', to: '2024-05-07', reason: 'sick' },
    );
    const listed = await service.json<{ absences: { id: string }[] }>(
      'GET',
      `${ROSTER}/absences`,
      200,
    );
    expect(listed.body.absences.map((absence) => absence.id)).toEqual([created.body.absence.id]);
    expect(
      (await service.request('DELETE', `${ROSTER}/absences/${created.body.absence.id}`)).status,
    ).toBe(204);
    const schedule = await service.json<{ slots: { memberId: string; kind: string }[] }>(
      'GET',
      `${ROSTER}/schedule?from=2024-05-07&to=2024-05-07`,
      200,
    );
    expect(schedule.body.slots[0]).toMatchObject({ memberId: 'nguyen-van-luyen', kind: 'regular' });
    expect(
      (await service.request('DELETE', `${ROSTER}/absences/${created.body.absence.id}`)).status,
    ).toBe(404);
  });

  it.each(BAD_ABSENCES)('refuses $name with a problem+json and changes nothing', async (bad) => {
    const before = await storedState();
    await expectRefusal(await service.request('POST', `${ROSTER}/absences`, requestOf(bad)), bad);
    expect(await storedState()).toEqual(before);
  });

  it('refuses an absence overlapping another of the same officer (409) and keeps the first', async () => {
    await service.json('POST', `${ROSTER}/absences`, 201, valid);
    const before = await storedState();
    const response = await service.request('POST', `${ROSTER}/absences`, {
      body: { ...valid, from: '2024-05-08', to: '2024-05-10' },
    });
    expect(response.status).toBe(409);
    expect((await problemOf(response)).detail).toBe(
      'overlaps another absence of nguyen-manh-ha (2024-05-06 to 2024-05-08)',
    );
    expect(await storedState()).toEqual(before);
  });

  it('answers 404 for an unknown roster', async () => {
    const response = await service.request('POST', '/api/rosters/khong-co/absences', {
      body: valid,
    });
    expect(response.status).toBe(404);
    expect((await problemOf(response)).detail).toBe('roster "khong-co" does not exist');
  });
});

describe('overrides and swaps', () => {
  it('an override names who serves a day, and deleting it restores the pattern', async () => {
    const { body } = await service.json<{
      override: { id: string };
      changedSlots: { after: { memberId: string; kind: string } }[];
    }>('POST', `${ROSTER}/overrides`, 201, {
      date: '2024-05-06',
      memberId: 'nguyen-van-hanh',
      note: 'Theo phân công của Chánh Văn phòng',
    });
    expect(body.changedSlots.map((change) => change.after)).toMatchObject([
      { memberId: 'nguyen-van-hanh', kind: 'override' },
    ]);
    expect(
      (await service.request('DELETE', `${ROSTER}/overrides/${body.override.id}`)).status,
    ).toBe(204);
    const schedule = await service.json<{ slots: { memberId: string }[] }>(
      'GET',
      `${ROSTER}/schedule?from=2024-05-06&to=2024-05-06`,
      200,
    );
    expect(schedule.body.slots[0]!.memberId).toBe('nguyen-manh-ha');
  });

  it("an override replaces the slot's previous one: 200 overrides are one row, each replacement audited", async () => {
    const members = ['nguyen-van-hanh', 'nguyen-van-luyen'];
    const ids: string[] = [];
    for (let n = 0; n < 200; n++) {
      // Every other one names the position: with or without it, it is the same slot.
      const { body } = await service.json<{ override: { id: string } }>(
        'POST',
        `${ROSTER}/overrides`,
        201,
        { date: '2024-05-06', memberId: members[n % 2], ...(n % 2 ? { position: 'primary' } : {}) },
      );
      ids.push(body.override.id);
    }
    const { body } = await service.json<{ overrides: { id: string; memberId: string }[] }>(
      'GET',
      `${ROSTER}/overrides`,
      200,
    );
    expect(body.overrides.map((override) => [override.id, override.memberId])).toEqual([
      [ids[199], 'nguyen-van-luyen'],
    ]);
    const schedule = await service.json<{ slots: { memberId: string; kind: string }[] }>(
      'GET',
      `${ROSTER}/schedule?from=2024-05-06&to=2024-05-06`,
      200,
    );
    expect(schedule.body.slots).toMatchObject([{ memberId: 'nguyen-van-luyen', kind: 'override' }]);
    const audit = await service.json<{
      entries: { action: string; entityId: string; before: { id: string } | null }[];
    }>('GET', '/api/audit?rosterId=so-vhttdl-bac-giang&limit=500', 200);
    const overrides = audit.body.entries.filter((entry) => entry.action.startsWith('override.'));
    // Newest first: 199 replacements, each naming the override it replaced, after the first creation.
    expect(overrides.map((entry) => entry.action)).toEqual([
      ...Array.from({ length: 199 }, () => 'override.replace'),
      'override.create',
    ]);
    expect(overrides.map((entry) => [entry.entityId, entry.before?.id ?? null])).toEqual(
      ids.map((id, n) => [id, n === 0 ? null : ids[n - 1]]).reverse(),
    );
  });

  it('refuses an override on a day the office is closed', async () => {
    const response = await service.request('POST', `${ROSTER}/overrides`, {
      body: { date: '2024-04-30', memberId: 'nguyen-van-hanh' },
    });
    expect(response.status).toBe(422);
    expect((await problemOf(response)).detail).toBe(
      'no duty slot on 30/04/2024: the office is closed or nobody is scheduled that day',
    );
  });

  it('a swap exchanges two officers', async () => {
    const { body } = await service.json<{
      changedSlots: { key: string; after: { memberId: string } }[];
    }>('POST', `${ROSTER}/swaps`, 201, {
      first: { date: '2024-05-07' },
      second: { date: '2024-05-09' },
    });
    expect(body.changedSlots.map((change) => [change.key, change.after.memberId])).toEqual([
      ['so-vhttdl-bac-giang/2024-05-07/backup', 'nguyen-van-hanh'],
      ['so-vhttdl-bac-giang/2024-05-09/backup', 'nguyen-van-luyen'],
    ]);
  });
});
