import { beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  NodeConfigSchema,
  parseConfig,
  WorkerConfigSchema,
} from '../../src/config.ts';
import { problemOf, startTestService, type TestService } from '../support/service.ts';

let service: TestService;

beforeEach(async () => {
  service = await startTestService();
});

const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
type Table = {
  year: number;
  estimated: boolean;
  entries: { date: string; status: string; kind: string }[];
  sources: { id: string }[];
};

describe('holiday table editing', () => {
  it('reads an official year and an estimated one', async () => {
    expect((await service.json<Table>('GET', '/api/holidays/2024', 200)).body).toMatchObject({
      year: 2024,
      estimated: false,
    });
    expect((await service.json<Table>('GET', '/api/holidays/2031', 200)).body).toMatchObject({
      year: 2031,
      estimated: true,
    });
    expect((await service.request('GET', '/api/holidays/31')).status).toBe(422);
  });

  it('a late notice swapping a working day closes it, opens the làm bù Saturday, and the schedule follows', async () => {
    // A hypothetical notice: Friday 03/05/2024 off, made up on Saturday 11/05/2024.
    const source = {
      id: 'tb-gia-dinh-2024',
      number: '99/TB-VPCP',
      date: '2024-05-02',
      issuer: 'Văn phòng Chính phủ',
    };
    await service.json('PUT', '/api/holidays/days/2024-05-03', 200, {
      entry: {
        date: '2024-05-03',
        kind: 'swapped',
        name: 'Nghỉ hoán đổi (làm bù Thứ Bảy 11/05/2024)',
        status: 'official',
        source: source.id,
        swappedWith: '2024-05-11',
      },
      source,
    });
    const table = await service.json<Table>('PUT', '/api/holidays/days/2024-05-11', 200, {
      entry: {
        date: '2024-05-11',
        kind: 'makeup-workday',
        name: 'Làm bù cho Thứ Sáu 03/05/2024',
        status: 'official',
        source: source.id,
        replaces: '2024-05-03',
      },
    });
    expect(table.body.sources.map((s) => s.id)).toContain('tb-gia-dinh-2024');
    const { body } = await service.json<{
      slots: { date: string; memberId: string; kind: string }[];
      closedDays: { date: string }[];
    }>('GET', `${ROSTER}/schedule?from=2024-05-03&to=2024-05-11`, 200);
    expect(body.closedDays.map((day) => day.date)).toEqual(['2024-05-03']);
    expect(body.slots.at(-1)).toMatchObject({
      date: '2024-05-11',
      memberId: 'nguyen-manh-ha',
      kind: 'makeup',
    });
  });

  it('switches the pending Ngày Văn hóa Việt Nam on, and back off by removing the edit', async () => {
    const before = await service.json<{ slots: unknown[] }>(
      'GET',
      `${ROSTER}/schedule?from=2026-11-24&to=2026-11-24`,
      200,
    );
    expect(before.body.slots).toHaveLength(1);
    const source = {
      id: 'luat-sua-doi-blld',
      number: '…/2026/QH15',
      date: '2026-06',
      issuer: 'Quốc hội',
    };
    await service.json('PUT', '/api/holidays/days/2026-11-24', 200, {
      entry: {
        date: '2026-11-24',
        kind: 'holiday',
        name: 'Ngày Văn hóa Việt Nam',
        status: 'official',
        source: source.id,
      },
      source,
    });
    const after = await service.json<{ slots: unknown[]; closedDays: { name: string }[] }>(
      'GET',
      `${ROSTER}/schedule?from=2026-11-24&to=2026-11-24`,
      200,
    );
    expect(after.body).toMatchObject({
      slots: [],
      closedDays: [{ name: 'Ngày Văn hóa Việt Nam' }],
    });
  });

  it('refuses an entry that would make the table invalid, and keeps the table as it was', async () => {
    const before = await service.json<Table>('GET', '/api/holidays/2024', 200);
    const response = await service.request('PUT', '/api/holidays/days/2024-05-07', {
      body: {
        entry: {
          date: '2024-05-07',
          kind: 'makeup-workday',
          name: 'Làm bù',
          status: 'official',
          source: 'vpcp-2450-kgvx',
          replaces: '2024-05-06',
        },
      },
    });
    expect(response.status).toBe(422);
    expect((await problemOf(response)).errors?.[0]?.message).toBe(
      '2024-05-07 is a weekday: only a Saturday or Sunday can be a làm bù day',
    );
    expect((await service.json<Table>('GET', '/api/holidays/2024', 200)).body).toEqual(before.body);
    const mismatch = await service.request('PUT', '/api/holidays/days/2024-05-08', {
      body: { entry: { date: '2024-05-09', kind: 'holiday', name: 'X', status: 'estimated' } },
    });
    expect(mismatch.status).toBe(422);
  });
});

