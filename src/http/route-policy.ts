/**
 * What every API route and admin page needs, in one table: the permission, and the path parameter naming the
 * roster it acts on (checked against the roster's organisation). A route missing here is open to system admins
 * only, and `test/http/permissions-sweep.test.ts` fails until it is added.
 *
 * Routes outside /api and /admin (feeds, /my, health) are opened by their own secrets and are not listed.
 */
import type { Permission } from '../domain/permissions.ts';

export interface RouteRule {
  permission: Permission;
  /** The path parameter holding the roster id, when the route acts on one roster. */
  roster?: string;
}

const read = (roster = 'id'): RouteRule => ({ permission: 'roster.read', roster });
const facts = (roster = 'id'): RouteRule => ({ permission: 'roster.facts', roster });
const manage = (roster = 'id'): RouteRule => ({ permission: 'roster.manage', roster });
const SYSTEM: RouteRule = { permission: 'system' };
const SIGNED_IN: RouteRule = { permission: 'signed-in' };

/** Keyed by `METHOD path` as registered with Hono. */
export const ROUTE_POLICY: Readonly<Record<string, RouteRule>> = {
  // Lists filter themselves to what the principal may see; creating checks the new roster's organisation.
  'GET /api/rosters': SIGNED_IN,
  'POST /api/rosters': { permission: 'organisation.manage' },
  // Reads a letter into a draft; nothing is stored.
  'POST /api/rosters/import': { permission: 'organisation.manage' },
  'GET /api/rosters/:id': read(),
  'PUT /api/rosters/:id': manage(),
  'DELETE /api/rosters/:id': manage(),
  'POST /api/rosters/:id/members': manage(),
  'PUT /api/rosters/:id/members/:memberId': manage(),
  'DELETE /api/rosters/:id/members/:memberId': manage(),
  'POST /api/rosters/:id/periods': manage(),
  'PUT /api/rosters/:id/periods/:periodId': manage(),
  'DELETE /api/rosters/:id/periods/:periodId': manage(),
  'GET /api/rosters/:id/schedule': read(),
  'GET /api/rosters/:id/report': read(),
  'GET /api/rosters/:id/months': read(),
  'POST /api/rosters/:id/months/:month/close': manage(),
  'GET /api/rosters/:id/absences': facts(),
  'POST /api/rosters/:id/absences': facts(),
  'DELETE /api/rosters/:id/absences/:factId': facts(),
  'GET /api/rosters/:id/overrides': facts(),
  'POST /api/rosters/:id/overrides': facts(),
  'DELETE /api/rosters/:id/overrides/:factId': facts(),
  'GET /api/rosters/:id/swaps': facts(),
  'POST /api/rosters/:id/swaps': facts(),
  'DELETE /api/rosters/:id/swaps/:factId': facts(),
  'POST /api/rosters/:id/sync': facts(),
  // Staff requests are decided by those who manage the roster's facts.
  'GET /api/rosters/:id/requests': facts(),
  'POST /api/rosters/:id/requests/:requestId/approve': facts(),
  'POST /api/rosters/:id/requests/:requestId/decline': facts(),
  // The notice log and resending are day-to-day work; webhooks (their secrets), contacts and preferences are setup.
  'GET /api/rosters/:id/notices': facts(),
  'POST /api/rosters/:id/notices/:noticeId/resend': facts(),
  'GET /api/rosters/:id/webhooks': manage(),
  'POST /api/rosters/:id/webhooks': manage(),
  'DELETE /api/rosters/:id/webhooks/:webhookId': manage(),
  'POST /api/rosters/:id/webhooks/:webhookId/enable': manage(),
  'GET /api/rosters/:id/notice-contacts': manage(),
  'POST /api/rosters/:id/notice-contacts': manage(),
  'DELETE /api/rosters/:id/notice-contacts/:contactId': manage(),
  'GET /api/rosters/:id/members/:memberId/notice-preferences': manage(),
  'PUT /api/rosters/:id/members/:memberId/notice-preferences': manage(),
  // Feed links name their roster in the body or the feed: routes/feeds.ts checks it (requireOnRoster).
  'GET /api/feeds': { permission: 'organisation.manage' },
  'POST /api/feeds': { permission: 'organisation.manage' },
  'DELETE /api/feeds/:id': { permission: 'organisation.manage' },
  // Holidays, the whole push and the whole audit log span organisations: system admins only for now.
  'GET /api/holidays/:year': SIGNED_IN,
  'PUT /api/holidays/days/:date': SYSTEM,
  'DELETE /api/holidays/days/:date': SYSTEM,
  'POST /api/sync': SYSTEM,
  'GET /api/sync/status': SYSTEM,
  'GET /api/audit': SYSTEM,
  // Accounts check the target account themselves (services/account-access.ts).
  'GET /api/accounts': SIGNED_IN,
  'POST /api/accounts': { permission: 'organisation.manage' },
  'GET /api/accounts/:accountId': SIGNED_IN,
  'DELETE /api/accounts/:accountId': { permission: 'organisation.manage' },
  'PUT /api/accounts/:accountId/email': { permission: 'organisation.manage' },
  'POST /api/accounts/:accountId/tokens': SIGNED_IN,
  'DELETE /api/accounts/:accountId/tokens/:tokenId': SIGNED_IN,

  'GET /admin': SIGNED_IN,
  'POST /admin/logout': SIGNED_IN,
  'GET /admin/rosters/:id': read(),
  'GET /admin/rosters/:id/days/:date': facts(),
  'GET /admin/rosters/:id/days/:date/preview': facts(),
  'POST /admin/rosters/:id/days/:date/confirm': facts(),
  'GET /admin/rosters/:id/absences': facts(),
  'GET /admin/rosters/:id/absences/:absenceId/delete': facts(),
  'POST /admin/rosters/:id/absences/:absenceId/delete': facts(),
  'GET /admin/rosters/:id/members': read(),
  'POST /admin/rosters/:id/members': manage(),
  'POST /admin/rosters/:id/members/:memberId': manage(),
  'GET /admin/rosters/:id/members/:memberId/delete': manage(),
  'POST /admin/rosters/:id/members/:memberId/delete': manage(),
  'GET /admin/rosters/:id/report': read(),
  'GET /admin/rosters/:id/report/file': read(),
  'GET /admin/sync': SYSTEM,
  'POST /admin/sync/:rosterId/preview': facts('rosterId'),
  'POST /admin/sync/:rosterId/run': facts('rosterId'),
  'GET /admin/sync/:rosterId/progress': facts('rosterId'),
  // The sync page that lists dead letters is for system admins; so is re-running one (it may concern many rosters).
  'POST /admin/sync/dead-letters/:seq/rerun': SYSTEM,
  'GET /admin/feeds': SYSTEM,
  'POST /admin/feeds': SYSTEM,
  'GET /admin/feeds/new': SYSTEM,
  'GET /admin/feeds/:feedId/rotate': SYSTEM,
  'POST /admin/feeds/:feedId/rotate': SYSTEM,
  'GET /admin/feeds/:feedId/revoke': SYSTEM,
  'POST /admin/feeds/:feedId/revoke': SYSTEM,
  'GET /admin/holidays': SYSTEM,
  'POST /admin/holidays/notice': SYSTEM,
  'POST /admin/holidays/days/:date/in-force': SYSTEM,
  'POST /admin/holidays/day-off': SYSTEM,
  'GET /admin/holidays/revert': SYSTEM,
  'POST /admin/holidays/revert': SYSTEM,
  'GET /admin/audit': SYSTEM,
  'GET /admin/rosters/:id/requests': facts(),
  'POST /admin/rosters/:id/requests/:requestId/approve': facts(),
  'POST /admin/rosters/:id/requests/:requestId/decline': facts(),
  // The notices page lists every roster: system admins; its forms act on one roster.
  'GET /admin/notices': SYSTEM,
  'POST /admin/notices/:rosterId/:noticeId/resend': facts('rosterId'),
  'POST /admin/notices/:rosterId/webhooks': manage('rosterId'),
  'POST /admin/notices/:rosterId/webhooks/:webhookId/delete': manage('rosterId'),
  'POST /admin/notices/:rosterId/webhooks/:webhookId/enable': manage('rosterId'),
  'POST /admin/notices/:rosterId/contacts': manage('rosterId'),
  'POST /admin/notices/:rosterId/contacts/:contactId/delete': manage('rosterId'),
  // Creates a roster from the draft without checking its organisation against the account's: system admins only.
  'GET /admin/import': SYSTEM,
  'POST /admin/import': SYSTEM,
  'GET /admin/accounts': { permission: 'organisation.manage' },
  'POST /admin/accounts': { permission: 'organisation.manage' },
  'GET /admin/accounts/:accountId/disable': { permission: 'organisation.manage' },
  'POST /admin/accounts/:accountId/disable': { permission: 'organisation.manage' },
  'GET /admin/accounts/:accountId/password': { permission: 'organisation.manage' },
  'POST /admin/accounts/:accountId/password': { permission: 'organisation.manage' },
  'GET /admin/accounts/:accountId/email': { permission: 'organisation.manage' },
  'POST /admin/accounts/:accountId/email': { permission: 'organisation.manage' },
  // One's own password and API tokens; the token pages check the account themselves (services/account-access.ts).
  'GET /admin/password': SIGNED_IN,
  'POST /admin/password': SIGNED_IN,
  'GET /admin/tokens': SIGNED_IN,
  'POST /admin/tokens': SIGNED_IN,
  'GET /admin/tokens/new': SIGNED_IN,
  'GET /admin/accounts/:accountId/tokens/:tokenId/revoke': SIGNED_IN,
  'POST /admin/accounts/:accountId/tokens/:tokenId/revoke': SIGNED_IN,
};

/** Routes anyone may open without signing in. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /admin/login',
  'POST /admin/login',
  // One-time sign-in links by e-mail: asked for, opened and used before any session.
  'POST /admin/login/link',
  'GET /admin/login/link/:token',
  'POST /admin/login/link/:token',
]);
