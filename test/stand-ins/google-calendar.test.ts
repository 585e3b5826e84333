/**
 * The Google stand-in as the official client (`@googleapis/calendar`) meets it, plus raw fetches for what the client
 * cannot do (the JWT bearer grant, batch). Each case is a behaviour of the real Google Calendar API that the
 * product must survive: taken ids, stale etags, soft deletes, ragged pages, expiring sync tokens, batch statuses,
 * rate limits, revoked keys and calendars not shared.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { type calendar_v3, calendar } from '@googleapis/calendar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, type GoogleStandIn, startGoogleStandIn } from './google-calendar.ts';

const SA = 'lichtruc-sync@lichtruc-test.iam.gserviceaccount.com';
const CAL = 'duty-roster@group.calendar.google.com';
const SLOT_ID = 'c5p3m8q0ooo0vvv0'; // base32hex, as a slot key encodes

let standIn: GoogleStandIn;
let privateKey: KeyObject;
let token: string;
let api: calendar_v3.Calendar;

beforeEach(async () => {
  standIn = await startGoogleStandIn();
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = pair.privateKey;
  standIn.addServiceAccount({
    clientEmail: SA,
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  standIn.createCalendar({ id: CAL, summary: 'Lịch trực', writers: [SA] });
  const grant = await requestToken(assertion(privateKey, {}));
  expect(grant.status).toBe(200);
  token = (grant.body as { access_token: string }).access_token;
  api = client(token);
});

afterEach(() => standIn.close());

/** The official client pointed at the stand-in, with the platform fetch (see the report on why). */
function client(accessToken: string): calendar_v3.Calendar {
  return calendar({
    version: 'v3',
    rootUrl: standIn.rootUrl,
    fetchImplementation: fetch,
    headers: { Authorization: `Bearer ${accessToken}` },
  });
}

/** An RS256 JWT bearer assertion, signed here with node:crypto (the product does it with WebCrypto). */
function assertion(key: KeyObject, override: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: SA,
    scope: CALENDAR_SCOPE,
    aud: standIn.tokenUrl,
    iat: now,
    exp: now + 3600,
    ...override,
  };
  const encode = (value: object): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
}

