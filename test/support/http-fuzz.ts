/**
 * Fuzzing the HTTP surface: fast-check requests over every route the app serves (walked from the app, so a new route
 * is fuzzed without touching this file), with path parameters, queries, headers (types and charsets, tokens, session
 * cookies, origins) and bodies (JSON near the valid, forms, multipart with and without a usable boundary, bytes that
 * are not UTF-8, bodies over the limit, streamed without a Content-Length). Shared by the suite's fuzz test (a few
 * hundred cases, fixed seed) and `bench/http-fuzz.bench.ts` (≥ 10,000). The invariants: no answer ≥ 500, and a
 * refused answer (≥ 400) changed no row (SQLite's total_changes(), exact for the service's one connection).
 */
import fc from 'fast-check';
import type { SqlDatabase } from '../../src/storage/sql.ts';

export interface FuzzTarget {
  app: {
    fetch(request: Request): Response | Promise<Response>;
    readonly routes: readonly { method: string; path: string }[];
  };
  db: SqlDatabase;
  baseUrl: string;
  adminToken: string;
  /** A signed-in admin session, so the fuzz reaches the admin forms past the session check. */
  session: { cookie: string; csrf: string };
}

export interface FuzzCase {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body: { bytes: Uint8Array; chunked: boolean } | null;
}

export interface FuzzOutcome {
  status: number;
  rowsChanged: number;
}

const ROSTER = 'so-vhttdl-bac-giang';
const MEMBERS = ['nguyen-manh-ha', 'nguyen-van-luyen', 'nguyen-van-hanh', 'nguoi-ngoai', ''];
const DATES = [
  '2024-05-06',
  '2024-05-07',
  '2024-04-30',
  '2024-02-30',
  '1975-12-31',
  '2199-12-31',
  '2200-01-01',
  '9999-12-31',
  '0000-00-00',
  '2024-5-6',
  '',
];
const TEXT = fc.oneof(
  fc.constantFrom(
    '',
    'x',
    '..',
    '%00',
    '%ZZ',
    'Trần Thị Mai',
    '<script>',
    '\u0000',
    'a'.repeat(600),
  ),
  fc.string({ maxLength: 20, unit: 'grapheme' }),
);
const DATE = fc.oneof(fc.constantFrom(...DATES), TEXT);

const PARAMS: Record<string, fc.Arbitrary<string>> = {
  id: fc.constantFrom(ROSTER, ROSTER, ROSTER, ROSTER, 'khong-co', ''),
  date: DATE,
  month: fc.constantFrom('2024-04', '2024-05', '2200-01', '1975-12', '2024-13', 'x'),
  year: fc.constantFrom('2024', '2026', '1975', '2200', '99999', 'x'),
  memberId: fc.constantFrom(...MEMBERS),
};

type Route = { method: string; path: string };

/** A served route (its own method mostly, else any) with its parameters filled, or now and then a path of junk. */
function targetArb(routes: readonly Route[]): fc.Arbitrary<Route> {
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
  const filled = fc
    .tuple(
      fc.constantFrom(...routes),
      fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: method }),
      fc.array(fc.oneof(TEXT, ...Object.values(PARAMS)), { minLength: 4, maxLength: 4 }),
      fc.record(PARAMS),
    )
    .map(([route, otherMethod, spare, named]) => {
      let n = 0;
      const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
        encodeURIComponent(named[name as keyof typeof named] ?? spare[n++ % 4] ?? 'x'),
      );
      return { method: otherMethod ?? route.method, path };
    });
  const junk = fc.record({ method, path: TEXT.map((text) => `/${encodeURIComponent(text)}`) });
  return fc.oneof({ weight: 19, arbitrary: filled }, { weight: 1, arbitrary: junk });
}

const QUERY_KEYS = [
  'from',
  'to',
  'month',
  'lang',
  'format',
  'reason',
  'year',
  'rosterId',
  'actor',
  'before',
  'limit',
  'saved',
];
const queryArb = fc.array(
  fc.tuple(
    fc.constantFrom(...QUERY_KEYS),
    fc.oneof(
      DATE,
      fc.constantFrom('en', 'vi', 'csv', 'xlsx', 'json', 'html', '1', '-1', '500', ROSTER),
    ),
  ),
  { maxLength: 4 },
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset="UTF-8"',
  'application/json; charset=latin1',
  'application/problem+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=B0UNDARY',
  'multipart/form-data; boundary=',
  'text/plain',
  'application/octet-stream',
  ';;;',
];

/** A header that is mostly `likely` (so the fuzz gets past the guards), else another value or absent. */
function header(likely: string | undefined, others: string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(likely) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...others) },
  );
}

function headersArb(target: FuzzTarget): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      // JSON most of the time, so bodies get past the type check to validation and the services.
      'content-type': fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      ),
      authorization: header(`Bearer ${target.adminToken}`, [
        'Bearer nope-nope-nope-nope-nope-nope',
        'Basic eDp5',
        'Bearer',
      ]),
      cookie: header(target.session.cookie, ['lichtruc_admin=forged', 'a=b; lichtruc_admin=']),
      origin: header(target.baseUrl, ['https://evil.example', 'null']),
      'accept-language': header(undefined, ['en', 'vi', 'en-US,en;q=0.9', '*']),
      'if-match': header(undefined, ['*', '"x"', 'W/"1"']),
      'if-none-match': header(undefined, ['*', '"x"']),
      'accept-encoding': header(undefined, ['gzip', 'br', 'identity']),
    })
    .map(
      (headers) =>
        Object.fromEntries(
          Object.entries(headers).filter(([, value]) => value !== undefined),
        ) as Record<string, string>,
    );
}

