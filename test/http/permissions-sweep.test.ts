/**
 * Every API route and admin page × every role, walked from the Hono app's own list of routes: a route missing from
 * EXPECTED fails the test, so no route can be added without deciding who may use it. Each role acts on roster A of
 * its own department; department B's admin must find every roster route of A answered as a missing roster.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import {
  addAccount,
  addDepartmentB,
  ORGANISATION_A,
  ORGANISATION_B,
  ROSTER_A,
  type TestAccount,
} from '../support/accounts.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

type Level = 'public' | 'viewer' | 'roster-manager' | 'org-admin' | 'system-admin';
const ROLES = ['viewer', 'roster-manager', 'org-admin', 'system-admin'] as const;

/** Who may use each route, from the issue: the least role that may, and whether it acts on one roster. */
const EXPECTED: Record<string, { least: Level; roster?: true }> = {
  'GET /api/openapi.json': { least: 'public' },
  'GET /api/docs': { least: 'public' },
  'GET /admin/login': { least: 'public' },
  'POST /admin/login': { least: 'public' },
  'POST /admin/login/link': { least: 'public' },
  'GET /admin/login/link/:token': { least: 'public' },
  'POST /admin/login/link/:token': { least: 'public' },
  'GET /api/rosters': { least: 'viewer' },
  'POST /api/rosters': { least: 'org-admin' },
  'POST /api/rosters/import': { least: 'org-admin' },
  'GET /api/rosters/:id': { least: 'viewer', roster: true },
  'PUT /api/rosters/:id': { least: 'org-admin', roster: true },
  'DELETE /api/rosters/:id': { least: 'org-admin', roster: true },
  'POST /api/rosters/:id/members': { least: 'org-admin', roster: true },
  'PUT /api/rosters/:id/members/:memberId': { least: 'org-admin', roster: true },
  'DELETE /api/rosters/:id/members/:memberId': { least: 'org-admin', roster: true },
  'POST /api/rosters/:id/periods': { least: 'org-admin', roster: true },
  'PUT /api/rosters/:id/periods/:periodId': { least: 'org-admin', roster: true },
  'DELETE /api/rosters/:id/periods/:periodId': { least: 'org-admin', roster: true },
  'GET /api/rosters/:id/schedule': { least: 'viewer', roster: true },
  'GET /api/rosters/:id/report': { least: 'viewer', roster: true },
  'GET /api/rosters/:id/months': { least: 'viewer', roster: true },
  'POST /api/rosters/:id/months/:month/close': { least: 'org-admin', roster: true },
  'GET /api/rosters/:id/absences': { least: 'roster-manager', roster: true },
  'POST /api/rosters/:id/absences': { least: 'roster-manager', roster: true },
  'DELETE /api/rosters/:id/absences/:factId': { least: 'roster-manager', roster: true },
  'GET /api/rosters/:id/overrides': { least: 'roster-manager', roster: true },
  'POST /api/rosters/:id/overrides': { least: 'roster-manager', roster: true },
  'DELETE /api/rosters/:id/overrides/:factId': { least: 'roster-manager', roster: true },
  'GET /api/rosters/:id/swaps': { least: 'roster-manager', roster: true },
  'POST /api/rosters/:id/swaps': { least: 'roster-manager', roster: true },
  'DELETE /api/rosters/:id/swaps/:factId': { least: 'roster-manager', roster: true },
  'POST /api/rosters/:id/sync': { least: 'roster-manager', roster: true },
  'GET /api/rosters/:id/requests': { least: 'roster-manager', roster: true },
  'POST /api/rosters/:id/requests/:requestId/approve': { least: 'roster-manager', roster: true },
  'POST /api/rosters/:id/requests/:requestId/decline': { least: 'roster-manager', roster: true },
  'GET /api/rosters/:id/notices': { least: 'roster-manager', roster: true },
  'POST /api/rosters/:id/notices/:noticeId/resend': { least: 'roster-manager', roster: true },
  'GET /api/rosters/:id/webhooks': { least: 'org-admin', roster: true },
  'POST /api/rosters/:id/webhooks': { least: 'org-admin', roster: true },
  'DELETE /api/rosters/:id/webhooks/:webhookId': { least: 'org-admin', roster: true },
  'POST /api/rosters/:id/webhooks/:webhookId/enable': { least: 'org-admin', roster: true },
  'GET /api/rosters/:id/notice-contacts': { least: 'org-admin', roster: true },
  'POST /api/rosters/:id/notice-contacts': { least: 'org-admin', roster: true },
  'DELETE /api/rosters/:id/notice-contacts/:contactId': { least: 'org-admin', roster: true },
  'GET /api/rosters/:id/members/:memberId/notice-preferences': { least: 'org-admin', roster: true },
  'PUT /api/rosters/:id/members/:memberId/notice-preferences': { least: 'org-admin', roster: true },
  'GET /api/feeds': { least: 'org-admin' },
  'POST /api/feeds': { least: 'org-admin' },
  'DELETE /api/feeds/:id': { least: 'org-admin' },
  'GET /api/holidays/:year': { least: 'viewer' },
  'PUT /api/holidays/days/:date': { least: 'system-admin' },
  'DELETE /api/holidays/days/:date': { least: 'system-admin' },
  'POST /api/sync': { least: 'system-admin' },
  'GET /api/sync/status': { least: 'system-admin' },
  'GET /api/audit': { least: 'system-admin' },
  'GET /api/accounts': { least: 'viewer' },
  'POST /api/accounts': { least: 'org-admin' },
  'GET /api/accounts/:accountId': { least: 'viewer' },
  'DELETE /api/accounts/:accountId': { least: 'org-admin' },
  'PUT /api/accounts/:accountId/email': { least: 'org-admin' },
  'POST /api/accounts/:accountId/tokens': { least: 'viewer' },
  'DELETE /api/accounts/:accountId/tokens/:tokenId': { least: 'viewer' },
  'GET /admin': { least: 'viewer' },
  'POST /admin/logout': { least: 'viewer' },
  'GET /admin/rosters/:id': { least: 'viewer', roster: true },
  'GET /admin/rosters/:id/days/:date': { least: 'roster-manager', roster: true },
  'GET /admin/rosters/:id/days/:date/preview': { least: 'roster-manager', roster: true },
  'POST /admin/rosters/:id/days/:date/confirm': { least: 'roster-manager', roster: true },
  'GET /admin/rosters/:id/absences': { least: 'roster-manager', roster: true },
  'GET /admin/rosters/:id/absences/:absenceId/delete': { least: 'roster-manager', roster: true },
  'POST /admin/rosters/:id/absences/:absenceId/delete': { least: 'roster-manager', roster: true },
  'GET /admin/rosters/:id/members': { least: 'viewer', roster: true },
  'POST /admin/rosters/:id/members': { least: 'org-admin', roster: true },
  'POST /admin/rosters/:id/members/:memberId': { least: 'org-admin', roster: true },
  'GET /admin/rosters/:id/members/:memberId/delete': { least: 'org-admin', roster: true },
  'POST /admin/rosters/:id/members/:memberId/delete': { least: 'org-admin', roster: true },
  'GET /admin/rosters/:id/report': { least: 'viewer', roster: true },
  'GET /admin/rosters/:id/report/file': { least: 'viewer', roster: true },
  'GET /admin/sync': { least: 'system-admin' },
  'POST /admin/sync/:rosterId/preview': { least: 'roster-manager', roster: true },
  'POST /admin/sync/:rosterId/run': { least: 'roster-manager', roster: true },
  'GET /admin/sync/:rosterId/progress': { least: 'roster-manager', roster: true },
  'POST /admin/sync/dead-letters/:seq/rerun': { least: 'system-admin' },
  'GET /admin/feeds': { least: 'system-admin' },
  'POST /admin/feeds': { least: 'system-admin' },
  'GET /admin/feeds/new': { least: 'system-admin' },
  'GET /admin/feeds/:feedId/rotate': { least: 'system-admin' },
  'POST /admin/feeds/:feedId/rotate': { least: 'system-admin' },
  'GET /admin/feeds/:feedId/revoke': { least: 'system-admin' },
  'POST /admin/feeds/:feedId/revoke': { least: 'system-admin' },
  'GET /admin/holidays': { least: 'system-admin' },
  'POST /admin/holidays/notice': { least: 'system-admin' },
  'POST /admin/holidays/days/:date/in-force': { least: 'system-admin' },
  'POST /admin/holidays/day-off': { least: 'system-admin' },
  'GET /admin/holidays/revert': { least: 'system-admin' },
  'POST /admin/holidays/revert': { least: 'system-admin' },
  'GET /admin/audit': { least: 'system-admin' },
  'GET /admin/rosters/:id/requests': { least: 'roster-manager', roster: true },
  'POST /admin/rosters/:id/requests/:requestId/approve': { least: 'roster-manager', roster: true },
  'POST /admin/rosters/:id/requests/:requestId/decline': { least: 'roster-manager', roster: true },
  'GET /admin/notices': { least: 'system-admin' },
  'POST /admin/notices/:rosterId/:noticeId/resend': { least: 'roster-manager', roster: true },
  'POST /admin/notices/:rosterId/webhooks': { least: 'org-admin', roster: true },
  'POST /admin/notices/:rosterId/webhooks/:webhookId/delete': { least: 'org-admin', roster: true },
  'POST /admin/notices/:rosterId/webhooks/:webhookId/enable': { least: 'org-admin', roster: true },
  'POST /admin/notices/:rosterId/contacts': { least: 'org-admin', roster: true },
  'POST /admin/notices/:rosterId/contacts/:contactId/delete': { least: 'org-admin', roster: true },
  'GET /admin/import': { least: 'system-admin' },
  'POST /admin/import': { least: 'system-admin' },
  'GET /admin/accounts': { least: 'org-admin' },
  'POST /admin/accounts': { least: 'org-admin' },
  'GET /admin/accounts/:accountId/disable': { least: 'org-admin' },
  'POST /admin/accounts/:accountId/disable': { least: 'org-admin' },
  'GET /admin/accounts/:accountId/password': { least: 'org-admin' },
  'POST /admin/accounts/:accountId/password': { least: 'org-admin' },
  'GET /admin/accounts/:accountId/email': { least: 'org-admin' },
  'POST /admin/accounts/:accountId/email': { least: 'org-admin' },
  'GET /admin/password': { least: 'viewer' },
  'POST /admin/password': { least: 'viewer' },
  'GET /admin/tokens': { least: 'viewer' },
  'POST /admin/tokens': { least: 'viewer' },
  'GET /admin/tokens/new': { least: 'viewer' },
  'GET /admin/accounts/:accountId/tokens/:tokenId/revoke': { least: 'viewer' },
  'POST /admin/accounts/:accountId/tokens/:tokenId/revoke': { least: 'viewer' },
};