describe('audit log', () => {
  it('records who changed what, with the state before and after, newest first', async () => {
    const created = await service.json<{ absence: { id: string } }>(
      'POST',
      `${ROSTER}/absences`,
      201,
      { memberId: 'nguyen-van-hanh', from: '2024-05-09', to: '2024-05-09', reason: 'business' },
    );
    await service.request('DELETE', `${ROSTER}/absences/${created.body.absence.id}`);
    const { body } = await service.json<{
      entries: {
        action: string;
        actor: string;
        entityId: string;
        before: unknown;
        after: unknown;
        requestId: string;
      }[];
    }>('GET', `/api/audit?rosterId=so-vhttdl-bac-giang&limit=2`, 200);
    expect(body.entries.map((entry) => [entry.action, entry.actor, entry.entityId])).toEqual([
      ['absence.delete', 'admin', created.body.absence.id],
      ['absence.create', 'admin', created.body.absence.id],
    ]);
    expect(body.entries[0]!.before).toMatchObject({
      memberId: 'nguyen-van-hanh',
      reason: 'business',
    });
    expect(body.entries[1]!.after).toMatchObject({ memberId: 'nguyen-van-hanh' });
    expect(body.entries[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('cannot be rewritten, even by the database layer', async () => {
    await expect(service.ctx.store.db.prepare('DELETE FROM audit_log').run()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      service.ctx.store.db.prepare("UPDATE audit_log SET actor = 'x'").run(),
    ).rejects.toThrow(/append-only/);
  });
});

describe('OpenAPI document and docs page', () => {
  it('describes every admin route with the request schemas the server validates with', async () => {
    const response = await service.request('GET', '/api/openapi.json', { token: null });
    const document = (await response.json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { properties: Record<string, unknown> } }>;
            };
          }
        >
      >;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/rosters',
        '/api/rosters/{id}/absences',
        '/api/feeds',
        '/api/holidays/days/{date}',
        '/feeds/{file}',
      ]),
    );
    const absence =
      document.paths['/api/rosters/{id}/absences']!.post!.requestBody!.content['application/json']!
        .schema;
    // correctionReason: why a month already closed (month close) is changed; the server refuses such a change without it.
    expect(Object.keys(absence.properties)).toEqual([
      'memberId',
      'from',
      'to',
      'reason',
      'note',
      'correctionReason',
    ]);
    const page = await service.request('GET', '/api/docs', { token: null });
    expect(await page.text()).toContain(
      '<code>/api/rosters/{id}/absences</code> – Record an absence',
    );
  });
});