const encoder = new TextEncoder();

function bodyTextArb(target: FuzzTarget): fc.Arbitrary<string> {
  const near = <T>(valid: T[], arbitrary: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary });
  const member = near(MEMBERS.slice(0, 3), fc.constantFrom(...MEMBERS.slice(3)));
  const day = near(DATES.slice(0, 2), DATE);
  const absence = fc.record({
    memberId: member,
    from: day,
    to: day,
    reason: near(['leave', 'sick'], fc.constantFrom('holiday', '')),
    note: fc.option(TEXT, { nil: undefined }),
  });
  const override = fc.record({
    date: day,
    memberId: member,
    position: fc.option(fc.constantFrom('primary', 'backup', 'x'), { nil: undefined }),
  });
  const swap = fc.record({ first: fc.record({ date: day }), second: fc.record({ date: day }) });
  const other = fc.record(
    {
      correctionReason: TEXT,
      dryRun: fc.boolean(),
      rosterId: fc.constantFrom(ROSTER, 'khong-co'),
      entry: fc.record({ date: day, kind: fc.constantFrom('holiday', 'x'), name: TEXT }),
    },
    { requiredKeys: [] },
  );
  const fact = fc.oneof(absence, override, swap, other);
  const form = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'csrf',
          'token',
          'memberId',
          'date',
          'from',
          'to',
          'kind',
          'reason',
          'note',
          'rosterId',
          'label',
          'correctionReason',
        ),
        fc.oneof(DATE, TEXT, fc.constant(target.session.csrf), fc.constant(target.adminToken)),
      ),
      { maxLength: 6 },
    )
    .map((pairs) => new URLSearchParams(pairs).toString());
  const multipart = fc
    .tuple(
      fc.constantFrom('B0UNDARY', 'other'),
      fc.array(fc.tuple(TEXT, TEXT), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(
      ([boundary, fields, closed]) =>
        `${fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('')}${closed ? `--${boundary}--\r\n` : ''}`,
    );
  return fc.oneof(
    { weight: 4, arbitrary: fact.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: form },
    { weight: 2, arbitrary: multipart },
    { weight: 1, arbitrary: TEXT },
  );
}

function bodyArb(target: FuzzTarget): fc.Arbitrary<FuzzCase['body']> {
  const bytes = fc.oneof(
    { weight: 12, arbitrary: bodyTextArb(target).map((text) => encoder.encode(text)) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    // Over the 256 KiB limit.
    { weight: 1, arbitrary: fc.constant(new Uint8Array(300 * 1024).fill(0x7b)) },
  );
  return fc.option(fc.record({ bytes, chunked: fc.boolean() }), { nil: null, freq: 4 });
}

export function fuzzCaseArb(target: FuzzTarget): fc.Arbitrary<FuzzCase> {
  const routes = target.app.routes.filter((route) => route.method !== 'ALL');
  return fc
    .record({
      route: targetArb(routes),
      query: queryArb,
      headers: headersArb(target),
      body: bodyArb(target),
    })
    .map(({ route, ...rest }) => ({ ...route, ...rest }));
}

/** The request of a case; a chunked body is a stream, so the request has no Content-Length. */
export function requestOf(target: FuzzTarget, fuzz: FuzzCase): Request {
  const url = new URL(fuzz.path, target.baseUrl);
  for (const [key, value] of fuzz.query) url.searchParams.append(key, value);
  const withBody = fuzz.body && fuzz.method !== 'GET' && fuzz.method !== 'HEAD';
  if (!withBody || !fuzz.body)
    return new Request(url, { method: fuzz.method, headers: fuzz.headers });
  const { bytes, chunked } = fuzz.body;
  const body = chunked
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 7000)
            controller.enqueue(bytes.slice(at, at + 7000));
          controller.close();
        },
      })
    : bytes;
  return new Request(url, {
    method: fuzz.method,
    headers: fuzz.headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

async function totalChanges(db: SqlDatabase): Promise<number> {
  return (await db.prepare('SELECT total_changes() AS n').first<{ n: number }>())!.n;
}

/** The rate limiter's counts (key → window and failures): bookkeeping a refused sign-in or token must write. */
async function authFailures(db: SqlDatabase): Promise<Map<string, string>> {
  const { results } = await db
    .prepare('SELECT key, window_start, failures FROM auth_failures')
    .all<{ key: string; window_start: string; failures: number }>();
  return new Map(results.map((row) => [row.key, `${row.window_start}|${row.failures}`]));
}

function rowsDiffering(before: Map<string, string>, after: Map<string, string>): number {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).length;
}

/**
 * Runs one case to the end of its answer: its status, and the rows it changed. A failed sign-in or a bad token is
 * counted by the rate limiter (one row of auth_failures): that is the refusal working, not data changed.
 */
export async function runFuzzCase(target: FuzzTarget, fuzz: FuzzCase): Promise<FuzzOutcome> {
  const before = await totalChanges(target.db);
  const limiterBefore = await authFailures(target.db);
  const response = await target.app.fetch(requestOf(target, fuzz));
  await response.arrayBuffer();
  const counted = rowsDiffering(limiterBefore, await authFailures(target.db));
  const rowsChanged = (await totalChanges(target.db)) - before - counted;
  return { status: response.status, rowsChanged };
}

/** Whether an outcome breaks an invariant, in words; undefined when it holds. */
export function violation(outcome: FuzzOutcome): string | undefined {
  if (outcome.status >= 500) return `answered ${outcome.status}`;
  if (outcome.status >= 400 && outcome.rowsChanged > 0)
    return `refused with ${outcome.status} but changed ${outcome.rowsChanged} rows`;
  return undefined;
}