const RANK: Record<Level, number> = {
  public: -1,
  viewer: 0,
  'roster-manager': 1,
  'org-admin': 2,
  'system-admin': 3,
};

/** The routes the app registers under /api and /admin, as `METHOD path`, signing out last. */
function registeredRoutes(): string[] {
  const app = createApp({} as never);
  const keys = app.routes
    .filter((route) => route.method !== 'ALL' && /^\/(api|admin)(\/|$)/.test(route.path))
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(keys)].sort(
    (a, b) => Number(a.endsWith('logout')) - Number(b.endsWith('logout')),
  );
}

const VALUES: Record<string, string> = {
  id: ROSTER_A,
  rosterId: ROSTER_A,
  date: '2024-05-06',
  month: '2024-05',
  year: '2024',
};
const concrete = (path: string, values: Record<string, string> = VALUES) =>
  path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'khong-co-0');
/** The same addresses with a roster id that exists nowhere. */
const MISSING_ROSTER = { ...VALUES, id: 'khong-ton-tai', rosterId: 'khong-ton-tai' };

let service: TestService;
const accounts = new Map<string, TestAccount>();
const sessions = new Map<string, { cookie: string; csrf: string }>();
const pages = pagesOf(() => service);

beforeAll(async () => {
  service = await startTestService();
  await addDepartmentB(service);
  accounts.set('viewer', await addAccount(service, 'lanh-dao', 'viewer', ORGANISATION_A));
  accounts.set(
    'roster-manager',
    await addAccount(service, 'can-bo', 'roster-manager', ORGANISATION_A, [ROSTER_A]),
  );
  accounts.set('org-admin', await addAccount(service, 'quan-tri-a', 'org-admin', ORGANISATION_A));
  accounts.set('system-admin', await addAccount(service, 'quan-tri-he-thong', 'system-admin'));
  accounts.set(
    'other-org-admin',
    await addAccount(service, 'quan-tri-b', 'org-admin', ORGANISATION_B),
  );
}, 60_000);

