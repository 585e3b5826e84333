/**
 * The Graph stand-in as the official client (`@microsoft/microsoft-graph-client` 3.x) meets it over HTTPS, plus raw
 * fetches for the client-credentials grant. Each case is a behaviour of the real Graph that the product
 * must survive: transactionId dedupe under the client's own POST replays, stale change keys, UTC unless asked
 * otherwise, extended-property filters, absolute nextLinks, `$batch` limits and per-item throttling, revoked apps.
 */
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  type GraphError,
  PageIterator,
  ResponseType,
} from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeTrustingDispatchers, trustingDispatcher, trustingFetch } from '../support/tls.ts';
import {
  type Certificate,
  type Event,
  GRAPH_SCOPE,
  type GraphStandIn,
  startGraphStandIn,
} from './graph-calendar.ts';
import { createSelfSignedCertificate } from './graph-tls.ts';

const TENANT = '6b1a2c3d-0000-4000-8000-lichtruc0001';
const APP = {
  tenantId: TENANT,
  clientId: 'a1b2c3d4-1111-4222-8333-444455556666',
  clientSecret: 'Sx8Q~stand-in-secret',
};
const UPN = 'truc.khoa-noi@benhvien.example.vn';
const SLOT = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name lichtrucSlot';
const VN = 'SE Asia Standard Time';

let certificate: Certificate;
let standIn: GraphStandIn;
let client: Client;
let events: string;

beforeAll(async () => {
  certificate = await createSelfSignedCertificate(); // one openssl run for the file
});
afterAll(() => closeTrustingDispatchers());

beforeEach(async () => {
  standIn = await startGraphStandIn({ certificate });
  standIn.registerApp(APP);
  standIn.createMailbox(UPN, { displayName: 'Trực Khoa Nội' });
  const grant = await requestToken();
  expect(grant.status).toBe(200);
  client = graphClient(grant.body.access_token as string);
  events = `/users/${UPN}/events`;
});
afterEach(() => standIn.close());

/** The official client pointed at the stand-in: host allowed for the bearer token, TLS trusting its certificate. */
function graphClient(
  accessToken: string,
  customHosts: Set<string> = new Set(['127.0.0.1']),
): Client {
  return Client.init({
    authProvider: (done) => done(null, accessToken),
    baseUrl: standIn.origin,
    customHosts,
    fetchOptions: { dispatcher: trustingDispatcher(standIn.caPem) },
  });
}

