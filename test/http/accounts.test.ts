import { beforeEach, describe, expect, it } from 'vitest';
import {
  addAccount,
  addDepartmentB,
  ORGANISATION_A,
  ORGANISATION_B,
  ROSTER_A,
  ROSTER_B,
} from '../support/accounts.ts';
import { problemOf, startTestService, type TestService } from '../support/service.ts';

let service: TestService;

beforeEach(async () => {
  service = await startTestService();
  await addDepartmentB(service);
});

const absence = {
  memberId: 'nguyen-manh-ha',
  from: '2024-05-06',
  to: '2024-05-07',
  reason: 'training',
};

describe('an organisation admin of department A', () => {
  it('cannot read or change department B’s rosters, and is answered as if they did not exist', async () => {
    const adminA = await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A);
    const before = await service.json<{ definition: Record<string, unknown> }>(
      'GET',
      `/api/rosters/${ROSTER_B}`,
      200,
    );
    const asA = (method: string, path: string, body?: unknown) =>
      service.request(method, path, { token: adminA.token, ...(body ? { body } : {}) });

    const missing = await problemOf(await asA('GET', '/api/rosters/khong-co'));
    for (const [method, path, body] of [
      ['GET', `/api/rosters/${ROSTER_B}`],
      ['GET', `/api/rosters/${ROSTER_B}/schedule?from=2024-05-01&to=2024-05-31`],
      ['GET', `/api/rosters/${ROSTER_B}/report?month=2024-05`],
      ['POST', `/api/rosters/${ROSTER_B}/absences`, absence],
      ['PUT', `/api/rosters/${ROSTER_B}`, before.body.definition],
      ['DELETE', `/api/rosters/${ROSTER_B}`],
    ] as const) {
      const response = await asA(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      const problem = await problemOf(response);
      expect(problem.detail).toBe(missing.detail.replace('khong-co', ROSTER_B));
    }
    const listed = (await (await asA('GET', '/api/rosters')).json()) as {
      rosters: { id: string }[];
    };
    expect(listed.rosters.map((roster) => roster.id)).toEqual([ROSTER_A]);
    const created = await asA('POST', '/api/rosters', {
      ...before.body.definition,
      id: 'lich-moi-cua-b',
    });
    expect(created.status).toBe(403);
    // Nor can a roster of A be handed over to B.
    const own = await service.json<{ definition: Record<string, unknown> }>(
      'POST',
      '/api/rosters',
      201,
      {
        ...before.body.definition,
        id: 'lich-cua-a',
        organisation: { id: ORGANISATION_A, names: [{ from: '2020-01-01', name: 'Sở A' }] },
      },
    );
    const moved = await service.request('PUT', '/api/rosters/lich-cua-a', {
      token: adminA.token,
      headers: { 'if-match': own.response.headers.get('etag')! },
      body: { ...own.body.definition, organisation: before.body.definition.organisation },
    });
    expect(moved.status).toBe(403);
    expect((await problemOf(moved)).detail).toBe(
      `a roster you write must name your organisation, not ${ORGANISATION_B}`,
    );

    const after = await service.json('GET', `/api/rosters/${ROSTER_B}`, 200);
    expect(after.body).toEqual(before.body);
    expect((await service.json('GET', `/api/rosters/${ROSTER_B}/absences`, 200)).body).toEqual({
      absences: [],
    });
    // …while their own roster is theirs to change, and the audit log names them.
    expect((await asA('POST', `/api/rosters/${ROSTER_A}/absences`, absence)).status).toBe(201);
    const audit = await service.json<{ entries: { actor: string; action: string }[] }>(
      'GET',
      `/api/audit?rosterId=${ROSTER_A}`,
      200,
    );
    expect(audit.body.entries[0]).toMatchObject({ actor: 'quan-tri-a' });
  });

  it('manages the accounts of department A only, and never creates a system admin', async () => {
    const adminA = await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A);
    await addAccount(service, 'quan-tri-b', 'org-admin', ORGANISATION_B);
    const asA = (method: string, path: string, body?: unknown) =>
      service.request(method, path, { token: adminA.token, ...(body ? { body } : {}) });
    const manager = {
      id: 'can-bo-a',
      name: 'Cán bộ A',
      role: 'roster-manager',
      rosters: [ROSTER_A],
    };
    const created = await asA('POST', '/api/accounts', manager);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      organisationId: ORGANISATION_A,
      hasPassword: false,
    });

    const refused = await asA('POST', '/api/accounts', {
      ...manager,
      id: 'can-bo-b',
      organisationId: ORGANISATION_B,
    });
    expect(refused.status).toBe(403);
    expect(
      (await asA('POST', '/api/accounts', { ...manager, id: 'x', role: 'system-admin' })).status,
    ).toBe(403);
    const foreignRoster = await asA('POST', '/api/accounts', {
      ...manager,
      id: 'y',
      rosters: [ROSTER_B],
    });
    expect(foreignRoster.status).toBe(422);
    expect((await problemOf(foreignRoster)).errors).toEqual([
      { field: 'rosters.0', message: `no roster ${ROSTER_B} in ${ORGANISATION_A}` },
    ]);
    expect((await asA('GET', '/api/accounts/quan-tri-b')).status).toBe(404);
    const listed = (await (await asA('GET', '/api/accounts')).json()) as {
      accounts: { id: string }[];
    };
    expect(listed.accounts.map((account) => account.id)).toEqual(['can-bo-a', 'quan-tri-a']);
  });
});