async function sessionOf(who: string) {
  let session = sessions.get(who);
  if (!session) {
    const account = accounts.get(who)!;
    const form = { account: account.id, password: account.password };
    const { response } = await pages.page('POST', '/admin/login', { form });
    expect(response.status, `${who} signs in`).toBe(303);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const home = await pages.page('GET', '/admin', { cookie });
    session = { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(home.html)![1]! };
    sessions.set(who, session);
  }
  return session;
}

async function call(
  who: string,
  key: string,
  values = VALUES,
): Promise<{ status: number; text: string }> {
  const [method, path] = key.split(' ') as [string, string];
  const url = concrete(path, values);
  if (path.startsWith('/api')) {
    const response = await service.request(method, url, { token: accounts.get(who)!.token });
    return { status: response.status, text: await response.text() };
  }
  const session = await sessionOf(who);
  const form = method === 'POST' ? { csrf: session.csrf } : undefined;
  const { response, html } = await pages.page(method, url, {
    cookie: session.cookie,
    ...(form ? { form } : {}),
  });
  if (key === 'POST /admin/logout') sessions.delete(who);
  return { status: response.status, text: html };
}

/** The answer of a roster that does not exist (problem+json, on the pages as in the API). */
function hiddenRoster(text: string): boolean {
  try {
    return (
      (JSON.parse(text) as { detail?: string }).detail === `roster "${ROSTER_A}" does not exist`
    );
  } catch {
    return false;
  }
}