async function requestToken(
  jwt: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: jwt,
  });
  const response = await fetch(standIn.tokenUrl, { method: 'POST', body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Failure {
  status: number | undefined;
  reason: string | undefined;
  message: string | undefined;
  retryAfter: string | null | undefined;
  code: string | undefined;
}

/** What a rejected client call carries: GaxiosError's status, Google's reason and the Retry-After header. */
async function failure(call: Promise<unknown>): Promise<Failure> {
  const error = (await call.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e,
  )) as {
    status?: number;
    code?: string;
    response?: {
      headers: Headers;
      data: { error?: { message?: string; errors?: { reason?: string }[] } };
    };
  };
  const googleError = error.response?.data?.error;
  return {
    status: error.status,
    reason: googleError?.errors?.[0]?.reason,
    message: googleError?.message,
    retryAfter: error.response?.headers.get('retry-after'),
    code: error.code,
  };
}

function slotEvent(
  id: string,
  day: string,
  extra: calendar_v3.Schema$Event = {},
): calendar_v3.Schema$Event {
  return {
    id,
    summary: `Trực ${day}`,
    start: { dateTime: `${day}T07:30:00+07:00` },
    end: { dateTime: `${day}T17:00:00+07:00` },
    extendedProperties: { private: { lichtruc: '1', slot: id } },
    ...extra,
  };
}

const insert = (event: calendar_v3.Schema$Event) =>
  api.events.insert({ calendarId: CAL, requestBody: event });
const apiRequests = () => standIn.requests.filter((r) => r.path.startsWith('/calendar/'));
const apiCalls = () => apiRequests().map((r) => `${r.method} ${r.status}`);

describe('token endpoint', () => {
  it('grants a bearer token for a correctly signed assertion and refuses bad ones', async () => {
    const granted = await requestToken(assertion(privateKey, {}));
    expect(granted.body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(granted.body.access_token).toMatch(/^ya29\./);

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(await requestToken(assertion(otherKey, {}))).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
    expect(
      (await requestToken(assertion(privateKey, { aud: 'https://oauth2.googleapis.com/token' })))
        .body.error,
    ).toBe('invalid_grant');
    expect(
      (
        await requestToken(
          assertion(privateKey, { scope: 'https://www.googleapis.com/auth/drive' }),
        )
      ).body.error,
    ).toBe('invalid_scope');
    const past = Math.floor(Date.now() / 1000) - 7200;
    expect(
      (await requestToken(assertion(privateKey, { iat: past, exp: past + 3600 }))).body.error,
    ).toBe('invalid_grant');
  });

  it('a revoked key gets 400 on the grant and its issued token gets 401 on the API', async () => {
    standIn.revokeServiceAccount(SA);
    expect(await requestToken(assertion(privateKey, {}))).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
    expect(await failure(api.events.list({ calendarId: CAL }))).toMatchObject({
      status: 401,
      reason: 'authError',
      message: 'Invalid Credentials',
    });
  });

  it('an expired token answers 401 until a new grant', async () => {
    standIn.expireTokens(SA);
    expect(await failure(api.calendars.get({ calendarId: CAL }))).toMatchObject({
      status: 401,
      reason: 'authError',
    });
    const fresh = (await requestToken(assertion(privateKey, {}))).body.access_token as string;
    expect((await client(fresh).calendars.get({ calendarId: CAL })).data).toMatchObject({
      id: CAL,
      summary: 'Lịch trực',
    });
  });

  it('an API call without a token is 401 and is logged without auth', async () => {
    const anonymous = calendar({
      version: 'v3',
      rootUrl: standIn.rootUrl,
      fetchImplementation: fetch,
    });
    expect(await failure(anonymous.calendars.get({ calendarId: CAL }))).toMatchObject({
      status: 401,
      reason: 'required',
    });
    expect(standIn.requests.at(-1)).toMatchObject({ method: 'GET', hasAuth: false, status: 401 });
  });
});

describe('calendars and sharing', () => {
  it('answers 404 for a calendar not shared with the caller, 403 for writes with reader access', async () => {
    standIn.createCalendar({
      id: 'private@group.calendar.google.com',
      writers: ['someone-else@example.com'],
    });
    standIn.createCalendar({ id: 'readonly@group.calendar.google.com', readers: [SA] });
    expect(
      await failure(api.events.list({ calendarId: 'private@group.calendar.google.com' })),
    ).toMatchObject({ status: 404, reason: 'notFound' });
    expect(
      await failure(api.events.list({ calendarId: 'nowhere@group.calendar.google.com' })),
    ).toMatchObject({ status: 404, reason: 'notFound' });
    expect(
      (await api.events.list({ calendarId: 'readonly@group.calendar.google.com' })).data.accessRole,
    ).toBe('reader');
    const write = api.events.insert({
      calendarId: 'readonly@group.calendar.google.com',
      requestBody: slotEvent(SLOT_ID, '2024-05-06'),
    });
    expect(await failure(write)).toMatchObject({ status: 403, reason: 'requiredAccessLevel' });
  });

  it('an owner shares the calendar with a member through acl.insert and takes it back with acl.delete', async () => {
    const created = await api.calendars.insert({
      requestBody: { summary: 'Lịch trực Một cửa', timeZone: 'Asia/Ho_Chi_Minh' },
    });
    const calendarId = created.data.id!;
    expect(calendarId).toMatch(/@group\.calendar\.google\.com$/);
    expect((await api.calendars.get({ calendarId })).data).toMatchObject({
      summary: 'Lịch trực Một cửa',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const rule = await api.acl.insert({
      calendarId,
      requestBody: { role: 'reader', scope: { type: 'user', value: 'ha@example.vn' } },
    });
    expect(rule.data).toMatchObject({ id: 'user:ha@example.vn', role: 'reader' });
    const roles = (await api.acl.list({ calendarId })).data.items?.map(
      (r) => `${r.scope?.value}:${r.role}`,
    );
    expect(roles).toEqual([`${SA}:owner`, 'ha@example.vn:reader']);
    expect((await api.acl.delete({ calendarId, ruleId: 'user:ha@example.vn' })).status).toBe(204);
    expect(standIn.acl(calendarId).map((r) => r.id)).toEqual([`user:${SA}`]);
    // A writer (not owner) may not change sharing.
    expect(
      await failure(
        api.acl.insert({
          calendarId: CAL,
          requestBody: { role: 'reader', scope: { type: 'user', value: 'x@example.vn' } },
        }),
      ),
    ).toMatchObject({
      status: 403,
      reason: 'requiredAccessLevel',
    });
  });
});

describe('event writes', () => {
  it('keeps the client id, generates an iCalUID distinct from it, and answers 409 to a taken id', async () => {
    const created = await insert(slotEvent(SLOT_ID, '2024-05-06'));
    expect(created.data).toMatchObject({
      id: SLOT_ID,
      iCalUID: `${SLOT_ID}@google.com`,
      status: 'confirmed',
      sequence: 0,
    });
    expect(created.headers.etag).toBe(created.data.etag);
    expect(await failure(insert(slotEvent(SLOT_ID, '2024-05-07')))).toMatchObject({
      status: 409,
      reason: 'duplicate',
      message: 'The requested identifier already exists.',
      retryAfter: null,
    });
  });

  it('rejects ids outside base32hex or 5–1024 characters with 400 invalid', async () => {
    for (const id of ['ABCDE12345', 'slotw12345', 'ab12', 'a'.repeat(1025), 'abc-12345']) {
      expect(await failure(insert(slotEvent(id, '2024-05-06')))).toMatchObject({
        status: 400,
        reason: 'invalid',
      });
    }
    expect((await insert(slotEvent('a'.repeat(1024), '2024-05-06'))).status).toBe(200);
  });

  it('answers 304 to a matching If-None-Match and 412 to a stale If-Match on PUT, PATCH and DELETE', async () => {
    const first = (await insert(slotEvent(SLOT_ID, '2024-05-06'))).data;
    const notModified = await api.events.get(
      { calendarId: CAL, eventId: SLOT_ID },
      { headers: { 'If-None-Match': first.etag! } },
    );
    expect(notModified.status).toBe(304);

    standIn.editEvent(CAL, SLOT_ID, { summary: 'Sửa tay' }); // a person edits it in Google Calendar
    const stale = { headers: { 'If-Match': first.etag! } };
    const put = api.events.update(
      { calendarId: CAL, eventId: SLOT_ID, requestBody: slotEvent(SLOT_ID, '2024-05-06') },
      stale,
    );
    expect(await failure(put)).toMatchObject({ status: 412, reason: 'conditionNotMet' });
    expect(
      await failure(
        api.events.patch(
          { calendarId: CAL, eventId: SLOT_ID, requestBody: { summary: 'x' } },
          stale,
        ),
      ),
    ).toMatchObject({ status: 412 });
    expect(
      await failure(api.events.delete({ calendarId: CAL, eventId: SLOT_ID }, stale)),
    ).toMatchObject({ status: 412 });

    const current = standIn.events(CAL)[0]!;
    const updated = await api.events.update(
      { calendarId: CAL, eventId: SLOT_ID, requestBody: slotEvent(SLOT_ID, '2024-05-06') },
      { headers: { 'If-Match': current.etag! } },
    );
    expect(updated.data.etag).not.toBe(current.etag);
    expect(Date.parse(updated.data.updated!)).toBeGreaterThan(Date.parse(current.updated!));
    expect(updated.data.summary).toBe('Trực 2024-05-06');
  });

  it('soft-deletes: 410 on a second delete or an update, 409 on re-insert, undelete by status confirmed', async () => {
    await insert(slotEvent(SLOT_ID, '2024-05-06'));
    expect((await api.events.delete({ calendarId: CAL, eventId: SLOT_ID })).status).toBe(204);
    expect((await api.events.get({ calendarId: CAL, eventId: SLOT_ID })).data.status).toBe(
      'cancelled',
    );
    expect(await failure(api.events.delete({ calendarId: CAL, eventId: SLOT_ID }))).toMatchObject({
      status: 410,
      reason: 'deleted',
    });
    expect(
      await failure(
        api.events.patch({ calendarId: CAL, eventId: SLOT_ID, requestBody: { summary: 'x' } }),
      ),
    ).toMatchObject({ status: 410 });
    expect(await failure(insert(slotEvent(SLOT_ID, '2024-05-06')))).toMatchObject({
      status: 409,
      reason: 'duplicate',
    });
    expect((await api.events.list({ calendarId: CAL })).data.items).toEqual([]);

    const restored = await api.events.update({
      calendarId: CAL,
      eventId: SLOT_ID,
      requestBody: { ...slotEvent(SLOT_ID, '2024-05-06'), status: 'confirmed' },
    });
    expect(restored.data.status).toBe('confirmed');
    expect((await api.events.list({ calendarId: CAL })).data.items?.map((e) => e.id)).toEqual([
      SLOT_ID,
    ]);
  });

  it('refuses a sequence below the stored one and bumps it when the times change', async () => {
    await insert(slotEvent(SLOT_ID, '2024-05-06', { sequence: 3 }));
    const lower = api.events.update({
      calendarId: CAL,
      eventId: SLOT_ID,
      requestBody: slotEvent(SLOT_ID, '2024-05-06', { sequence: 2 }),
    });
    expect(await failure(lower)).toMatchObject({ status: 400, reason: 'invalid' });
    const moved = await api.events.patch({
      calendarId: CAL,
      eventId: SLOT_ID,
      requestBody: { end: { dateTime: '2024-05-06T18:00:00+07:00' } },
    });
    expect(moved.data.sequence).toBe(4);
    const renamed = await api.events.patch({
      calendarId: CAL,
      eventId: SLOT_ID,
      requestBody: { summary: 'Trực thay' },
    });
    expect(renamed.data.sequence).toBe(4);
  });
});

describe('events.list', () => {
  const ids = ['slot00001', 'slot00002', 'slot00003', 'slot00004', 'slot00005'];

  it('pages raggedly: an empty page still carries nextPageToken, nextSyncToken only on the last page', async () => {
    for (const [i, id] of ids.entries())
      await insert(slotEvent(id, `2024-05-${String(i + 6).padStart(2, '0')}`));
    const pages: { items: string[]; next: boolean; sync: boolean }[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await api.events.list({
        calendarId: CAL,
        maxResults: 2,
        ...(pageToken ? { pageToken } : {}),
      });
      pages.push({
        items: data.items!.map((e) => e.id!),
        next: Boolean(data.nextPageToken),
        sync: Boolean(data.nextSyncToken),
      });
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(pages).toEqual([
      { items: ['slot00001', 'slot00002'], next: true, sync: false },
      { items: [], next: true, sync: false },
      { items: ['slot00003'], next: true, sync: false },
      { items: ['slot00004', 'slot00005'], next: false, sync: true },
    ]);
    expect(standIn.requests.at(-1)?.query).toEqual({
      maxResults: '2',
      pageToken: expect.any(String),
    });
  });

  it("with paging: 'full' every page but the last is full", async () => {
    const plain = await startGoogleStandIn({ paging: 'full' });
    try {
      plain.createServiceAccount(SA);
      plain.createCalendar({ id: CAL, writers: [SA] });
      for (const id of ids) plain.insertForeignEvent(CAL, slotEvent(id, '2024-05-06'));
      const auth = { Authorization: `Bearer ${plain.issueToken(SA)}` };
      const plainApi = calendar({
        version: 'v3',
        rootUrl: plain.rootUrl,
        fetchImplementation: fetch,
        headers: auth,
      });
      const sizes: number[] = [];
      let pageToken: string | undefined;
      do {
        const { data } = await plainApi.events.list({
          calendarId: CAL,
          maxResults: 2,
          ...(pageToken ? { pageToken } : {}),
        });
        sizes.push(data.items!.length);
        pageToken = data.nextPageToken ?? undefined;
      } while (pageToken);
      expect(sizes).toEqual([2, 2, 1]);
    } finally {
      await plain.close();
    }
  });

  it('holds 250 events a page by default and at most 2500 whatever maxResults asks', async () => {
    for (let i = 0; i < 2600; i += 1) {
      standIn.insertForeignEvent(CAL, {
        id: `bulk${String(i).padStart(5, '0')}`,
        start: { date: '2024-06-01' },
        end: { date: '2024-06-02' },
      });
    }
    const byDefault = await api.events.list({ calendarId: CAL });
    expect([byDefault.data.items?.length, Boolean(byDefault.data.nextPageToken)]).toEqual([
      250,
      true,
    ]);
    const capped = await api.events.list({ calendarId: CAL, maxResults: 5000 });
    expect([capped.data.items?.length, Boolean(capped.data.nextPageToken)]).toEqual([2500, true]);
  });

  it('filters on private extended properties (all must match), iCalUID and time range', async () => {
    await insert(
      slotEvent('slot00001', '2024-05-06', {
        extendedProperties: { private: { roster: 'mot-cua', slot: '1' } },
      }),
    );
    await insert(
      slotEvent('slot00002', '2024-05-07', {
        extendedProperties: { private: { roster: 'mot-cua', slot: '2' } },
      }),
    );
    await insert(
      slotEvent('slot00003', '2024-05-08', {
        extendedProperties: { private: { roster: 'khac', slot: '3' } },
      }),
    );
    standIn.insertForeignEvent(CAL, {
      summary: 'Họp giao ban',
      start: { date: '2024-05-06' },
      end: { date: '2024-05-07' },
    });
    const list = async (params: calendar_v3.Params$Resource$Events$List) =>
      (await api.events.list({ calendarId: CAL, ...params })).data.items!.map((e) => e.id ?? '?');
    expect(await list({ privateExtendedProperty: ['roster=mot-cua'] })).toEqual([
      'slot00001',
      'slot00002',
    ]);
    expect(await list({ privateExtendedProperty: ['roster=mot-cua', 'slot=2'] })).toEqual([
      'slot00002',
    ]);
    expect(await list({ iCalUID: 'slot00003@google.com' })).toEqual(['slot00003']);
    expect(
      await list({ timeMin: '2024-05-07T00:00:00+07:00', timeMax: '2024-05-08T00:00:00+07:00' }),
    ).toEqual(['slot00002']);
    expect((await list({})).length).toBe(4);
    expect(standIn.requests.at(-4)?.query).toEqual({
      privateExtendedProperty: ['roster=mot-cua', 'slot=2'],
    });
  });

  it('syncs incrementally, deleted events included, and answers 410 fullSyncRequired to an expired token', async () => {
    for (const id of ids.slice(0, 3)) await insert(slotEvent(id, '2024-05-06'));
    const full = await api.events.list({ calendarId: CAL, maxResults: 2500 });
    const syncToken = full.data.nextSyncToken!;
    expect(syncToken).toBeTruthy();

    await api.events.delete({ calendarId: CAL, eventId: 'slot00001' });
    standIn.editEvent(CAL, 'slot00002', { summary: 'Đổi tay' });
    await insert(slotEvent('slot00004', '2024-05-09'));
    const changes = await api.events.list({ calendarId: CAL, syncToken });
    expect(changes.data.items?.map((e) => [e.id, e.status])).toEqual([
      ['slot00001', 'cancelled'],
      ['slot00002', 'confirmed'],
      ['slot00004', 'confirmed'],
    ]);
    const next = changes.data.nextSyncToken!;
    expect((await api.events.list({ calendarId: CAL, syncToken: next })).data.items).toEqual([]);
    expect(
      await failure(
        api.events.list({ calendarId: CAL, syncToken, privateExtendedProperty: ['lichtruc=1'] }),
      ),
    ).toMatchObject({ status: 400 });

    standIn.expireSyncTokens();
    expect(await failure(api.events.list({ calendarId: CAL, syncToken: next }))).toMatchObject({
      status: 410,
      reason: 'fullSyncRequired',
    });
    expect(
      await failure(api.events.list({ calendarId: CAL, syncToken: 'not-a-token' })),
    ).toMatchObject({ status: 410 });
  });
});

interface BatchCall {
  method: string;
  url: string;
  body?: unknown;
}

async function sendBatch(calls: BatchCall[]): Promise<Response> {
  const boundary = 'lichtruc_batch_1';
  const parts = calls.map((call, i) => {
    const body = call.body === undefined ? '' : JSON.stringify(call.body);
    const headers = body ? 'Content-Type: application/json\r\n' : '';
    return `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <item${i + 1}>\r\n\r\n${call.method} ${call.url} HTTP/1.1\r\n${headers}\r\n${body}\r\n`;
  });
  return fetch(standIn.batchUrl, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': `multipart/mixed; boundary=${boundary}`,
    },
    body: `${parts.join('')}--${boundary}--\r\n`,
  });
}

/** Reads a batch answer: per part its Content-ID, status, headers and JSON body. */
async function readBatch(response: Response) {
  const boundary = /boundary=(\S+)/.exec(response.headers.get('content-type') ?? '')![1]!;
  const text = await response.text();
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [mime = '', http = ''] = part.trim().split(/\r\n\r\n/, 2);
      const rest = part.trim().slice(mime.length + 4);
      const [head = '', body = ''] = rest.split(/\r\n\r\n/, 2);
      return {
        contentId: /Content-ID: (\S+)/i.exec(mime)?.[1],
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(http)?.[1]),
        retryAfter: /Retry-After: (\d+)/i.exec(head)?.[1],
        body: body ? JSON.parse(body) : null,
      };
    });
}