describe('API tokens', () => {
  it('are shown once, record their last use, and stop working when revoked', async () => {
    const viewer = await addAccount(service, 'thanh-tra', 'viewer', ORGANISATION_A);
    service.setNow('2024-05-03T02:00:00Z');
    const read = await service.request(
      'GET',
      `/api/rosters/${ROSTER_A}/schedule?from=2024-05-06&to=2024-05-06`,
      {
        token: viewer.token,
      },
    );
    expect(read.status).toBe(200);
    expect(
      (
        await service.request('POST', `/api/rosters/${ROSTER_A}/absences`, {
          token: viewer.token,
          body: absence,
        })
      ).status,
    ).toBe(403);

    const account = await service.json<{ tokens: { id: string; lastUsedAt: string }[] }>(
      'GET',
      '/api/accounts/thanh-tra',
      200,
    );
    const [token] = account.body.tokens;
    expect(token).toMatchObject({ lastUsedAt: '2024-05-03T02:00:00.000Z', revokedAt: null });
    expect(JSON.stringify(account.body)).not.toContain(viewer.token);

    await service.json('DELETE', `/api/accounts/thanh-tra/tokens/${token!.id}`, 204);
    const revoked = await service.request('GET', '/api/rosters', { token: viewer.token });
    expect(revoked.status).toBe(401);
  });

  it('stop working with their account disabled', async () => {
    const manager = await addAccount(service, 'can-bo', 'roster-manager', ORGANISATION_A, [
      ROSTER_A,
    ]);
    expect((await service.request('GET', '/api/rosters', { token: manager.token })).status).toBe(
      200,
    );
    await service.json('DELETE', '/api/accounts/can-bo', 204);
    expect((await service.request('GET', '/api/rosters', { token: manager.token })).status).toBe(
      401,
    );
  });
});

describe('a viewer', () => {
  it('reads a sick absence as "vắng" in the schedule, and cannot list the absences', async () => {
    const viewer = await addAccount(service, 'thanh-tra', 'viewer', ORGANISATION_A);
    const manager = await addAccount(service, 'can-bo', 'roster-manager', ORGANISATION_A, [
      ROSTER_A,
    ]);
    await service.json('POST', `/api/rosters/${ROSTER_A}/absences`, 201, {
      ...absence,
      reason: 'sick',
    });
    const path = `/api/rosters/${ROSTER_A}/schedule?from=2024-05-06&to=2024-05-07`;
    const read = async (token: string) => {
      const response = await service.request('GET', path, { token });
      const body = (await response.json()) as {
        slots: { coversFor: string | null; reason: string }[];
      };
      return body.slots.filter((slot) => slot.coversFor === 'nguyen-manh-ha');
    };
    const asManager = await read(manager.token);
    const asViewer = await read(viewer.token);
    expect(asManager.length).toBeGreaterThan(0);
    expect(asManager.map((slot) => slot.reason)).toEqual(asManager.map(() => 'sick'));
    expect(asViewer.map((slot) => slot.reason)).toEqual(asManager.map(() => 'other'));
    const viewerText = JSON.stringify(
      await (await service.request('GET', path, { token: viewer.token })).json(),
    );
    expect(viewerText).not.toMatch(/ốm|sick/i);
    const absences = await service.request('GET', `/api/rosters/${ROSTER_A}/absences`, {
      token: viewer.token,
    });
    expect(absences.status).toBe(403);
  });
});

describe('feed links of an organisation admin', () => {
  it('are those of its own rosters: another department’s feeds are answered as missing', async () => {
    const adminA = await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A);
    const asA = (method: string, path: string, body?: unknown) =>
      service.request(method, path, { token: adminA.token, ...(body ? { body } : {}) });
    const feedB = await service.json<{ id: string; url: string }>('POST', '/api/feeds', 201, {
      rosterId: ROSTER_B,
    });
    const created = await asA('POST', '/api/feeds', { rosterId: ROSTER_A });
    expect(created.status).toBe(201);
    const feedA = (await created.json()) as { id: string };
    expect((await asA('POST', '/api/feeds', { rosterId: ROSTER_B })).status).toBe(404);

    const listed = (await (await asA('GET', '/api/feeds')).json()) as { feeds: { id: string }[] };
    expect(listed.feeds.map((feed) => feed.id)).toEqual([feedA.id]);
    const revoke = await asA('DELETE', `/api/feeds/${feedB.body.id}`);
    expect(revoke.status).toBe(404);
    expect((await problemOf(revoke)).detail).toBe(`feed "${feedB.body.id}" does not exist`);
    const feedPath = new URL(feedB.body.url).pathname;
    expect((await service.request('GET', feedPath, { token: null })).status).toBe(200);
    expect((await asA('DELETE', `/api/feeds/${feedA.id}`)).status).toBe(204);
  });
});