describe('the permissions sweep', () => {
  const routes = registeredRoutes();

  it('has a rule for every registered route, and no rule for a route that is gone', () => {
    expect(routes.filter((key) => !(key in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((key) => !routes.includes(key))).toEqual([]);
  });

  it.each(ROLES)(
    '%s: allowed where its role reaches, 403 elsewhere',
    async (role) => {
      const outcomes: string[] = [];
      for (const key of routes) {
        const rule = EXPECTED[key];
        if (!rule || rule.least === 'public') continue;
        const { status, text } = await call(role, key);
        const allowed = RANK[role] >= RANK[rule.least];
        const ok = allowed
          ? status !== 401 && status !== 403 && !hiddenRoster(text)
          : status === 403;
        if (!ok) outcomes.push(`${key} → ${status} (expected ${allowed ? 'allowed' : '403'})`);
      }
      expect(outcomes).toEqual([]);
    },
    60_000,
  );

  it('department B’s admin finds every roster route of department A answered as a missing roster', async () => {
    const leaks: string[] = [];
    for (const key of routes.filter((candidate) => EXPECTED[candidate]?.roster)) {
      const { status, text } = await call('other-org-admin', key);
      // The API names the roster as missing; a page answers exactly as it does for a roster that does not exist.
      const hidden = key.includes(' /api/')
        ? hiddenRoster(text)
        : text.replaceAll(ROSTER_A, MISSING_ROSTER.id) ===
          (await call('other-org-admin', key, MISSING_ROSTER)).text;
      if (status !== 404 || !hidden) leaks.push(`${key} → ${status}`);
    }
    expect(leaks).toEqual([]);
  }, 60_000);
});