/** The client-credentials grant, as the product does it: one form POST. */
async function requestToken(
  form: Record<string, string> = {},
  tenant = TENANT,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams({
    client_id: APP.clientId,
    client_secret: APP.clientSecret,
    scope: GRAPH_SCOPE,
    grant_type: 'client_credentials',
    ...form,
  });
  const response = await trustingFetch(standIn.caPem)(standIn.tokenUrl(tenant), {
    method: 'POST',
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What a rejected client call carries: GraphError's status, Graph's code and message, Retry-After. */
async function failure(call: Promise<unknown>): Promise<{
  status: number;
  code: string | null;
  message: string;
  retryAfter: string | null | undefined;
}> {
  const error = (await call.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e,
  )) as GraphError;
  return {
    status: error.statusCode,
    code: error.code,
    message: error.message,
    retryAfter: error.headers?.get('retry-after'),
  };
}

function slotEvent(day: string, extra: Event = {}): Event {
  return {
    subject: `Trực ${day}`,
    start: { dateTime: `${day}T07:30:00`, timeZone: VN },
    end: { dateTime: `${day}T17:00:00`, timeZone: VN },
    transactionId: `lichtruc-noi-${day}-a`,
    singleValueExtendedProperties: [{ id: SLOT, value: `noi/${day}/a` }],
    ...extra,
  };
}

const create = (event: Event): Promise<Event> => client.api(events).post(event);
const apiCalls = () =>
  standIn.requests.filter((r) => r.path.startsWith('/v1.0/')).map((r) => `${r.method} ${r.status}`);

describe('token endpoint', () => {
  it('grants an app-only bearer token and refuses wrong secrets, clients, tenants and scopes', async () => {
    const granted = await requestToken();
    expect(granted.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(granted.body.access_token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const wrongSecret = await requestToken({ client_secret: 'nope' });
    expect([wrongSecret.status, wrongSecret.body.error, wrongSecret.body.error_codes]).toEqual([
      401,
      'invalid_client',
      [7000215],
    ]);
    expect(wrongSecret.body.error_description).toMatch(
      /^AADSTS7000215: Invalid client secret provided/,
    );
    expect((await requestToken({ client_id: 'someone-else' })).body.error).toBe(
      'unauthorized_client',
    );
    expect((await requestToken({}, 'other-tenant')).body.error_codes).toEqual([90002]);
    expect(await requestToken({ scope: 'Calendars.ReadWrite' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    // A scope derived from the Graph base URL's origin names the stand-in itself, as for a national cloud.
    const own = await requestToken({ scope: `${standIn.origin}/.default` });
    expect(
      (
        await graphClient(own.body.access_token as string)
          .api(events)
          .get()
      ).value,
    ).toEqual([]);
    const outlook = await requestToken({ scope: 'https://outlook.office365.com/.default' });
    expect(
      await failure(
        graphClient(outlook.body.access_token as string)
          .api(events)
          .get(),
      ),
    ).toMatchObject({ status: 401, message: 'Access token validation failure. Invalid audience.' });
    expect(
      standIn.requests.find((r) => r.path.endsWith('/token') && r.status === 401),
    ).toMatchObject({ path: `/${TENANT}/oauth2/v2.0/token`, body: { client_secret: '***' } });
  });

  it('a revoked app gets 401 invalid_client on the grant and 401 InvalidAuthenticationToken with its old token', async () => {
    standIn.revokeApp(APP.clientId);
    const grant = await requestToken();
    expect([grant.status, grant.body.error, grant.body.error_codes]).toEqual([
      401,
      'invalid_client',
      [7000215],
    ]);
    expect(await failure(client.api(events).get())).toMatchObject({
      status: 401,
      code: 'InvalidAuthenticationToken',
    });
  });

  it('the client sends no token to a host missing from customHosts, and Graph answers 401', async () => {
    const noHosts = graphClient(standIn.issueToken(APP.clientId), new Set());
    expect(await failure(noHosts.api(events).get())).toMatchObject({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    });
    expect(standIn.requests.at(-1)).toMatchObject({ method: 'GET', hasAuth: false, status: 401 });
  });
});

describe('mailboxes', () => {
  it('answers 404 for an unknown user, 403 under an access policy, 400 for /me and malformed ids', async () => {
    expect(
      await failure(client.api('/users/nobody@benhvien.example.vn/events').get()),
    ).toMatchObject({ status: 404, code: 'ErrorInvalidUser' });
    standIn.createMailbox('other@benhvien.example.vn');
    standIn.grantMailbox(APP.clientId, UPN);
    expect(
      await failure(client.api('/users/other@benhvien.example.vn/events').get()),
    ).toMatchObject({ status: 403, code: 'ErrorAccessDenied' });
    expect((await client.api(events).get()).value).toEqual([]);
    expect(await failure(client.api('/me/events').get())).toMatchObject({ status: 400 });
    expect(await failure(client.api(`${events}/noi-2024-05-06-a`).get())).toMatchObject({
      status: 400,
      code: 'ErrorInvalidIdMalformed',
    });
  });

  it('creates in a secondary calendar and lists it apart from the default one', async () => {
    const calendarId = standIn.createCalendar(UPN, 'Lịch trực');
    const created = await client
      .api(`/users/${UPN}/calendars/${calendarId}/events`)
      .post(slotEvent('2024-05-06'));
    await create(slotEvent('2024-05-07'));
    expect(standIn.events(UPN, calendarId).map((e) => e.id)).toEqual([created.id]);
    expect(
      (await client.api(`/users/${UPN}/calendar/events`).get()).value.map((e: Event) => e.subject),
    ).toEqual(['Trực 2024-05-07']);
    expect((await client.api(events).get()).value).toHaveLength(2);
  });
});

describe('event writes', () => {
  it('dedupes a create by transactionId: both POSTs answer 201 with the same event, only one is stored', async () => {
    const first = await client
      .api(events)
      .responseType(ResponseType.RAW)
      .post(slotEvent('2024-05-06'));
    const second = await client
      .api(events)
      .responseType(ResponseType.RAW)
      .post(slotEvent('2024-05-06', { subject: 'changed' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as Event[];
    expect(b).toMatchObject({
      id: a!.id,
      subject: 'Trực 2024-05-06',
      transactionId: 'lichtruc-noi-2024-05-06-a',
    });
    expect(standIn.events(UPN)).toHaveLength(1);
    expect((await create(slotEvent('2024-05-06', { transactionId: 'another' }))).id).not.toBe(
      a!.id,
    );
    expect(
      await failure(client.api(`${events}/${a!.id}`).patch({ transactionId: 'x' })),
    ).toMatchObject({ status: 400 });
    expect(
      await failure(create({ ...slotEvent('2024-05-08'), iCalUid: 'typo' } as Event)),
    ).toMatchObject({ status: 400, code: 'RequestBodyRead' });
  });

  it('gives every event an iCalUId, a new change key per write, and 412 to a stale If-Match', async () => {
    const created = await create(slotEvent('2024-05-06'));
    expect(created.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008[0-9A-F]+$/);
    expect(created).toMatchObject({ '@odata.etag': `W/"${created.changeKey}"` });
    const url = `${events}/${created.id}`;
    standIn.editEvent(UPN, created.id!, { subject: 'Sửa tay' }); // a person edits it in Outlook
    const stale = (created as Record<string, unknown>)['@odata.etag'] as string;
    expect(
      await failure(client.api(url).header('If-Match', stale).patch({ subject: 'x' })),
    ).toMatchObject({ status: 412, code: 'ErrorIrresolvableConflict' });
    expect(await failure(client.api(url).header('If-Match', stale).delete())).toMatchObject({
      status: 412,
    });
    const current = standIn.events(UPN)[0]!;
    const patched = await client
      .api(url)
      .header('If-Match', `W/"${current.changeKey}"`)
      .patch({ subject: 'Trực thay' });
    expect(patched.changeKey).not.toBe(current.changeKey);
    expect(Date.parse(patched.lastModifiedDateTime)).toBeGreaterThan(
      Date.parse(current.lastModifiedDateTime!),
    );
    expect(patched.iCalUId).toBe(created.iCalUId);
  });

  it('deletes with 204; then GET and a second DELETE are 404 ErrorItemNotFound', async () => {
    const { id } = await create(slotEvent('2024-05-06'));
    const deleted = await client.api(`${events}/${id}`).responseType(ResponseType.RAW).delete();
    expect(deleted.status).toBe(204);
    expect(await failure(client.api(`${events}/${id}`).get())).toMatchObject({
      status: 404,
      code: 'ErrorItemNotFound',
    });
    expect(await failure(client.api(`${events}/${id}`).delete())).toMatchObject({
      status: 404,
      code: 'ErrorItemNotFound',
    });
    expect(apiCalls()).toEqual(['POST 201', 'DELETE 204', 'GET 404', 'DELETE 404']);
  });

  it("keeps a deleted event's transactionId: creating with it again answers the deleted event and makes nothing", async () => {
    const { id } = await create(slotEvent('2024-05-06'));
    await client.api(`${events}/${id}`).delete();
    const again = await create(slotEvent('2024-05-06', { subject: 'Trực lại' }));
    expect(again).toMatchObject({ id, subject: 'Trực 2024-05-06' });
    expect(standIn.events(UPN)).toEqual([]);
    const fresh = await create(slotEvent('2024-05-06', { transactionId: 'lichtruc-noi-2' }));
    expect(fresh.id).not.toBe(id);
    expect(standIn.events(UPN).map((event) => event.id)).toEqual([fresh.id]);
  });

  // Outlook keeps the zone an event was written in and answers in UTC unless `Prefer: outlook.timezone` names a zone;
  // the stand-in honours Prefer on every event response (create, get, list, patch), and never converts all-day events.
  it('stores start/end as written and reads them back unchanged only when Prefer names that zone', async () => {
    const created = await create(slotEvent('2024-05-06'));
    expect(created.start).toEqual({ dateTime: '2024-05-06T00:30:00.0000000', timeZone: 'UTC' });
    expect(created.originalStartTimeZone).toBe(VN);
    const raw = await client
      .api(`${events}/${created.id}`)
      .header('Prefer', `outlook.timezone="${VN}"`)
      .responseType(ResponseType.RAW)
      .get();
    expect(raw.headers.get('preference-applied')).toBe(`outlook.timezone="${VN}"`);
    expect(((await raw.json()) as Event).start).toEqual({
      dateTime: '2024-05-06T07:30:00.0000000',
      timeZone: VN,
    });
    const tokyo = await client
      .api(`${events}/${created.id}`)
      .header('Prefer', 'outlook.timezone="Tokyo Standard Time"')
      .get();
    expect(tokyo.end).toEqual({
      dateTime: '2024-05-06T19:00:00.0000000',
      timeZone: 'Tokyo Standard Time',
    });
    expect(standIn.events(UPN)[0]).toMatchObject({
      start: { dateTime: '2024-05-06T07:30:00.0000000', timeZone: VN },
    });

    const iana = {
      start: { dateTime: '2024-05-07T07:30:00.0000000', timeZone: 'Asia/Ho_Chi_Minh' },
      end: { dateTime: '2024-05-07T17:00:00.0000000', timeZone: 'Asia/Ho_Chi_Minh' },
    };
    const ianaEvent = await client
      .api(events)
      .header('Prefer', 'outlook.timezone="Asia/Ho_Chi_Minh"')
      .post(slotEvent('2024-05-07', iana));
    expect([ianaEvent.start, ianaEvent.end]).toEqual([iana.start, iana.end]);
    const allDay = {
      isAllDay: true,
      transactionId: 'all-day',
      start: { dateTime: '2024-05-08T00:00:00', timeZone: VN },
      end: { dateTime: '2024-05-09T00:00:00', timeZone: VN },
    };
    expect((await create(slotEvent('2024-05-08', allDay))).start).toEqual({
      dateTime: '2024-05-08T00:00:00.0000000',
      timeZone: VN,
    });
    const badZone = create(
      slotEvent('2024-05-09', {
        start: { dateTime: '2024-05-09T07:30:00', timeZone: 'Indochina Time' },
      }),
    );
    expect(await failure(badZone)).toMatchObject({
      status: 400,
      code: 'TimeZoneNotSupportedException',
    });
  });
});

describe('extended properties', () => {
  it('are returned only when expanded, and a filter on them finds only the events lichtruc owns', async () => {
    const mine = await create(slotEvent('2024-05-06'));
    await create(
      slotEvent('2024-05-07', {
        singleValueExtendedProperties: [{ id: SLOT, value: 'ngoai/2024-05-07/a' }],
      }),
    );
    standIn.insertForeignEvent(UPN, {
      subject: 'Họp giao ban',
      start: { dateTime: '2024-05-06T08:00:00', timeZone: VN },
      end: { dateTime: '2024-05-06T09:00:00', timeZone: VN },
    });
    expect(mine.singleValueExtendedProperties).toBeUndefined();
    const other = `singleValueExtendedProperties($filter=id eq '${SLOT.replace('lichtrucSlot', 'otherApp')}')`;
    expect(
      (await client.api(`${events}/${mine.id}`).expand(other).get()).singleValueExtendedProperties,
    ).toBeUndefined();
    const expanded = await client
      .api(`${events}/${mine.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${SLOT}')`)
      .get();
    expect(expanded.singleValueExtendedProperties).toEqual([
      { id: SLOT, value: 'noi/2024-05-06/a' },
    ]);

    const subjects = async (filter: string) =>
      (await client.api(events).filter(filter).select('subject').get()).value.map(
        (e: Event) => e.subject,
      );
    expect(
      await subjects(
        `singleValueExtendedProperties/Any(ep: ep/id eq '${SLOT}' and ep/value eq 'noi/2024-05-06/a')`,
      ),
    ).toEqual(['Trực 2024-05-06']);
    expect(
      await subjects(
        `singleValueExtendedProperties/Any(ep: ep/id eq '${SLOT}' and startsWith(ep/value, 'noi/'))`,
      ),
    ).toEqual(['Trực 2024-05-06']);
    expect(await subjects(`singleValueExtendedProperties/any(p: p/id eq '${SLOT}')`)).toEqual([
      'Trực 2024-05-06',
      'Trực 2024-05-07',
    ]);
    expect(standIn.requests.at(-1)?.query.$filter).toBe(
      `singleValueExtendedProperties/any(p: p/id eq '${SLOT}')`,
    );
    expect(
      await failure(client.api(events).filter("start/dateTime ge '2024-05-06'").get()),
    ).toMatchObject({ status: 501 });

    await client
      .api(`${events}/${mine.id}`)
      .patch({ singleValueExtendedProperties: [{ id: SLOT, value: 'noi/2024-05-06/b' }] });
    expect(standIn.events(UPN)[0]!.singleValueExtendedProperties).toEqual([
      { id: SLOT, value: 'noi/2024-05-06/b' },
    ]);
  });
});

describe('paging', () => {
  beforeEach(() => {
    for (let i = 1; i <= 25; i += 1)
      standIn.insertForeignEvent(UPN, slotEvent(`2024-06-${String(i).padStart(2, '0')}`));
  });

  it('pages 10 at a time through absolute https nextLinks that the client follows with its token', async () => {
    const first = await client.api(events).select('subject').get();
    expect(first.value).toHaveLength(10);
    expect(first['@odata.nextLink']).toBe(
      `${standIn.graphBaseUrl}/users/${UPN}/events?$select=subject&$top=10&$skip=10`,
    );
    const second = await client.api(first['@odata.nextLink']).get();
    expect([second.value.length, second.value[0].subject]).toEqual([10, 'Trực 2024-06-11']);

    standIn.resetLog();
    const subjects: string[] = [];
    const iterator = new PageIterator(
      client,
      await client.api(events).top(7).get(),
      (event: Event) => {
        subjects.push(event.subject!);
        return true;
      },
    );
    await iterator.iterate();
    expect(subjects).toHaveLength(25);
    expect(new Set(subjects).size).toBe(25);
    expect(standIn.requests.map((r) => [r.query.$skip ?? '-', r.hasAuth])).toEqual([
      ['-', true],
      ['7', true],
      ['14', true],
      ['21', true],
    ]);
  });

  it('takes $top up to 1000 and answers 400 above', async () => {
    expect((await client.api(events).top(1000).get()).value).toHaveLength(25);
    expect(await failure(client.api(events).top(1001).get())).toMatchObject({ status: 400 });
  });
});

describe('$batch', () => {
  it('refuses 21 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `/users/${UPN}/events`,
    }));
    expect(await failure(client.api('/$batch').post({ requests }))).toMatchObject({
      status: 400,
      message: 'Maximum number of requests in a batch is 20.',
    });
    expect(standIn.requests.at(-1)).toMatchObject({ batch: true, parts: 21, status: 400 });
    const twenty = await client.api('/$batch').post({ requests: requests.slice(0, 20) });
    expect(twenty.responses.map((r: { status: number }) => r.status)).toEqual(Array(20).fill(200));
  });

  // BatchRequestContent 3.0.7 strips only the host: a versioned URL becomes `/v1.0/...`, which Graph refuses.
  it('answers each item with its own status; a throttled item carries Retry-After and is not replayed', async () => {
    standIn.fail({ method: 'POST', path: /\/events$/, inBatch: true, status: 429, retryAfter: 7 });
    const post = (day: string, base: string): Request =>
      new Request(`${base}/users/${UPN}/events`, {
        method: 'POST',
        body: JSON.stringify(slotEvent(day)),
        headers: { 'Content-Type': 'application/json' },
      });
    const batch = new BatchRequestContent([
      { id: '1', request: post('2024-05-06', standIn.origin) },
      { id: '2', request: post('2024-05-07', standIn.origin) },
      { id: '3', request: post('2024-05-08', standIn.graphBaseUrl) },
    ]);
    const answer = new BatchResponseContent(
      await client.api('/$batch').post(await batch.getContent()),
    );
    const item = (id: string) => answer.getResponseById(id);
    expect([
      item('1').status,
      item('1').headers.get('retry-after'),
      ((await item('1').json()) as { error: { code: string } }).error.code,
    ]).toEqual([429, '7', 'ApplicationThrottled']);
    expect(item('2').status).toBe(201);
    expect([
      item('3').status,
      ((await item('3').json()) as { error: { message: string } }).error.message,
    ]).toEqual([400, "Resource not found for the segment 'v1.0'."]);
    expect(standIn.events(UPN).map((e) => e.subject)).toEqual(['Trực 2024-05-07']);
    expect(standIn.requests).toHaveLength(2); // token grant + one $batch: the client does not replay a throttled item
    expect(standIn.requests.at(-1)?.partCalls.map((c) => `${c.id} ${c.status} ${c.fault}`)).toEqual(
      ['1 429 true', '2 201 false', '3 400 false'],
    );
  });

  it('runs dependsOn in order and answers 424 when a dependency failed', async () => {
    const { id } = await create(slotEvent('2024-05-06'));
    const json = { 'Content-Type': 'application/json' };
    const { responses } = await client.api('/$batch').post({
      requests: [
        {
          id: 'c',
          method: 'PATCH',
          url: `/users/${UPN}/events/${id}`,
          headers: json,
          body: { subject: 'third' },
          dependsOn: ['b'],
        },
        { id: 'b', method: 'GET', url: `/users/${UPN}/events/${id}` },
        { id: 'x', method: 'GET', url: `/users/${UPN}/events/AAMkAmissing=` },
        { id: 'y', method: 'DELETE', url: `/users/${UPN}/events/${id}`, dependsOn: ['x'] },
      ],
    });
    expect(responses.map((r: { id: string; status: number }) => `${r.id} ${r.status}`)).toEqual([
      'b 200',
      'c 200',
      'x 404',
      'y 424',
    ]);
    expect(standIn.events(UPN).map((e) => e.subject)).toEqual(['third']);
  });
});

// Observed with @microsoft/microsoft-graph-client 3.0.7 (RetryHandler on by default): 429, 503 and 504 are replayed
// for every method, POST included, with a `Retry-Attempt: n` header; it sleeps exactly Retry-After seconds (0 → at
// once), or 3 s + jitter without one; it gives up after 3 retries (4 requests) and surfaces the last error; 500 is not
// retried; a dropped connection is not retried either (fetch rejects, no status to look at).
describe('throttling and the official client', () => {
  it('replays a POST after 429 once Retry-After has passed, and after 503/504', async () => {
    standIn.fail({ method: 'POST', status: 429, retryAfter: 1 });
    const started = performance.now();
    await create(slotEvent('2024-05-06'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    standIn.fail({ method: 'POST', status: 503, retryAfter: 0 });
    standIn.fail({ method: 'POST', status: 504, retryAfter: 0 });
    await create(slotEvent('2024-05-07'));
    const posts = standIn.requests.filter(
      (r) => r.method === 'POST' && r.path.startsWith('/v1.0/'),
    );
    expect(posts.map((r) => `${r.status} ${r.headers['retry-attempt'] ?? '-'}`)).toEqual([
      '429 -',
      '201 1',
      '503 -',
      '504 1',
      '201 2',
    ]);
    expect(standIn.events(UPN)).toHaveLength(2);
  });

  it('a replayed create that had already landed stays one event with a transactionId, and doubles without one', async () => {
    standIn.fail({ method: 'POST', status: 504, retryAfter: 0, afterApply: true });
    await create(slotEvent('2024-05-06'));
    expect(standIn.events(UPN)).toHaveLength(1);
    standIn.fail({ method: 'POST', status: 504, retryAfter: 0, afterApply: true });
    await create(slotEvent('2024-05-07', { transactionId: undefined }));
    expect(standIn.events(UPN).map((e) => e.subject)).toEqual([
      'Trực 2024-05-06',
      'Trực 2024-05-07',
      'Trực 2024-05-07',
    ]);
    expect(apiCalls()).toEqual(['POST 504', 'POST 201', 'POST 504', 'POST 201']);
  });

  it('gives up after 3 retries with the 429 and its Retry-After; does not retry 500 or a dropped connection', async () => {
    const fault = standIn.fail({ method: 'GET', status: 429, retryAfter: 0, times: Infinity });
    expect(await failure(client.api(events).get())).toMatchObject({
      status: 429,
      code: 'ApplicationThrottled',
      retryAfter: '0',
    });
    expect(fault.fired).toBe(4);
    fault.cancel();
    standIn.fail({ method: 'POST', status: 500 });
    expect(await failure(create(slotEvent('2024-05-06')))).toMatchObject({ status: 500 });
    standIn.fail({ method: 'POST', drop: true, afterApply: true });
    await expect(create(slotEvent('2024-05-06'))).rejects.toThrow();
    expect(apiCalls()).toEqual([
      'GET 429',
      'GET 429',
      'GET 429',
      'GET 429',
      'POST 500',
      'POST null',
    ]);
    // The product retries the lost create itself: the transactionId makes it safe.
    await create(slotEvent('2024-05-06'));
    expect(standIn.events(UPN)).toHaveLength(1);
  });

  it('without Retry-After waits its default 3 s before the replay', async () => {
    standIn.fail({ method: 'GET', status: 503 });
    const started = performance.now();
    expect((await client.api(events).get()).value).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2950);
    expect(apiCalls()).toEqual(['GET 503', 'GET 200']);
  });
});
