/**
 * The HTTP surface fuzzed with a fixed seed (test/support/http-fuzz.ts; the long run is bench/http-fuzz.bench.ts):
 * whatever the route, headers and body, no answer is a 5xx and no refused request changes a row.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import {
  type FuzzCase,
  type FuzzTarget,
  fuzzCaseArb,
  runFuzzCase,
  violation,
} from '../support/http-fuzz.ts';
import { ADMIN_TOKEN, PUBLIC_URL, startTestService, type TestService } from '../support/service.ts';

const SEED = 20261202;
const RUNS = 400;
let service: TestService;
let target: FuzzTarget;

beforeAll(async () => {
  service = await startTestService();
  const session = await pagesOf(() => service).signIn();
  target = {
    app: service.app,
    db: service.ctx.store.db,
    baseUrl: PUBLIC_URL,
    adminToken: ADMIN_TOKEN,
    session,
  };
});

it(`${RUNS} fuzzed requests: no 5xx, and no refused request changes data (seed ${SEED})`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fuzzCaseArb(target), async (fuzz: FuzzCase) => {
      const outcome = await runFuzzCase(target, fuzz);
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      expect(violation(outcome)).toBeUndefined();
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // The fuzz reaches past the guards: it is refused in several ways and also gets through.
  const seen = [...statuses.keys()];
  for (const status of [200, 400, 401, 403, 404, 413, 415, 422]) expect(seen).toContain(status);
});
