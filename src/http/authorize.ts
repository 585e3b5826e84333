/**
 * The one authorization check of /api and /admin: it finds the route Hono matched, looks its rule up in
 * ROUTE_POLICY and decides for the request's principal. A roster the principal may not see answers exactly as a
 * roster that does not exist, so nobody learns another organisation's roster ids.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import {
  decide,
  type Permission,
  type Principal,
  type RosterTarget,
} from '../domain/permissions.ts';
import { forbidden, notFound } from '../services/errors.ts';
import { UnreadableRosterError } from '../storage/records.ts';
import type { HonoEnv } from './env.ts';
import { languageOf, translator } from './pages/layout.ts';
import { refusedPage } from './pages/login-page.ts';
import { PUBLIC_ROUTES, ROUTE_POLICY, type RouteRule } from './route-policy.ts';

const SYSTEM_ONLY: RouteRule = { permission: 'system' };

/** `METHOD path` of the handler Hono matched (middleware is registered as ALL); null when nothing matched. */
export function matchedRouteKey(c: Context<HonoEnv>): { key: string; path: string } | null {
  const route = matchedRoutes(c).find((candidate) => candidate.method !== 'ALL');
  return route ? { key: `${route.method} ${route.path}`, path: route.path } : null;
}

/** A path parameter of the matched route, read from the URL (a middleware sees no handler's parameters). */
function paramOf(c: Context<HonoEnv>, routePath: string, name: string): string | undefined {
  const pattern = routePath.split('/');
  const actual = c.req.path.split('/');
  const index = pattern.indexOf(`:${name}`);
  const raw = index >= 0 ? actual[index] : undefined;
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

async function rosterTarget(c: Context<HonoEnv>, rosterId: string): Promise<RosterTarget | null> {
  try {
    const stored = await c.get('deps').store.getRoster(rosterId);
    return stored ? { id: stored.id, organisationId: stored.roster.organisation.id } : null;
  } catch (error) {
    // A definition that no longer reads still belongs to its organisation (none readable: system admins only).
    if (!(error instanceof UnreadableRosterError)) throw error;
    return { id: rosterId, organisationId: error.record.organisationId ?? '' };
  }
}

/**
 * The same decision for a roster a handler learns from a body or another record (a feed's roster): throws the
 * answer of a missing roster when the principal may not see it, 403 when it may see but not do.
 */
export async function requireOnRoster(
  c: Context<HonoEnv>,
  permission: Permission,
  rosterId: string,
): Promise<void> {
  const principal = c.get('principal');
  if (!principal) throw new Error('a roster check without a principal');
  const roster = await rosterTarget(c, rosterId);
  if (!roster) throw notFound(`roster "${rosterId}"`);
  const decision = decide(principal, permission, roster);
  if (decision === 'hidden') throw notFound(`roster "${rosterId}"`);
  if (decision === 'forbidden') throw forbidden(`${principal.id} may not do this on ${rosterId}`);
}

function refuse(c: Context<HonoEnv>, principal: Principal) {
  const why = `${principal.id} (${principal.role}) may not ${c.req.method} ${c.req.path}`;
  if (!c.req.path.startsWith('/admin')) throw forbidden(why);
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  return c.html(
    refusedPage(
      language,
      t('Tài khoản của bạn không có quyền này.', 'Your account may not do this.'),
    ),
    403,
  );
}

export const authorize: MiddlewareHandler<HonoEnv> = async (c, next) => {
  const matched = matchedRouteKey(c);
  if (!matched || PUBLIC_ROUTES.has(matched.key)) return next();
  const principal = c.get('principal');
  if (!principal) throw new Error(`${matched.key} reached authorization without a principal`);
  const rule = ROUTE_POLICY[matched.key] ?? SYSTEM_ONLY;
  let roster: RosterTarget | null | undefined;
  if (rule.roster) {
    const rosterId = paramOf(c, matched.path, rule.roster) ?? '';
    roster = await rosterTarget(c, rosterId);
    // A missing roster: system admins reach the handler's own answer; others get the same 404 as a hidden one.
    if (!roster && principal.role !== 'system-admin') throw notFound(`roster "${rosterId}"`);
  }
  const decision = decide(principal, rule.permission, roster);
  if (decision === 'hidden') throw notFound(`roster "${roster?.id}"`);
  if (decision === 'forbidden') return refuse(c, principal);
  return next();
};