describe('configuration', () => {
  it('applies the documented defaults', () => {
    expect(parseConfig(NodeConfigSchema, {})).toEqual({
      HOST: '127.0.0.1',
      PORT: 8787,
      LICHTRUC_DB: './data/lichtruc.db',
      LICHTRUC_CALENDARS: './calendars',
      GOOGLE_API_ROOT_URL: 'https://www.googleapis.com',
      MS_GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0',
      MS_LOGIN_BASE_URL: 'https://login.microsoftonline.com',
      LICHTRUC_SYNC_PAST_DAYS: 30,
      LICHTRUC_SYNC_FUTURE_DAYS: 365,
      LICHTRUC_GOOGLE_WRITES_PER_MINUTE: 600,
      LICHTRUC_GRAPH_WRITES_PER_MINUTE: 1000,
      LICHTRUC_SYNC_CRON: '17 2 * * *',
      LICHTRUC_NOTICE_DAYS: 14,
      LICHTRUC_NOTICE_COALESCE_SECONDS: 120,
      LICHTRUC_QUIET_HOURS: { start: '21:00', end: '06:30' },
      LICHTRUC_REMINDER_AT: '16:30',
      LICHTRUC_DIGEST_AT: { weekday: 5, time: '15:00' },
      ZALO_API_BASE_URL: 'https://bot-api.zaloplatforms.com',
      LICHTRUC_WEBHOOK_ALLOW_PRIVATE: false,
    });
  });

  it('takes write budgets as whole numbers of writes a minute', () => {
    expect(
      parseConfig(NodeConfigSchema, { LICHTRUC_GOOGLE_WRITES_PER_MINUTE: '300' })
        .LICHTRUC_GOOGLE_WRITES_PER_MINUTE,
    ).toBe(300);
    for (const value of ['0', '6.5', 'many'])
      expect(() =>
        parseConfig(NodeConfigSchema, { LICHTRUC_GRAPH_WRITES_PER_MINUTE: value }),
      ).toThrow(
        `LICHTRUC_GRAPH_WRITES_PER_MINUTE: must be a whole number of writes per minute from 1 to 100000 (got "${value}")`,
      );
  });

  it('reads a Google service-account key from its JSON text, and says which field is wrong', () => {
    const key = {
      type: 'service_account',
      client_email: 'lichtruc@du-an.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nMII…\n-----END PRIVATE KEY-----\n',
      token_uri: 'https://oauth2.googleapis.com/token',
    };
    expect(
      parseConfig(NodeConfigSchema, { GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(key) })
        .GOOGLE_SERVICE_ACCOUNT_KEY,
    ).toEqual(key);
    const problems = (() => {
      try {
        parseConfig(NodeConfigSchema, {
          GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({ ...key, client_email: 'not-an-email' }),
        });
      } catch (caught) {
        return (caught as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([
      'GOOGLE_SERVICE_ACCOUNT_KEY: Invalid email address (field client_email) (got "…")',
    ]);
    expect(() =>
      parseConfig(NodeConfigSchema, { GOOGLE_SERVICE_ACCOUNT_KEY: '{not json' }),
    ).toThrow('GOOGLE_SERVICE_ACCOUNT_KEY: must be the JSON text of a Google service account key');
  });

  it('wants a long password pepper on both runtimes, and never prints it', () => {
    for (const schema of [NodeConfigSchema, WorkerConfigSchema])
      expect(() =>
        parseConfig(schema, {
          LICHTRUC_ADMIN_TOKEN: 'a-token-of-at-least-24-characters',
          LICHTRUC_PUBLIC_URL: 'https://lichtruc.test',
          LICHTRUC_PASSWORD_PEPPER: 'ngan-qua',
        }),
      ).toThrow(
        'LICHTRUC_PASSWORD_PEPPER: must be at least 32 characters of random text, e.g. from: openssl rand -base64 32 (got "…")',
      );
  });

  it('wants the three Microsoft credentials together', () => {
    expect(() =>
      parseConfig(NodeConfigSchema, { MS_TENANT_ID: 'contoso', MS_CLIENT_ID: 'app' }),
    ).toThrow('MS_CLIENT_SECRET: is needed with MS_TENANT_ID and MS_CLIENT_ID to push to Outlook');
  });

  it('names each bad variable with what it should be', () => {
    const error = (() => {
      try {
        parseConfig(NodeConfigSchema, {
          PORT: '80a',
          LICHTRUC_PUBLIC_URL: 'ftp://x',
          LICHTRUC_ADMIN_TOKEN: 'short',
        });
      } catch (caught) {
        expect(caught).toBeInstanceOf(ConfigError);
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems).toEqual([
      'PORT: must be a whole number between 1 and 65535 (got "80a")',
      'LICHTRUC_ADMIN_TOKEN: must be at least 24 characters (or unset it to have one generated) (got "…")',
      'LICHTRUC_PUBLIC_URL: must be an http:// or https:// URL, e.g. https://lichtruc.example.gov.vn (got "ftp://x")',
    ]);
  });
});
