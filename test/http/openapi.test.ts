/**
 * The API's guard and its documentation hold for every route, found by walking the app's routes (so a route added
 * tomorrow is covered without touching this file): every /api route but the docs answers 401 without a token, every
 * route is documented, and a route reads its body only through the validator of the schema it documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/http/openapi.ts';
import { problemOf, startTestService, type TestService } from '../support/service.ts';

const PUBLIC_API = ['/api/openapi.json', '/api/docs'];
/** A value for each path parameter that reaches the handler (a real roster, a real day). */
const PARAMS: Record<string, string> = { id: 'so-vhttdl-bac-giang', date: '2024-05-06' };

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
  // Each request from its own address: this sweep sends hundreds of bad tokens, and the rate limiter (tested in
  // sign-in.test.ts) would answer 429 to one address after ten of them.
  let requests = 0;
  service.appDeps.clientAddress = () => `192.0.2.${++requests % 250}:${requests}`;
});

/** The handlers (not middleware) the app answers under /api, as `METHOD /path/:param`. */
function apiRoutes(): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of service.app.routes)
    if (route.method !== 'ALL' && route.path.startsWith('/api/'))
      seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
  return [...seen.values()];
}

const concrete = (path: string) =>
  path.replace(/:([A-Za-z]+)/g, (_, name: string) => PARAMS[name] ?? 'x');

describe('every /api route', () => {
  it('is found by the walk (the sweep below is not empty)', () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(
      ROUTES.filter((route) => route.path.startsWith('/api/')).length,
    );
  });

  it('answers 401 without a token or with a wrong one, and changes nothing', async () => {
    const guarded = apiRoutes().filter((route) => !PUBLIC_API.includes(route.path));
    const before = await service.json('GET', '/api/audit', 200);
    for (const route of guarded)
      for (const token of [null, 'not-the-admin-token-0123456789']) {
        const response = await service.request(route.method, concrete(route.path), {
          token,
          ...(route.method === 'GET' ? {} : { body: {} }),
        });
        expect([route, response.status]).toEqual([route, 401]);
      }
    expect((await service.json('GET', '/api/audit', 200)).body).toEqual(before.body);
  });

  it('is documented in the OpenAPI document, and every documented route exists', () => {
    const documented = ROUTES.filter((route) => route.path.startsWith('/api/'))
      .map((route) => `${route.method.toUpperCase()} ${route.path.replace(/\{([^}]+)\}/g, ':$1')}`)
      .sort();
    const served = apiRoutes()
      .filter((route) => !PUBLIC_API.includes(route.path))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(served).toEqual(documented);
  });
});

describe('a route validates its body with the schema it documents', () => {
  it('no route reads a JSON body except through describe(…).body', () => {
    const dir = join(import.meta.dirname, '../../src/http/routes');
    const readers = /\breadJson\(|\bc\.req\.(json|text|arrayBuffer|blob)\(/;
    const offenders = readdirSync(dir).filter((name) =>
      readers.test(readFileSync(join(dir, name), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  const bodies: unknown[] = [
    [],
    { unexpected: [1] },
    { providers: 7, dryRun: 'x', date: 'x', id: 5 },
  ];

  it.each(
    ROUTES.filter((route) => route.body && route.path.startsWith('/api/')).map((route) => [
      route.method,
      route.path,
      route,
    ]),
  )('%s %s refuses a body exactly as its documented schema does', async (method, path, route) => {
    for (const body of bodies) {
      const expected = route.body!.safeParse(body);
      if (expected.success) continue;
      const response = await service.request(
        method.toUpperCase(),
        concrete(path.replace(/\{([^}]+)\}/g, ':$1')),
        { body, headers: { 'if-match': '"x"' } },
      );
      expect(response.status).toBe(422);
      const fields = (await problemOf(response)).errors?.map((error) => error.field);
      const paths = expected.error.issues.map((issue) => issue.path.join('.'));
      expect(fields?.sort()).toEqual(paths.sort());
    }
  });
});