describe('batch', () => {
  const events = `/calendar/v3/calendars/${encodeURIComponent(CAL)}/events`;

  it('refuses more than 50 parts with 400', async () => {
    const calls = Array.from({ length: 51 }, (_, i) => ({
      method: 'GET',
      url: `${events}/slot${String(i).padStart(5, '0')}`,
    }));
    const response = await sendBatch(calls);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(400);
    expect(standIn.requests.at(-1)).toMatchObject({ batch: true, parts: 51, status: 400 });
    expect(
      (await readBatch(await sendBatch(calls.slice(0, 50)))).every((p) => p.status === 404),
    ).toBe(true);
  });

  it('answers each part separately, with its own status, Content-ID and Retry-After', async () => {
    await insert(slotEvent('slot00001', '2024-05-06'));
    standIn.fail({ method: 'POST', path: /\/events$/, inBatch: true, status: 429, retryAfter: 30 });
    const response = await sendBatch([
      { method: 'POST', url: events, body: slotEvent('slot00002', '2024-05-07') },
      { method: 'POST', url: events, body: slotEvent('slot00003', '2024-05-08') },
      {
        method: 'POST',
        url: `${standIn.rootUrl.slice(0, -1)}${events}`,
        body: slotEvent('slot00001', '2024-05-06'),
      },
      { method: 'GET', url: `${events}/slot00009` },
      { method: 'PATCH', url: `${events}/slot00001`, body: { summary: 'Trực thay' } },
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batch_/);
    const parts = await readBatch(response);
    expect(
      parts.map((p) => [p.contentId, p.status, p.body?.error?.errors?.[0]?.reason ?? p.body?.id]),
    ).toEqual([
      ['<response-item1>', 429, 'rateLimitExceeded'],
      ['<response-item2>', 200, 'slot00003'],
      ['<response-item3>', 409, 'duplicate'],
      ['<response-item4>', 404, 'notFound'],
      ['<response-item5>', 200, 'slot00001'],
    ]);
    expect(parts[0]!.retryAfter).toBe('30');
    expect(standIn.events(CAL).map((e) => `${e.id}:${e.summary}`)).toEqual([
      'slot00001:Trực thay',
      'slot00003:Trực 2024-05-08',
    ]);
    expect(standIn.requests.at(-1)).toMatchObject({
      batch: true,
      parts: 5,
      hasAuth: true,
      status: 200,
      fault: false,
    });
    expect(standIn.requests.at(-1)?.partCalls.map((c) => c.fault)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('faults', () => {
  it('rate limits carry Retry-After, visible on the client error', async () => {
    standIn.fail({ method: 'POST', status: 403, reason: 'userRateLimitExceeded', retryAfter: 7 });
    expect(await failure(insert(slotEvent(SLOT_ID, '2024-05-06')))).toMatchObject({
      status: 403,
      reason: 'userRateLimitExceeded',
      retryAfter: '7',
    });
    expect((await insert(slotEvent(SLOT_ID, '2024-05-06'))).status).toBe(200);
  });

  // Observed with @googleapis/calendar 20.0.1 / gaxios 8.3.3 (retries on by default; waits ~100 ms, 500 ms, 1.5 s;
  // Retry-After ignored, even 60 s): a GET or PUT hit by one 429/503 is sent twice and succeeds; a POST or PATCH is
  // sent once and fails; a 403 rateLimitExceeded is never retried, GET included. A GET that keeps getting 429: 4
  // requests in ~2.1 s, then the 429 surfaces. A GET whose connection drops: 3 requests. A GET timing out
  // (`timeout` option): 3 requests, each still answered by the server later.
  it('the official client retries GET and PUT on 429/503 but not POST, PATCH or a 403', async () => {
    await insert(slotEvent(SLOT_ID, '2024-05-06'));
    standIn.resetLog();
    standIn.fail({ method: 'GET', status: 429, retryAfter: 60 });
    expect((await api.events.get({ calendarId: CAL, eventId: SLOT_ID })).status).toBe(200);
    expect(apiCalls()).toEqual(['GET 429', 'GET 200']);

    standIn.resetLog();
    standIn.fail({ method: 'POST', status: 429 });
    expect(await failure(insert(slotEvent('slot00002', '2024-05-06')))).toMatchObject({
      status: 429,
    });
    expect(apiCalls()).toEqual(['POST 429']);

    standIn.resetLog();
    standIn.fail({ method: 'PUT', status: 503 });
    standIn.fail({ method: 'PATCH', status: 503 });
    expect(
      (
        await api.events.update({
          calendarId: CAL,
          eventId: SLOT_ID,
          requestBody: slotEvent(SLOT_ID, '2024-05-06'),
        })
      ).status,
    ).toBe(200);
    expect(
      await failure(
        api.events.patch({ calendarId: CAL, eventId: SLOT_ID, requestBody: { summary: 'x' } }),
      ),
    ).toMatchObject({ status: 503 });
    expect(apiCalls()).toEqual(['PUT 503', 'PUT 200', 'PATCH 503']);

    standIn.resetLog();
    standIn.fail({ method: 'GET', status: 403, reason: 'rateLimitExceeded' });
    expect(await failure(api.events.list({ calendarId: CAL }))).toMatchObject({
      status: 403,
      reason: 'rateLimitExceeded',
    });
    expect(apiCalls()).toEqual(['GET 403']);
  });

  it('afterApply: the create lands although the client sees a 500 or a dropped connection', async () => {
    standIn.fail({ method: 'POST', path: /\/events$/, status: 500, afterApply: true });
    expect(await failure(insert(slotEvent('slot00001', '2024-05-06')))).toMatchObject({
      status: 500,
      reason: 'backendError',
    });
    standIn.fail({ method: 'POST', path: /\/events$/, drop: true, afterApply: true });
    const dropped = await failure(insert(slotEvent('slot00002', '2024-05-06')));
    expect(dropped.status).toBeUndefined();
    expect(standIn.events(CAL).map((e) => e.id)).toEqual(['slot00001', 'slot00002']);
    // Retrying the create is then a 409: the id derived from the slot makes it safe to treat as done.
    expect(await failure(insert(slotEvent('slot00001', '2024-05-06')))).toMatchObject({
      status: 409,
    });
    expect(apiRequests().map((r) => r.status)).toEqual([500, null, 409]);
  });

  it('a DELETE whose answer is lost is retried by the client and meets 410: treat 404/410 on delete as done', async () => {
    await insert(slotEvent(SLOT_ID, '2024-05-06'));
    standIn.fail({ method: 'DELETE', status: 500, afterApply: true });
    expect(await failure(api.events.delete({ calendarId: CAL, eventId: SLOT_ID }))).toMatchObject({
      status: 410,
      reason: 'deleted',
    });
    expect(apiCalls().slice(-2)).toEqual(['DELETE 500', 'DELETE 410']);
    expect(standIn.events(CAL, { includeDeleted: true }).map((e) => e.status)).toEqual([
      'cancelled',
    ]);
  });

  it('delayMs: the client times out but the slow create still lands', async () => {
    standIn.fail({ method: 'POST', delayMs: 300 });
    const timedOut = await failure(
      api.events.insert(
        { calendarId: CAL, requestBody: slotEvent(SLOT_ID, '2024-05-06') },
        { timeout: 50 },
      ),
    );
    expect(timedOut.status).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(standIn.events(CAL).map((e) => e.id)).toEqual([SLOT_ID]);
  });

  it('a fault counts down and stops', async () => {
    const fault = standIn.fail({ path: /\/events$/, method: 'GET', status: 500, times: 2 });
    expect((await api.events.list({ calendarId: CAL })).status).toBe(200);
    expect({ fired: fault.fired, remaining: fault.remaining }).toEqual({ fired: 2, remaining: 0 });
    expect(apiCalls()).toEqual(['GET 500', 'GET 500', 'GET 200']);
  });
});
